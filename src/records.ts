// One record per file of the report, keyed by its path: each stage adds what it found to the record
// of the migration it is about (the static lint, the database stage, the set rules), and the report
// is built from the records in their order. No stage pairs its results with another's by position.

import type { Migration } from './discover/index.js';
import type { LintedFile } from './lint/lint-files.js';
import type { FileFindings, MigrationStatus } from './report/report.js';
import type { Finding } from './types.js';

export interface MigrationRecord {
  path: string;
  status: MigrationStatus;
  /** The discovered migration; absent for other files (a journal, a rollback file, a deleted file). */
  migration?: Migration;
  /** The static stage's result: header, file-wide ignores of later stages. */
  lint?: LintedFile;
  /** Every finding so far, whatever stage reported it. */
  findings: Finding[];
  apply?: FileFindings['apply'];
  rollback?: FileFindings['rollback'];
  locks?: FileFindings['locks'];
}

export class MigrationRecords {
  private readonly order: MigrationRecord[] = [];
  private readonly byPath = new Map<string, MigrationRecord>();

  get(path: string): MigrationRecord | undefined {
    return this.byPath.get(path);
  }

  /** Adds a record at the end, or right after the record of `after` when given. */
  add(record: MigrationRecord, after?: string): MigrationRecord {
    const existing = this.byPath.get(record.path);
    if (existing) throw new Error(`two records for ${record.path}`);
    const anchor = after === undefined ? undefined : this.byPath.get(after);
    if (anchor) this.order.splice(this.order.indexOf(anchor) + 1, 0, record);
    else this.order.push(record);
    this.byPath.set(record.path, record);
    return record;
  }

  /** The record of `path`, created at the end with `status` when there is none yet. */
  ensure(path: string, status: () => MigrationStatus): MigrationRecord {
    return this.byPath.get(path) ?? this.add({ path, status: status(), findings: [] });
  }

  all(): readonly MigrationRecord[] {
    return this.order;
  }

  /** The records as report rows, each row's findings in line order. */
  rows(): FileFindings[] {
    return this.order.map(({ path, status, findings, apply, rollback, locks }) => ({
      path,
      status,
      findings: [...findings].sort(byPosition),
      ...(apply ? { apply } : {}),
      ...(rollback ? { rollback } : {}),
      ...(locks ? { locks } : {}),
    }));
  }
}

export function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
