// Builds the view the set rules look at from what the earlier stages produced.

import { readFileSync } from 'node:fs';
import type { DiscoveryResult, GitChanges, Migration } from '../discover/index.js';
import { maskOutside } from '../discover/index.js';
import { parseSource } from '../sql/parse.js';
import { decodeSource } from '../sql/source.js';
import type { LintedFile } from './lint-files.js';
import type { MigrationSetView } from './set-model.js';

export interface SetViewInput {
  discovery: DiscoveryResult;
  /** The directory at the base ref, when there is a base. */
  baseDiscovery: DiscoveryResult | undefined;
  changes: GitChanges | undefined;
  checked: ReadonlyArray<{ migration: Migration; status: 'new' | 'modified' }>;
  /** Lint results of the checked migrations, by path. */
  linted: ReadonlyMap<string, LintedFile>;
}

/** The parser must be loaded (the lint stage ran before). */
export function buildSetView(input: SetViewInput): MigrationSetView {
  return {
    layout: input.discovery.layout,
    migrations: input.discovery.migrations,
    checked: input.checked.map(({ migration, status }) => {
      const linted = input.linted.get(migration.path);
      return {
        migration,
        status,
        header: linted?.header ?? { fields: new Map(), endLine: 1 },
        findings: linted?.findings ?? [],
        hasRollback: hasRollback(migration),
      };
    }),
    base: input.baseDiscovery?.migrations,
    changes: input.changes,
    problems: input.discovery.problems,
  };
}

/** A rollback counts when it holds at least one statement: an empty down section rolls nothing back. */
function hasRollback(migration: Migration): boolean {
  const { rollback } = migration;
  if (rollback.kind === 'none') return false;
  try {
    const raw = readFileSync(rollback.kind === 'file' ? rollback.absolutePath : migration.absolutePath);
    const bytes = rollback.kind === 'file' ? raw : maskOutside(raw, rollback.ranges);
    const decoded = decodeSource(migration.path, bytes);
    if (!decoded.ok) return true; // unreadable, but there is something: the database stage says more
    const parsed = parseSource(decoded.source);
    return parsed.statements.length > 0 || parsed.syntaxErrors.length > 0;
  } catch {
    return false;
  }
}
