// The database stage for one migration set. The history before the first checked migration is
// applied once into a base database (fast path, no trace); a work database is cloned from it; then
// each migration from the first checked one on is applied in order: checked ones with the lock and
// rewrite trace and the rollback round trip, merged ones in between plainly. When a round trip
// leaves the work database in another state than "migration applied once", it is cloned from the
// base again and only the migrations after the base are replayed.

import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { ConnectOptions } from '../db/connect.js';
import { readRelations, readUnindexedForeignKeys, type RelationInfo } from '../db/catalog.js';
import { executeScript, type StatementFailure } from '../db/execute.js';
import type { MigrationScript } from '../db/script.js';
import { applyWholeText, maySetSessionState } from '../db/whole-text.js';
import { MigrationTracer, type TraceResult } from '../db/trace.js';
import type { Migration } from '../discover/index.js';
import type { ApplyResult, RollbackResult } from '../report/report.js';
import { ensureParser } from '../sql/parse.js';
import { UsageError } from '../errors.js';
import { decodeSource, positionAt } from '../sql/source.js';
import { describeDifference } from './diff.js';
import { roundTrip, type RoundTripOutcome } from './round-trip.js';
import { downScript, upScript } from './scripts.js';
import { takeSnapshot, type SchemaSnapshot } from './snapshot.js';
import { WorkDatabases } from './work-database.js';

export interface VerifySetOptions {
  adminUrl: string;
  /** Every migration of the set, in the runner's order. */
  migrations: readonly Migration[];
  /** The migrations to verify (new or modified), by path. */
  checked: ReadonlyMap<string, 'new' | 'modified'>;
  /** What a new migration creates is new for the next ones too (see DatabaseStageSet.shipTogether). */
  shipTogether?: boolean;
  connect: ConnectOptions;
  /** What the runner sets for the session before each migration (config `runner.settings`). */
  runnerSettings?: Readonly<Record<string, string>>;
  /**
   * Runs before each checked migration is applied, with the URL of the database it goes into; the
   * function it returns runs right after. For embedders and tests (e.g. another session holding a lock).
   */
  beforeApply?: (databaseUrl: string, migration: Migration) => Promise<(() => Promise<void>) | void>;
}

export interface MigrationVerification {
  migration: Migration;
  /** `base`: a merged migration; reported only when it fails. */
  status: 'new' | 'modified' | 'base';
  /** A merged migration before every checked one: its failure is not the branch's doing. */
  history?: boolean;
  apply: ApplyResult;
  script?: MigrationScript;
  failure?: StatementFailure;
  /** The file could not be read as SQL text (the lint stage reports it). */
  unreadable?: { path: string; message: string; line: number };
  trace?: TraceResult;
  rollback: RollbackResult;
  downScript?: MigrationScript;
  roundTrip?: RoundTripOutcome;
}

export interface SetVerification {
  migrations: MigrationVerification[];
  timings: { baseMigrations: number; baseMs: number; applyMs: number; roundTripMs: number };
}

export async function verifySet(options: VerifySetOptions): Promise<SetVerification> {
  await ensureParser();
  const order = options.migrations;
  const firstChecked = order.findIndex((migration) => options.checked.has(migration.path));
  const result: SetVerification = { migrations: [], timings: { baseMigrations: Math.max(firstChecked, 0), baseMs: 0, applyMs: 0, roundTripMs: 0 } };
  if (firstChecked < 0) return result;
  const databases = new WorkDatabases(options.adminUrl, options.connect);
  const skipRest = (from: number, reason: string): void => {
    for (const migration of order.slice(from)) {
      const status = options.checked.get(migration.path);
      if (status) result.migrations.push({ migration, status, apply: { status: 'skipped', reason }, rollback: { status: 'skipped', reason } });
    }
  };
  try {
    let baseStarted = performance.now();
    if (firstChecked > 0) {
      const session = new Session(await databases.openBase(), options);
      // Applying only: creating the database and connecting are the same for any way of applying.
      baseStarted = performance.now();
      for (const migration of order.slice(0, firstChecked)) {
        const failed = await session.applyPlain(migration);
        if (failed) {
          result.migrations.push({ ...failed, history: true });
          skipRest(firstChecked, `the migrations before it do not apply (${failed.apply.reason ?? migration.path})`);
          return result;
        }
      }
    }
    result.timings.baseMs = performance.now() - baseStarted;

    let work = await databases.openWork();
    let session = new Session(work.client, options);
    for (let index = firstChecked; index < order.length; index++) {
      const migration = order[index]!;
      const status = options.checked.get(migration.path);
      const verification = status ? await session.verify(migration, status, work.url, options, result.timings) : await session.applyPlain(migration);
      if (verification) result.migrations.push(verification);
      if (verification?.apply.status === 'failed') {
        skipRest(index + 1, `an earlier migration does not apply (${verification.migration.path})`);
        break;
      }
      if (verification?.roundTrip && !verification.roundTrip.atS1) {
        // The round trip left another schema than "applied once": start again from the base.
        work = await databases.openWork();
        session = new Session(work.client, options);
        for (const replayed of order.slice(firstChecked, index + 1)) {
          const isNew = options.shipTogether === true && options.checked.get(replayed.path) === 'new';
          const before = isNew ? await readRelations(work.client) : undefined;
          const failed = await session.applyPlain(replayed);
          if (before && !failed) await session.noteNewRelations(before);
          if (failed) {
            skipRest(index + 1, `replaying ${replayed.path} after a failed round trip failed: ${failed.apply.reason ?? ''}`);
            return result;
          }
        }
      }
    }
    return result;
  } finally {
    await databases.dropAll();
  }
}

/** One session in a scratch database, applying migrations one after the other. */
class Session {
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
  ) {
    this.runnerSettings = options.runnerSettings ?? {};
    this.shipTogether = options.shipTogether ?? false;
  }

  /** Records the relations a new migration created: those there now that were not in `before`. */
  async noteNewRelations(before: ReadonlyMap<string, unknown>): Promise<void> {
    if (!this.shipTogether) return;
    for (const oid of (await readRelations(this.client)).keys()) if (!before.has(oid)) this.newRelations.add(oid);
  }

  /** Applies a migration without a trace; the verification of its failure, or undefined. */
  async applyPlain(migration: Migration): Promise<MigrationVerification | undefined> {
    this.snapshot = undefined;
    const text = await readText(migration.absolutePath);
    await this.prepare(text === undefined || maySetSessionState(text));
    if (text !== undefined && !migration.sections && (await applyWholeText(this.client, text, migration.scope))) return undefined;
    const built = await upScript(migration);
    if (!built.ok) return unreadable(migration, 'base', built);
    const run = await executeScript(this.client, built.script, { fast: true });
    if (run.ok) return undefined;
    return { migration, status: 'base', script: built.script, failure: run.failure, apply: failedApply(built.script, run.failure), rollback: notRun('the migration does not apply') };
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
    const before = down?.ok ? (this.snapshot ?? (await takeSnapshot(this.client))) : undefined;
    this.snapshot = undefined;

    const tracer = new MigrationTracer(built.script.source, existing, unindexed);
    const release = await options.beforeApply?.(url, migration);
    const started = performance.now();
    let run;
    try {
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
      rollback: { status: 'no-rollback' },
    };
    if (!down) return verification;
    if (!down.ok) {
      verification.rollback = { status: 'failed', reason: `${down.path}:${down.line}: ${down.message}` };
      return verification;
    }
    const roundTripStarted = performance.now();
    this.resetNeeded = true;
    const outcome = await roundTrip(this.client, built.script, down.script, before!);
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

function setsSessionState(script: MigrationScript): boolean {
  return script.units.some((unit) => unit.statements.some((statement) => statement.tag === 'VariableSetStmt' && !statement.setLocal));
}

/** The file as text, or undefined when it is not UTF-8 text (the careful path reports that). */
async function readText(absolutePath: string): Promise<string | undefined> {
  try {
    const raw = await readFile(absolutePath);
    const decoded = decodeSource(absolutePath, raw);
    return decoded.ok ? decoded.source.text : undefined;
  } catch {
    return undefined;
  }
}

function rollbackResult(outcome: RoundTripOutcome, down: MigrationScript, up: MigrationScript): RollbackResult {
  if (outcome.downFailure) return { status: 'failed', reason: located(down, outcome.downFailure) };
  if (outcome.rollbackDifferences.length > 0) {
    return {
      status: 'mismatch',
      reason: `${outcome.rollbackDifferences.length} object(s) differ from the schema before the migration`,
      differences: outcome.rollbackDifferences.map((d) => describeDifference(d, { missing: 'not restored by the rollback', extra: 'left behind by the rollback' })),
    };
  }
  if (outcome.reapplyFailure) return { status: 'reapply-failed', reason: located(up, outcome.reapplyFailure) };
  if (outcome.reapplyDifferences.length > 0) {
    return {
      status: 'reapply-failed',
      reason: `${outcome.reapplyDifferences.length} object(s) differ from the first apply`,
      differences: outcome.reapplyDifferences.map((d) => describeDifference(d, { missing: 'missing after applying again', extra: 'extra after applying again' })),
    };
  }
  return { status: 'verified' };
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
