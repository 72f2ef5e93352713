// `plan`: the deploy gate. Reads the target database (read-only, target.ts), works out what its
// runner will do on the next deploy (read-applied.ts, runners/*), looks at sessions and indexes
// that make that deploy risky (target-checks.ts), and reports it as findings of the plan rules
// and the report's `plan` section.

import { resolveSeverities, sizeLimitsOf, type Config } from '../config.js';
import { discoverSets } from '../gate.js';
import { createFinding, type MessageData } from '../lint/findings.js';
import { buildReport, type ApplyResult, type FileFindings, type MigrationStatus, type Report } from '../report/report.js';
import type { DiscoveryResult } from '../discover/types.js';
import type { Finding, SeveritySetting } from '../types.js';
import type { PlanSection, PlanSetSummary, PlanStep } from './plan-section.js';
import { PlanServer } from './plan-server.js';
import { NOTHING_PENDING, rehearse } from './rehearsal.js';
import { lockedTables, planLocks, weighFindings } from './size-risk.js';
import { readTableSizes } from './table-sizes.js';
import { readRunnerPlan } from './read-applied.js';
import type { PlanIssue, RunnerPlan, TrackingSettings } from './runners/types.js';
import { findDrift, type DriftOptions, type DriftOutcome } from './schema-drift.js';
import { withTarget, type TargetSession } from './target.js';
import { formatAge, readInvalidIndexes, readSessions } from './target-checks.js';
import { touchedTables, type TableUse } from './touched-tables.js';

export interface PlanOptions {
  cwd: string;
  config: Config;
  /** Migrations directory (or glob); the config's `migrations` when absent. */
  dir?: string;
  /** The database the deploy migrates. Only read. */
  targetUrl: string;
  /**
   * The gate's own Postgres, where schema-drift replays the applied migrations (scratch databases
   * only, as `check`); absent: a temporary server.
   */
  databaseUrl?: string;
  /** One line for the user (stderr in the CLI), e.g. that a temporary server started. */
  log?: (line: string) => void;
}

export async function runPlan(options: PlanOptions): Promise<Report> {
  const sets = await discoverSets({ cwd: options.cwd, config: options.config, ...(options.dir ? { dir: options.dir } : {}) });
  const severities = resolveSeverities(options.config);
  const tracking = trackingSettingsOf(options.config);
  const longTransactionMs = options.config.plan?.['long-transaction'] ?? 300_000;
  const limits = sizeLimitsOf(options.config.plan);
  const connectTimeoutMs = options.config.database['connect-timeout'] || 10_000;
  // The drift replay and the rehearsal share one temporary server when no URL is given.
  let server: PlanServer | undefined;
  try {
    // 1. What the target has and what stands in the way, in one read-only session.
    const read = await withTarget(
      options.targetUrl,
      async (session) => {
        server = options.databaseUrl === undefined ? new PlanServer(session.serverMajor, options.log) : undefined;
        const rows = new Rows();
        const summaries: PlanSetSummary[] = [];
        const plans: Array<{ plan: RunnerPlan; discovery: DiscoveryResult }> = [];
        /** Each pending step with the tables it touches, for their sizes once all are known. */
        const steps: Array<{ step: PlanStep; tables: string[] }> = [];
        const notes: string[] = [];
        const allTables = new Map<string, TableUse>();
        for (const set of sets) {
          const plan = await readRunnerPlan(session, set.discovery, tracking);
          plans.push({ plan, discovery: set.discovery });
          const dir = set.discovery.dir;
          addRunnerFindings(rows, severities, plan, dir);
          const pending: PlanStep[] = [];
          for (const [index, migration] of plan.pending.entries()) {
            const touched = await touchedTables([migration]);
            for (const [table, use] of touched) if (!allTables.has(table)) allTables.set(table, use);
            const step: PlanStep = { step: index + 1, path: migration.path, tables: [], risk: 'none', locks: [] };
            pending.push(step);
            steps.push({ step, tables: [...touched.keys()] });
          }
          summaries.push({
            dir,
            layout: plan.layout,
            runner: plan.runner,
            trackingTable: plan.table,
            applied: plan.appliedCount,
            pending,
            skipped: plan.skipped.map((issue) => issue.migration?.path ?? issue.recorded ?? ''),
            notes: plan.notes,
          });
        }
        // Each pending step's existing tables with the target's sizes (those the target has).
        const sizes = await readTableSizes(session, [...allTables.keys()]);
        for (const { step, tables } of steps) step.tables = tables.flatMap((table) => sizes.get(table) ?? []);
        const where = sets[0]?.discovery.dir ?? '.';
        const sessions = await readSessions(session, allTables, longTransactionMs);
        notes.push(...sessions.notes);
        for (const lock of sessions.locks) {
          rows.add(severities, lock.use.path, 'base', 'blocking-session', 'lock', lock.use.line, {
            what: lock.use.what,
            path: lock.use.path,
            line: lock.use.line,
            pid: lock.pid,
            who: whoOf(lock.user, lock.application),
            holds: lock.granted ? 'holds' : 'waits for',
            mode: lock.mode,
            table: lock.table,
            age: lock.transactionSeconds === null ? '' : `, in a transaction open for ${formatAge(lock.transactionSeconds)}`,
          });
        }
        for (const long of sessions.longTransactions) {
          rows.add(severities, where, 'base', 'blocking-session', 'long-transaction', 1, {
            pid: long.pid,
            who: whoOf(long.user, long.application),
            age: formatAge(long.transactionSeconds),
            limit: formatAge(Math.round(longTransactionMs / 1000)),
            state: long.state ? `, ${long.state}` : '',
          });
        }
        for (const invalid of await readInvalidIndexes(session)) {
          rows.add(severities, where, 'base', 'target-invalid-index', 'invalid', 1, { index: invalid.index, table: invalid.table });
        }
        const drift = await driftOf(session, options, severities, plans, server);
        for (const object of drift.objects) {
          const messageId = object.change;
          rows.add(severities, where, 'base', 'schema-drift', messageId, 1, { object: object.object, details: object.details.join('; ') });
        }
        if (drift.drift.status === 'not-compared' && severities.get('schema-drift') !== 'off') notes.push(`schema-drift: not compared: ${drift.drift.reason ?? ''}`);
        if (drift.drift.note) notes.push(`schema-drift: ${drift.drift.note}`);
        return { rows, summaries, plans, steps, notes, sizes, drift, serverVersion: session.serverVersion, serverMajor: session.serverMajor };
      },
      { connectTimeoutMs },
    );

    // 2. The rehearsal, on the gate's own Postgres: the target's session is closed meanwhile, so that
    // no transaction of the plan stays open on it while the migrations are applied elsewhere.
    const rehearsed = await rehearse({
      cwd: options.cwd,
      config: options.config,
      severities,
      sets: read.plans,
      targetMajor: read.serverMajor,
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(server ? { sharedServer: server.get } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    const { status, reason } = rehearsed.rehearsal;
    if (status !== 'ran' && reason && reason !== NOTHING_PENDING) read.notes.push(`rehearsal ${status}: ${reason}`);

    // 3. The target's size of each table the rehearsal locked that the steps did not name (a
    // partition, a table a trigger or a foreign key reaches), in a second short read-only session.
    const sizes = new Map(read.sizes);
    const unsized = [...new Set([...rehearsed.migrations.values()].flatMap((m) => lockedTables(m.locks ?? [])))].filter((table) => !sizes.has(table));
    if (unsized.length > 0) {
      for (const [table, size] of await withTarget(options.targetUrl, (session) => readTableSizes(session, unsized), { connectTimeoutMs })) sizes.set(table, size);
    }
    for (const { step } of read.steps) {
      const found = rehearsed.migrations.get(step.path);
      if (!found) continue;
      const weighed = weighFindings(found.findings, found.evidence, sizes, limits);
      read.rows.addFindings(step.path, 'new', weighed);
      read.rows.attach(step.path, { ...(found.apply ? { apply: found.apply } : {}), ...(found.rollback ? { rollback: found.rollback } : {}), ...(found.locks ? { locks: found.locks } : {}) });
      // The rehearsal's own durations are left out of the plan: they say how long an empty copy took, not the target.
      if (found.apply) step.apply = withoutDuration(found.apply);
      if (found.rollback) step.rollback = found.rollback;
      step.locks = planLocks(found.locks ?? [], weighed, found.evidence, sizes, limits);
    }
    for (const extra of rehearsed.extraRows) read.rows.addFindings(extra.path, extra.status, extra.findings);

    const report = buildReport(read.rows.list());
    const riskByPath = new Map(report.migrations.map((m) => [m.path, m.risk]));
    for (const { step } of read.steps) step.risk = riskByPath.get(step.path) ?? 'none';
    const plan: PlanSection = {
      serverVersion: read.serverVersion,
      serverMajor: read.serverMajor,
      sets: read.summaries,
      notes: read.notes,
      drift: read.drift.drift,
      rehearsal: rehearsed.rehearsal,
      sizeLimits: limits,
    };
    return { ...report, plan };
  } finally {
    await server?.stop();
  }
}

/** schema-drift, unless the config turns the rule off (then no replay and no server at all). */
async function driftOf(
  session: TargetSession,
  options: PlanOptions,
  severities: ReadonlyMap<string, SeveritySetting>,
  plans: ReadonlyArray<{ plan: RunnerPlan; discovery: DiscoveryResult }>,
  server: PlanServer | undefined,
): Promise<DriftOutcome> {
  const sets: DriftOptions['sets'] = plans.map(({ plan, discovery }) => ({ plan, migrations: discovery.migrations }));
  if (severities.get('schema-drift') === 'off') return { drift: { status: 'not-compared', reason: 'the rule schema-drift is off in the config', objects: [] }, objects: [] };
  return findDrift(session, {
    cwd: options.cwd,
    config: options.config,
    sets,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(server ? { sharedServer: server.get } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
}

function trackingSettingsOf(config: Config): TrackingSettings {
  const tracking = config.tracking;
  return {
    checksum: tracking?.checksum ?? 'sha256',
    ...(tracking?.table ? { table: tracking.table } : {}),
    ...(tracking?.['name-column'] ? { nameColumn: tracking['name-column'] } : {}),
    ...(tracking?.['checksum-column'] ? { checksumColumn: tracking['checksum-column'] } : {}),
    ...(tracking?.['out-of-order'] === undefined ? {} : { outOfOrder: tracking['out-of-order'] }),
  };
}

function addRunnerFindings(rows: Rows, severities: ReadonlyMap<string, SeveritySetting>, plan: RunnerPlan, dir: string): void {
  const pathOf = (issue: PlanIssue): string => issue.migration?.path ?? `${dir}/${issue.recorded ?? ''}`;
  const data = (issue: PlanIssue): MessageData => ({ table: plan.table, runner: plan.runner, ...issue.data });
  for (const issue of plan.failed) rows.add(severities, pathOf(issue), 'base', 'target-migration-failed', issue.messageId, 1, data(issue));
  for (const issue of plan.missing) rows.add(severities, pathOf(issue), 'deleted', 'target-migration-missing', issue.messageId, 1, data(issue));
  for (const issue of plan.mismatched) rows.add(severities, pathOf(issue), 'modified', 'target-checksum-mismatch', issue.messageId, 1, data(issue));
  plan.pending.forEach((migration, index) => {
    rows.add(severities, migration.path, 'new', 'pending-migration', 'pending', 1, { step: index + 1, count: plan.pending.length, runner: plan.runner, name: migration.relativePath });
  });
  for (const issue of plan.skipped) rows.add(severities, pathOf(issue), 'new', 'pending-skipped-by-runner', issue.messageId, 1, data(issue));
}

function withoutDuration(apply: ApplyResult): ApplyResult {
  const { durationMs: _, ...rest } = apply;
  return rest;
}

function whoOf(user: string | null, application: string | null): string {
  const parts = [user ? `user ${user}` : undefined, application ? `application ${application}` : undefined].filter(Boolean);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** One report row per path, in the order they are first reported. */
class Rows {
  private readonly rows = new Map<string, FileFindings>();

  add(severities: ReadonlyMap<string, SeveritySetting>, path: string, status: MigrationStatus, rule: string, messageId: string, line: number, data: MessageData): void {
    const finding: Finding | undefined = createFinding(severities, { rule, messageId, path, line, column: 1, data });
    if (!finding) return;
    this.row(path, status).findings.push(finding);
  }

  /** Findings of another stage (the rehearsal), on the path's row. */
  addFindings(path: string, status: MigrationStatus, findings: readonly Finding[]): void {
    this.row(path, status).findings.push(...findings);
  }

  /** The rehearsal's apply, rollback and locks on the path's row. */
  attach(path: string, results: Pick<FileFindings, 'apply' | 'rollback' | 'locks'>): void {
    Object.assign(this.row(path, 'new'), results);
  }

  list(): FileFindings[] {
    return [...this.rows.values()];
  }

  private row(path: string, status: MigrationStatus): FileFindings {
    let row = this.rows.get(path);
    if (!row) {
      row = { path, status, findings: [] };
      this.rows.set(path, row);
    }
    return row;
  }
}
