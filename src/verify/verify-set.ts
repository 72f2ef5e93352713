// The database stage for one migration set. The history before the first checked migration is
// applied once into a base database (fast path, no trace); a work database is cloned from it; then
// each migration from the first checked one on is applied in order: checked ones with the lock and
// rewrite trace and the rollback round trip, merged ones in between plainly. When a round trip
// leaves the work database in another state than "migration applied once", it is cloned from the
// base again and only the migrations after the base are replayed.

import { performance } from 'node:perf_hooks';
import type { ConnectOptions } from '../db/connect.js';
import { readRelations, type IndexInfo } from '../db/catalog.js';
import type { StatementFailure } from '../db/execute.js';
import type { MigrationScript } from '../db/script.js';
import type { TraceResult } from '../db/trace.js';
import type { Migration } from '../discover/index.js';
import type { ApplyResult, RollbackResult } from '../report/report.js';
import { ensureParser } from '../sql/parse.js';
import type { RoundTripOutcome } from './round-trip.js';
import { Session } from './session.js';
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
  /** The indexes right before and right after the migration applied, and the session's TimeZone then. */
  catalog?: { indexesBefore: ReadonlyMap<string, IndexInfo>; indexesAfter: ReadonlyMap<string, IndexInfo>; timeZone: string | undefined };
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
