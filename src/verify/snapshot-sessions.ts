// The sessions schema snapshots are read in: two of their own in the database being verified, never
// the session the migrations run in.
//
// Why not that session: what a catalog function prints depends on the session's settings. With a
// migration's `SET search_path TO app` still in force, a column default reads `nextval('t_id_seq')`
// and its type `mood`; in a session with the defaults, `nextval('app.t_id_seq')` and `app.mood`
// (TimeZone and DateStyle change how timestamp defaults print the same way). A snapshot taken after
// such a migration then differs from the next migration's rollback result in text only, and a correct
// rollback was reported as a mismatch. Sessions that never run a migration keep the database's
// defaults, so every snapshot of a run (and the one saved with a cached base) reads alike.
//
// Why two: the snapshot's query groups run at the same time, one per session (snapshot.ts).
// They are opened on the first snapshot, so a set without rollbacks opens none. A server at its
// connection limit that lets only one of them in gets the snapshot read in that one.

import type pg from 'pg';
import { closeConnection, connect, type ConnectOptions } from '../db/connect.js';
import { DatabaseConnectionError } from '../db/errors.js';
import { SNAPSHOT_QUERY_GROUPS } from './snapshot-queries.js';
import { takeSnapshot, type SchemaSnapshot } from './snapshot.js';

const TOO_MANY_CONNECTIONS = '53300';

export class SnapshotSessions {
  private opening: Promise<pg.Client[]> | undefined;
  private closed = false;

  constructor(
    /** The database to read, as the migrations' own session connects to it (the migrator role, if any). */
    private readonly url: string,
    private readonly options: ConnectOptions,
  ) {}

  /** The schema as committed now. Nothing may change it while this runs. */
  async take(): Promise<SchemaSnapshot> {
    if (this.closed) throw new Error('the snapshot sessions are closed');
    this.opening ??= this.open();
    return takeSnapshot(await this.opening);
  }

  /** Ends the sessions (before the database is dropped or used as a template); never fails. */
  async close(): Promise<void> {
    this.closed = true;
    const opening = this.opening;
    this.opening = undefined;
    const clients = await opening?.catch(() => []);
    await Promise.all((clients ?? []).map((client) => closeConnection(client)));
  }

  private async open(): Promise<pg.Client[]> {
    const attempts = await Promise.allSettled(SNAPSHOT_QUERY_GROUPS.map(() => connect(this.url, this.options)));
    const clients = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
    const failures = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason as unknown] : []));
    const atLimit = failures.length > 0 && failures.every((error) => error instanceof DatabaseConnectionError && error.code === TOO_MANY_CONNECTIONS);
    // A server at its connection limit (SQLSTATE 53300) that let one in: one session reads it all.
    if (atLimit && clients.length > 0) return clients;
    // A role's or database's limit is counted as each backend starts, so two that start together
    // with one place left can both be refused: one more, alone, takes the place.
    if (atLimit) return [await connect(this.url, this.options)];
    const failed = failures[0];
    if (failed !== undefined) {
      // One connected, the other did not: the one that did must not keep the database open.
      await Promise.all(clients.map((client) => closeConnection(client)));
      throw failed;
    }
    return clients;
  }
}
