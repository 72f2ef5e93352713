// The database stage for one migration set. The history before the first checked migration is
// applied once into a base database (fast path, no trace); a work database is cloned from it (or,
// when nothing after the work needs the base as it is, the base becomes the work database); then
// each migration from the first checked one on is applied in order: checked ones with the lock and
// rewrite trace and the rollback round trip, merged ones in between plainly. When a round trip
// leaves the work database in another state than "migration applied once", it is cloned from the
// base again and only the migrations after the base are replayed. A migration that fails to apply is
// left out and the next ones go on without it (left-out.ts): rebuilt the same way when part of the
// failed file was committed. Last, Drizzle's new migrations are applied once more all together in
// one transaction, as its migrator runs them (pending-batch.ts).

import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { ConnectOptions } from '../db/connect.js';
import { readRelations, type IndexInfo } from '../db/catalog.js';
import type { StatementFailure } from '../db/execute.js';
import { handOverToMigrator, type MigratorRole } from '../db/migrator-role.js';
import type { MigrationScript } from '../db/script.js';
import type { TraceResult } from '../db/trace.js';
import type { Migration } from '../discover/index.js';
import type { ApplyResult, RollbackResult } from '../report/report.js';
import { ensureParser } from '../sql/parse.js';
import { explainFailure } from './environment-failure.js';
import { leftOutCause, nothingKept, skippedForLeftOut } from './left-out.js';
import { verifyPendingBatch, type PendingBatchFailure } from './pending-batch.js';
import type { RoundTripOutcome } from './round-trip.js';
import { Session } from './session.js';
import type { SchemaSnapshot } from './snapshot.js';
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
  /**
   * What goes into the base database before the history: config `database.setup` and
   * `database.baseline`. With it there is always a base, even when the first migration is checked.
   */
  prepareBase?: (client: pg.Client) => Promise<void>;
  /** The role the migrations run as (migrator-role.ts); absent: the URL's user. */
  migratorRole?: MigratorRole;
  /** A base database that exists already (the temporary server came from a saved state): no replay. */
  cachedBase?: string;
  /** Leave the base database there at the end (the stage saves it); the work databases still go. */
  keepBase?: boolean;
  /** Runs once the base is ready, before the first checked migration. */
  afterBase?: () => Promise<void>;
  /** Create the base and clone the work databases with STRATEGY FILE_COPY: the temporary server, PostgreSQL 15+ (db/scratch.ts). */
  cloneByFileCopy?: boolean;
  /** The schema snapshot of `cachedBase`, saved with it: the first checked migration's S0 without a read. */
  cachedBaseSnapshot?: SchemaSnapshot;
  /**
   * Close the sessions at the end but leave the databases: a temporary server that is removed right
   * after, and saves nothing, takes them with it. When the run fails they are dropped all the same.
   * Such a server's `cachedBase` may itself become the work database (nothing else uses it after).
   */
  leaveDatabases?: boolean;
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
  /** The indexes right before and right after the migration applied, and the session's TimeZone then. */
  catalog?: { indexesBefore: ReadonlyMap<string, IndexInfo>; indexesAfter: ReadonlyMap<string, IndexInfo>; timeZone: string | undefined };
  rollback: RollbackResult;
  downScript?: MigrationScript;
  roundTrip?: RoundTripOutcome;
  /** Drizzle: it applies alone, but fails here with the pending migrations before it in one transaction. */
  pendingBatchFailure?: PendingBatchFailure;
}

export interface SetVerification {
  migrations: MigrationVerification[];
  /** Drizzle: the new migrations applied again all together in one transaction, as its migrator runs them (paths). */
  pendingBatch?: string[];
  timings: { baseMigrations: number; baseMs: number; applyMs: number; roundTripMs: number };
  /** The base database (kept with `keepBase`, or the cached one); undefined when the set has none. */
  baseDatabase?: string;
  /** With `keepBase`: the schema snapshot of the base, saved with it for the next run. */
  baseSnapshot?: SchemaSnapshot;
}

export async function verifySet(options: VerifySetOptions): Promise<SetVerification> {
  await ensureParser();
  const order = options.migrations;
  const firstChecked = order.findIndex((migration) => options.checked.has(migration.path));
  const result: SetVerification = { migrations: [], timings: { baseMigrations: Math.max(firstChecked, 0), baseMs: 0, applyMs: 0, roundTripMs: 0 } };
  if (firstChecked < 0) return result;
  const databases = new WorkDatabases(options.adminUrl, options.connect, {
    ...(options.cachedBase ? { prebuilt: options.cachedBase } : {}),
    keep: options.keepBase ?? false,
    ...(options.migratorRole ? { role: options.migratorRole } : {}),
    ...(options.cloneByFileCopy ? { fileCopy: true } : {}),
  });
  const skipRest = (from: number, reason: string): void => {
    for (const migration of order.slice(from)) {
      const status = options.checked.get(migration.path);
      if (status) result.migrations.push({ migration, status, apply: { status: 'skipped', reason }, rollback: { status: 'skipped', reason } });
    }
  };
  /** The migration being applied, for saying where the environment failed when no statement did. */
  let current: Migration | undefined;
  /** There is a base to build: a history before the first checked migration, or what the platform makes first. */
  const hasBase = options.cachedBase === undefined && (firstChecked > 0 || options.prepareBase !== undefined);
  // The base of a set whose only migration from the checked one on is that one (a pull request's
  // one new file), and that is not kept for the cache, is needed as it is by nothing after: no
  // rebuild (only for a migration that follows) and no Drizzle batch (two new ones). It becomes the
  // work database itself instead of being cloned (WorkDatabases.adoptBaseAsWork): the clone is
  // 20-75 ms on the temporary server and up to 300 ms on a given one (WAL_LOG, a long history).
  // A cached base too, when its server is removed after this set (`leaveDatabases`): the cache's
  // own copy is the archive, not this server's database (20 ms at 160 migrations, 47 at 800).
  const adoptable = hasBase || (options.cachedBase !== undefined && options.leaveDatabases === true);
  const adoptBase = adoptable && !options.keepBase && firstChecked === order.length - 1;
  const run = async (): Promise<SetVerification> => {
    if (hasBase) {
      const client = await databases.openBase();
      // Applying only: creating the database and connecting are the same for any way of applying.
      const baseStarted = performance.now();
      const { prepareBase, migratorRole } = options;
      if (prepareBase) {
        await databases.onBaseAsAdmin(async (admin) => {
          // The platform's part runs as the admin user; then the migrator role owns what it made.
          await prepareBase?.(admin);
          if (migratorRole) await handOverToMigrator(admin, migratorRole);
        });
      }
      const session = new Session(client, options);
      for (const migration of order.slice(0, firstChecked)) {
        current = migration;
        const failed = await session.applyPlain(migration);
        if (failed) {
          result.migrations.push({ ...failed, history: true });
          skipRest(firstChecked, `the migrations before it do not apply (${failed.apply.reason ?? migration.path})`);
          return result;
        }
      }
      result.timings.baseMs = performance.now() - baseStarted;
    }
    const baseDatabase = adoptBase ? undefined : databases.baseName;
    if (baseDatabase) result.baseDatabase = baseDatabase;
    await options.afterBase?.();

    let work = adoptBase ? await databases.adoptBaseAsWork() : await databases.openWork();
    let session = new Session(work.client, options, work.snapshots);
    // The first work database is a fresh clone of the base: its snapshot is the base's, read once
    // when the base is saved and kept with it, so that a rerun does not read it again (on a long
    // history a snapshot is the largest part of a round trip).
    const baseSnapshot = options.cachedBase !== undefined ? options.cachedBaseSnapshot : options.keepBase ? await work.snapshots.take() : undefined;
    if (baseSnapshot) {
      session.knowSnapshot(baseSnapshot);
      if (options.keepBase) result.baseSnapshot = baseSnapshot;
    }
    /** From the first checked migration on, those that applied: what a rebuilt work database replays. */
    const applied: Migration[] = [];
    /** Those that do not apply: left out, the later ones are applied on the schema without them. */
    const leftOut: Migration[] = [];
    /** A fresh clone of the base with `applied` replayed; the reason when a replay fails. */
    const rebuild = async (): Promise<string | undefined> => {
      work = await databases.openWork();
      session = new Session(work.client, options, work.snapshots);
      for (const replayed of applied) {
        const isNew = options.shipTogether === true && options.checked.get(replayed.path) === 'new';
        const before = isNew ? await readRelations(work.client) : undefined;
        const failed = await session.applyPlain(replayed);
        if (failed) return `replaying ${replayed.path} to rebuild the work database failed: ${failed.apply.reason ?? ''}`;
        if (before) await session.noteNewRelations(before);
      }
      return undefined;
    };
    for (let index = firstChecked; index < order.length; index++) {
      const migration = order[index]!;
      current = migration;
      const status = options.checked.get(migration.path);
      // Rebuilt only for a migration that follows: the Drizzle batch at the end starts from a copy of its own.
      const more = index + 1 < order.length;
      let verification = status ? await session.verify(migration, status, work.url, options, result.timings) : await session.applyPlain(migration);
      if (verification && leftOut.length > 0) verification.apply.without = leftOut.map((left) => left.path);
      if (verification?.apply.status === 'failed') {
        // Keep going without it, so that a change with two problems shows both.
        const cause = leftOut.length > 0 ? await leftOutCause(verification, leftOut) : undefined;
        const partlyKept = !nothingKept(verification);
        if (cause && status) verification = skippedForLeftOut(verification, cause);
        // A merged migration that fails for want of a left-out one is not broken by the change itself.
        if (status || !cause) result.migrations.push(verification);
        leftOut.push(migration);
        const problem = partlyKept && more ? await rebuild() : undefined;
        if (problem) {
          skipRest(index + 1, problem);
          return result;
        }
        continue;
      }
      if (verification) result.migrations.push(verification);
      applied.push(migration);
      if (verification?.roundTrip && !verification.roundTrip.atS1 && more) {
        // The round trip left another schema than "applied once": start again from the base.
        const problem = await rebuild();
        if (problem) {
          skipRest(index + 1, problem);
          return result;
        }
      }
    }
    await verifyPendingBatch(options, applied, result, async () => {
      work = await databases.openWork();
      return new Session(work.client, options, work.snapshots);
    });
    return result;
  };
  let verified: SetVerification;
  try {
    verified = await run();
  } catch (error) {
    const explained = await explainFailure(error, options, current);
    // After the environment failed, the cleanup fails the same way: its error would hide the cause.
    await databases.dropAll().catch(() => undefined);
    throw explained;
  }
  if (options.leaveDatabases) await databases.closeAll();
  else await databases.dropAll();
  return verified;
}
