// The rollback round trip of one migration, in the database it was just applied to: snapshot S1,
// down, snapshot S2 which must equal S0 (the schema before the migration), up again, snapshot S3
// which must equal S1. The history is never replayed for this: the caller rebuilds its database
// from the base template only when the round trip leaves it in a state other than S1. The down and
// the second up each start from fresh session settings; the snapshots are read in other sessions.

import type pg from 'pg';
import { executeScript, type StatementFailure } from '../db/execute.js';
import type { MigrationScript } from '../db/script.js';
import { diffSnapshots, type SchemaDifference } from './diff.js';
import type { SchemaSnapshot } from './snapshot.js';

export interface RoundTripOutcome {
  /** The down script failed here. */
  downFailure?: StatementFailure;
  /** S0 → S2: what the rollback did not restore (empty when it did, or when it failed). */
  rollbackDifferences: SchemaDifference[];
  /** The up script failed when run again after the rollback. */
  reapplyFailure?: StatementFailure;
  /** S1 → S3: how the second up differs from the first. */
  reapplyDifferences: SchemaDifference[];
  /** The database is back in state S1 (the migration applied once), so later migrations can go on in it. */
  atS1: boolean;
  /** The schema now, when `atS1`: the next migration's S0. */
  snapshot: SchemaSnapshot | undefined;
}

export async function roundTrip(
  client: pg.Client,
  up: MigrationScript,
  down: MigrationScript,
  before: SchemaSnapshot,
  /** The schema as committed now, read outside `client` (snapshot-sessions.ts says why). */
  readSchema: () => Promise<SchemaSnapshot>,
  /**
   * Puts the session back to its own settings and the runner's before `script` runs: a rollback
   * and the apply after it are separate runs of the runner (`migrate down 1`, `dbmate rollback`),
   * each in a new session, so a `SET search_path` of the up does not hold for the down.
   */
  freshSession: (script: MigrationScript) => Promise<void>,
): Promise<RoundTripOutcome> {
  const s1 = await readSchema();
  await freshSession(down);
  const downRun = await executeScript(client, down, { fast: true });
  if (!downRun.ok) {
    // A transactional down script that failed changed nothing; one in autocommit may have half run.
    const now = downRun.failure.fatal ? undefined : await readSchema();
    const atS1 = now !== undefined && diffSnapshots(s1, now).length === 0;
    return { downFailure: downRun.failure, rollbackDifferences: [], reapplyDifferences: [], atS1, snapshot: atS1 ? s1 : undefined };
  }
  const s2 = await readSchema();
  const rollbackDifferences = diffSnapshots(before, s2);
  await freshSession(up);
  const upRun = await executeScript(client, up, { fast: true });
  if (!upRun.ok) return { rollbackDifferences, reapplyFailure: upRun.failure, reapplyDifferences: [], atS1: false, snapshot: undefined };
  const s3 = await readSchema();
  const reapplyDifferences = diffSnapshots(s1, s3);
  const atS1 = reapplyDifferences.length === 0;
  return { rollbackDifferences, reapplyDifferences, atS1, snapshot: atS1 ? s3 : undefined };
}
