// One session in a scratch database of the database stage, applying migrations one after the other
// the way the runner does: merged ones plainly (the whole text as one query when that is faithful),
// checked ones with the lock and rewrite trace and the rollback round trip. Each file starts with the
// session's own settings plus the runner's (config `runner.settings`).

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { readIndexes, readRelations, readSetting, readUnindexedForeignKeys, type RelationInfo } from '../db/catalog.js';
import { connect } from '../db/connect.js';
import { pollerConnectOptions } from '../db/lock-poller.js';
import { executeScript, type StatementFailure } from '../db/execute.js';
import type { MigrationScript, ScriptUnit } from '../db/script.js';
import { applyWholeText, wholeTextTraits } from '../db/whole-text.js';
import { MigrationTracer } from '../db/trace.js';
import type { Migration } from '../discover/index.js';
import { UsageError } from '../errors.js';
import type { ApplyResult, RollbackResult } from '../report/report.js';
import { decodeSource, positionAt } from '../sql/source.js';
import { describeDifference } from './diff.js';
import { columnOrderOnly, reapplyFollowsRollback } from './evidence.js';
import { roundTrip, type RoundTripOutcome } from './round-trip.js';
import { downScript, upScript } from './scripts.js';
import type { SchemaSnapshot } from './snapshot.js';
import type { SnapshotSessions } from './snapshot-sessions.js';
import type { MigrationVerification, SetVerification, VerifySetOptions } from './verify-set.js';

/** One session in a scratch database, applying migrations one after the other. */
export class Session {
  /** The schema as the last round trip left it: the next migration's S0 without another snapshot. */
  private snapshot: SchemaSnapshot | undefined;
  private resetNeeded = false;
  /** Relations (by oid) that the change's new migrations created so far in this database. */
  private readonly newRelations = new Set<string>();

  /** Whether `runnerSettings` are in effect in the session (a RESET ALL undoes them). */
  private settingsApplied = false;

  private readonly runnerSettings: Readonly<Record<string, string>>;
  private readonly shipTogether: boolean;

  constructor(
    private readonly client: pg.Client,
    options: Pick<VerifySetOptions, 'runnerSettings' | 'shipTogether'>,
    /** Where the round trip reads the schema (never this session: snapshot-sessions.ts); needed by `verify`. */
    private readonly snapshots?: SnapshotSessions,
  ) {
    this.runnerSettings = options.runnerSettings ?? {};
    this.shipTogether = options.shipTogether ?? false;
  }

  /**
   * The schema the database holds now, known without reading it (a fresh clone of a base whose
   * snapshot was saved with it): the next migration's S0.
   */
  knowSnapshot(snapshot: SchemaSnapshot): void {
    this.snapshot = snapshot;
  }

  /** Records the relations a new migration created: those there now that were not in `before`. */
  async noteNewRelations(before: ReadonlyMap<string, unknown>): Promise<void> {
    if (!this.shipTogether) return;
    for (const oid of (await readRelations(this.client)).keys()) if (!before.has(oid)) this.newRelations.add(oid);
  }

  /** Applies a migration without a trace; the verification of its failure, or undefined. */
  async applyPlain(migration: Migration): Promise<MigrationVerification | undefined> {
    this.snapshot = undefined;
    const text = readText(migration.absolutePath);
    const traits = text === undefined ? undefined : wholeTextTraits(text);
    await this.prepare(traits?.setsSessionState ?? true);
    if (text !== undefined && traits && !migration.sections && (await applyWholeText(this.client, text, traits, migration.scope))) return undefined;
    const built = await upScript(migration);
    if (!built.ok) return unreadable(migration, 'base', built);
    const run = await executeScript(this.client, built.script, { fast: true });
    if (run.ok) return undefined;
    return { migration, status: 'base', script: built.script, failure: run.failure, apply: failedApply(built.script, run.failure), rollback: notRun('the migration does not apply') };
  }

  /**
   * Applies the migrations the way Drizzle's migrator runs the pending ones: one transaction around
   * all of them, each statement sent in turn, nothing reset between files (a file's own COMMIT ends
   * that transaction early, as it does there). The statement that fails and its migration, or
   * undefined when they all apply (or a file cannot be read: its own verification says so).
   */
  async applyTogether(migrations: readonly Migration[]): Promise<{ migration: Migration; failure: StatementFailure } | undefined> {
    this.snapshot = undefined;
    const scripts: Array<{ migration: Migration; script: MigrationScript }> = [];
    for (const migration of migrations) {
      const built = await upScript(migration);
      if (!built.ok) return undefined;
      scripts.push({ migration, script: built.script });
    }
    const first = scripts[0];
    if (!first) return undefined;
    await this.prepare(true);
    const statements = scripts.flatMap(({ script }) => script.units.flatMap((unit) => unit.statements));
    const unit: ScriptUnit = { mode: 'transaction', runner: first.script.units[0]?.runner ?? first.migration.scope.runner, statements, source: first.script.source };
    const run = await executeScript(this.client, { ...first.script, units: [unit] });
    if (run.ok) return undefined;
    const owner = scripts.find(({ script }) => script.units.some((candidate) => candidate.statements.includes(run.failure.statement)));
    return owner ? { migration: owner.migration, failure: run.failure } : undefined;
  }

  async verify(
    migration: Migration,
    status: 'new' | 'modified',
    url: string,
    options: VerifySetOptions,
    timings: SetVerification['timings'],
  ): Promise<MigrationVerification> {
    const relations = await readRelations(this.client);
    const verification = await this.applyTraced(migration, status, relations, url, options, timings);
    // After the round trip: the relations the migration left are those of its second apply.
    if (status === 'new' && verification.apply.status === 'applied') await this.noteNewRelations(relations);
    return verification;
  }

  private async applyTraced(
    migration: Migration,
    status: 'new' | 'modified',
    relations: ReadonlyMap<string, RelationInfo>,
    url: string,
    options: VerifySetOptions,
    timings: SetVerification['timings'],
  ): Promise<MigrationVerification> {
    const built = await upScript(migration);
    if (!built.ok) return unreadable(migration, status, built);
    const down = await downScript(migration);
    await this.prepare(setsSessionState(built.script));
    const unindexed = await readUnindexedForeignKeys(this.client);
    // What an earlier new migration of the change created ships with this one: new and empty at
    // deploy time, like a table the file creates itself, so its locks and rewrites are not traced.
    const existing = new Map([...relations].filter(([oid]) => !this.newRelations.has(oid)));
    const snapshots = this.snapshots;
    if (!snapshots) throw new Error('a session that verifies migrations needs its snapshot sessions');
    const before = down?.ok ? (this.snapshot ?? (await snapshots.take())) : undefined;
    this.snapshot = undefined;

    // Statements outside a transaction (CREATE INDEX CONCURRENTLY) are watched from a session in the admin database.
    const openObserver = () => connect(options.adminUrl, pollerConnectOptions(options.connect));
    const tracer = new MigrationTracer(built.script.source, existing, unindexed, { openObserver });
    const release = await options.beforeApply?.(url, migration);
    let started = performance.now();
    let run;
    let indexesBefore;
    try {
      // After beforeApply: what an embedder prepared there is the state the migration meets.
      indexesBefore = await readIndexes(this.client);
      started = performance.now();
      run = await executeScript(this.client, built.script, { tracer });
    } finally {
      await release?.();
    }
    const durationMs = Math.round(performance.now() - started);
    timings.applyMs += durationMs;
    if (!run.ok) {
      const apply = { ...failedApply(built.script, run.failure), durationMs };
      return { migration, status, script: built.script, failure: run.failure, apply, rollback: notRun('the migration does not apply') };
    }
    const verification: MigrationVerification = {
      migration,
      status,
      script: built.script,
      apply: { status: 'applied', durationMs },
      trace: tracer.result(),
      catalog: { indexesBefore, indexesAfter: await readIndexes(this.client), timeZone: await readSetting(this.client, 'TimeZone') },
      rollback: { status: 'no-rollback' },
    };
    if (!down) return verification;
    if (!down.ok) {
      verification.rollback = { status: 'failed', reason: `${down.path}:${down.line}: ${down.message}` };
      return verification;
    }
    const roundTripStarted = performance.now();
    const outcome = await roundTrip(this.client, built.script, down.script, before!, () => snapshots.take(), (script) => this.prepare(setsSessionState(script)));
    // The second up may have failed part way: the next file starts from the session's own settings.
    this.resetNeeded = true;
    timings.roundTripMs += performance.now() - roundTripStarted;
    this.snapshot = outcome.snapshot;
    return { ...verification, downScript: down.script, roundTrip: outcome, rollback: rollbackResult(outcome, down.script, built.script) };
  }

  /**
   * Each file starts with the session's original settings, as when a runner opens a session per
   * file: a `SET search_path` or `SET lock_timeout = 0` of one file does not carry into the next.
   */
  private async prepare(setsState: boolean): Promise<void> {
    if (this.resetNeeded) {
      await this.client.query('RESET ALL');
      this.settingsApplied = false;
    }
    this.resetNeeded = setsState;
    if (!this.settingsApplied) await this.applyRunnerSettings();
  }

  /** As the runner does before each file: session settings that the file itself does not show. */
  private async applyRunnerSettings(): Promise<void> {
    for (const [name, value] of Object.entries(this.runnerSettings)) {
      try {
        await this.client.query('SELECT set_config($1, $2, false)', [name, value]);
      } catch (error) {
        throw new UsageError(`runner.settings.${name}: PostgreSQL does not accept ${JSON.stringify(value)} for it (${(error as Error).message}); fix the setting in the config`);
      }
    }
    this.settingsApplied = true;
  }
}

/** Statements that may leave session settings behind for whatever runs next in the session. */
const MAY_SET_SESSION_STATE = new Set(['DiscardStmt', 'DoStmt', 'CallStmt']);

/**
 * Whether the script may change the session's settings: a SET (not SET LOCAL), DISCARD, DO or CALL,
 * a `set_config(..., false)` (pg_dump's `SELECT pg_catalog.set_config('search_path', '', false)`),
 * or a piece the parser rejected. The next script then starts after a RESET ALL.
 */
function setsSessionState(script: MigrationScript): boolean {
  return script.units.some((unit) =>
    unit.statements.some(
      (statement) =>
        statement.tag === undefined ||
        (statement.tag === 'VariableSetStmt' && !statement.setLocal) ||
        MAY_SET_SESSION_STATE.has(statement.tag) ||
        // A substring test first, as in whole-text.ts: parsing again only what may call it.
        (statement.text.toLowerCase().includes('set_config') && wholeTextTraits(statement.text).setsSessionState),
    ),
  );
}

/** The file as text, or undefined when it is not UTF-8 text (the careful path reports that). */
function readText(absolutePath: string): string | undefined {
  try {
    // Synchronously: nothing else runs while the history is applied, and for files this small the
    // four thread-pool hops of an asynchronous read (open, stat, read, close) cost more than the
    // read itself, and the apply benchmark's one-query-per-file baseline pays none of them.
    const raw = readFileSync(absolutePath);
    const decoded = decodeSource(absolutePath, raw);
    return decoded.ok ? decoded.source.text : undefined;
  } catch {
    return undefined;
  }
}

function rollbackResult(outcome: RoundTripOutcome, down: MigrationScript, up: MigrationScript): RollbackResult {
  if (outcome.downFailure) return { status: 'failed', reason: located(down, outcome.downFailure) };
  // Columns back at other positions are all Postgres can do (evidence.ts): not a mismatch.
  const orderOnly = columnOrderOnly(outcome.rollbackDifferences);
  if (outcome.rollbackDifferences.length > 0 && !orderOnly) {
    return {
      status: 'mismatch',
      reason: `${objectsDiffer(outcome.rollbackDifferences.length)} from the schema before the migration`,
      differences: outcome.rollbackDifferences.map((d) => describeDifference(d, { missing: 'not restored by the rollback', extra: 'left behind by the rollback' })),
    };
  }
  if (outcome.reapplyFailure) return { status: 'reapply-failed', reason: located(up, outcome.reapplyFailure) };
  if (outcome.reapplyDifferences.length > 0 && reapplyFollowsRollback(outcome) !== 'differences') {
    return {
      status: 'reapply-failed',
      reason: `${objectsDiffer(outcome.reapplyDifferences.length)} from the first apply`,
      differences: outcome.reapplyDifferences.map((d) => describeDifference(d, { missing: 'missing after applying again', extra: 'extra after applying again' })),
    };
  }
  if (orderOnly) return { status: 'verified', reason: 'the schema is restored except the order of columns, which Postgres cannot change without recreating the table' };
  return { status: 'verified' };
}

/** `1 object differs`, `3 objects differ`. */
function objectsDiffer(count: number): string {
  return count === 1 ? '1 object differs' : `${count} objects differ`;
}

function failedApply(script: MigrationScript, failure: StatementFailure): ApplyResult {
  return { status: 'failed', reason: located(script, failure) };
}

/** `path:line: message (SQLSTATE code)`. */
export function located(script: MigrationScript, failure: StatementFailure): string {
  const { line } = positionAt(script.source, failure.offset);
  return `${script.path}:${line}: ${failure.message}${failure.code && failure.code !== 'query-timeout' ? ` (SQLSTATE ${failure.code})` : ''}`;
}

function notRun(reason: string): RollbackResult {
  return { status: 'skipped', reason };
}

function unreadable(
  migration: Migration,
  status: MigrationVerification['status'],
  built: { path: string; message: string; line: number },
): MigrationVerification {
  const reason = `${built.path}:${built.line}: ${built.message}`;
  return { migration, status, unreadable: built, apply: { status: 'failed', reason }, rollback: notRun('the migration does not apply') };
}
