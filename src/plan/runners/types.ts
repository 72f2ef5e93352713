// What one runner's reader gives the plan: the state its tracking table records, compared with the
// repository's migrations the way that runner compares them. Messages are the rules' message ids
// (src/rules/pending-*.ts, target-*.ts) with their data; the plan turns them into findings.

import type { LayoutName, Migration } from '../../discover/types.js';
import type { ResolvedTable, TableName } from '../tracking-table.js';
import type { TargetSession } from '../target.js';

export type MessageData = Record<string, string | number>;

export interface PlanIssue {
  messageId: string;
  data: MessageData;
  /** The repository's migration it is about; absent for an applied one that has no file. */
  migration?: Migration;
  /** The name the runner recorded, when there is no file. */
  recorded?: string;
}

export interface RunnerPlan {
  /** The runner, as messages name it: `Prisma Migrate`. */
  runner: string;
  layout: LayoutName;
  /** `schema.name` of the tracking table read (or looked for). */
  table: string;
  /** Migrations the tracking table records as applied (also those without a file). */
  appliedCount: number;
  /** What the runner will apply next, in its order. */
  pending: Migration[];
  skipped: PlanIssue[];
  missing: PlanIssue[];
  mismatched: PlanIssue[];
  failed: PlanIssue[];
  notes: string[];
}

/** What the config says about the runner in the target (`tracking:`). */
export interface TrackingSettings {
  /** `schema.name` or `name` of the tracking table, when not the runner's default. */
  table?: string;
  /** Plain files: the column holding the migration's name. */
  nameColumn?: string;
  /** Plain files: the column holding its checksum (hex). */
  checksumColumn?: string;
  checksum: 'sha256' | 'md5';
  /** The runner applies a pending migration older than the newest applied one (Flyway outOfOrder, goose -allow-missing); undefined: the runner's default. */
  outOfOrder?: boolean;
}

export interface RunnerContext {
  session: TargetSession;
  migrations: readonly Migration[];
  settings: TrackingSettings;
  /** Reads a migration's bytes as the runner reads them (its file on disk). */
  read(migration: Migration): Buffer;
}

export interface RunnerReader {
  runner: string;
  /** The runner's own table, and where the runner lets it be changed (for the "no tracking table" message). */
  defaultTable: TableName;
  howToConfigure: string;
  /** Compares the table's rows with the migrations; `table` is undefined when it does not exist. */
  plan(context: RunnerContext, table: ResolvedTable | undefined): Promise<Omit<RunnerPlan, 'table' | 'layout' | 'runner'>>;
}

export function emptyPlan(): Omit<RunnerPlan, 'table' | 'layout' | 'runner'> {
  return { appliedCount: 0, pending: [], skipped: [], missing: [], mismatched: [], failed: [], notes: [] };
}
