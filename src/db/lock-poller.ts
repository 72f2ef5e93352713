// The locks of a statement that runs outside a transaction (CREATE INDEX CONCURRENTLY, REINDEX
// CONCURRENTLY, DETACH PARTITION ... CONCURRENTLY, VACUUM), seen from a second session while it
// runs. The tracer reads a session's own locks after each statement while its transaction is still
// open; such a statement has no transaction the tracer could keep open, and its locks are gone by
// the time it returns. So another connection polls pg_locks for the migration session's pid at a
// short interval (10 ms, 100 ms after the first second) for as long as the statement runs: the
// modes it held, and the ones it waited for (granted = false: a lock another session holds, or the
// end of other transactions, which CREATE INDEX CONCURRENTLY waits for as a lock on their virtual
// transaction id).
//
// The poller never holds the run up: its session lives in another database of the server (pg_locks
// shows every database's locks), so concurrent index builds never wait for its snapshots; each
// poll has a short timeout; it stops when the statement ends, and a poller that cannot connect or
// fails just observes nothing. A statement faster than one interval may show no lock at all; the
// tracer then adds the lock the manual documents for it (documented-locks.ts).

import type pg from 'pg';
import type { ConnectOptions } from './connect.js';

/** How often pg_locks is read while the statement runs, for its first `FAST_POLLS` polls (about a second). */
export const POLL_INTERVAL_MS = 10;
const FAST_POLLS = 100;
/** Afterwards: a long statement (a concurrent build of a big index) is watched without loading the server. */
const SLOW_POLL_INTERVAL_MS = 100;
/** How long one poll, the last poll after the statement ended, or closing the session may take. */
const POLL_LIMIT_MS = 2_000;
/** Connecting the polling session may delay the statement by at most this much (then it runs unwatched). */
const POLLER_CONNECT_LIMIT_MS = 5_000;

/** The polling session's limits: short, so that a poll can never hold the migration up for long. */
export function pollerConnectOptions(options: ConnectOptions): ConnectOptions {
  return {
    ...options,
    connectTimeoutMs: Math.min(options.connectTimeoutMs ?? POLLER_CONNECT_LIMIT_MS, POLLER_CONNECT_LIMIT_MS),
    lockTimeoutMs: 1_000,
    statementTimeoutMs: POLL_LIMIT_MS,
    queryTimeoutMs: POLL_LIMIT_MS,
    applicationName: 'pg-migration-gate lock poller',
  };
}

/** Every lock of the pid that is a relation lock, or one it waits for (its own transaction ids are not). */
const POLL_SQL = `SELECT locktype, relation::int8::text AS oid, mode, granted FROM pg_locks
  WHERE pid = $1 AND (locktype = 'relation' OR NOT granted)`;

/** What the polls saw of one lock (a relation's, or a wait for other transactions). */
export interface PolledLock {
  /** pg_locks.locktype: `relation`, `virtualxid`, `transactionid`, ... */
  locktype: string;
  /** The relation's oid, for a relation lock. */
  oid: string | undefined;
  /** The strongest mode seen granted, else the strongest requested. */
  mode: string;
  /** Some poll saw it requested and not granted. */
  waited: boolean;
  /** Some poll saw it granted. */
  granted: boolean;
}

export interface PollOutcome {
  locks: PolledLock[];
  /** Polls that returned. */
  polls: number;
}

/** Polls the locks of backend `pid` through `client` until `stop()`; then closes the client. */
export class LockPoller {
  private stopped = false;
  private wake: (() => void) | undefined;
  private readonly seen = new Map<string, PolledLock>();
  private polls = 0;
  private readonly loop: Promise<void>;

  constructor(
    private readonly client: pg.Client,
    private readonly pid: number,
    private readonly rank: (mode: string) => number,
    private readonly timing: { intervalMs?: number; limitMs?: number } = {},
  ) {
    this.loop = this.run();
  }

  /** Stops polling (a poll under way finishes first, within its limit) and closes the session. */
  async stop(): Promise<PollOutcome> {
    this.stopped = true;
    this.wake?.();
    const limit = this.timing.limitMs ?? POLL_LIMIT_MS;
    await withLimit(this.loop, limit);
    await withLimit(this.client.end(), limit);
    return { locks: [...this.seen.values()], polls: this.polls };
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const { rows } = await this.client.query<{ locktype: string; oid: string | null; mode: string; granted: boolean }>(POLL_SQL, [this.pid]);
        this.polls++;
        for (const row of rows) this.record(row.locktype, row.oid ?? undefined, row.mode, row.granted);
      } catch {
        // A poll that fails (timeout, session gone) ends the observation; the migration goes on.
        return;
      }
      if (this.stopped) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.polls < FAST_POLLS ? (this.timing.intervalMs ?? POLL_INTERVAL_MS) : SLOW_POLL_INTERVAL_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private record(locktype: string, oid: string | undefined, mode: string, granted: boolean): void {
    // Waits for other transactions (virtualxid, transactionid) are one fact, whichever transaction.
    const key = locktype === 'relation' ? `relation:${oid ?? ''}` : 'other-transactions';
    const current = this.seen.get(key);
    if (!current) {
      this.seen.set(key, { locktype, oid, mode, waited: !granted, granted });
      return;
    }
    current.waited ||= !granted;
    // A granted mode outranks any that was only requested; among equals, the stronger one.
    const better = granted && !current.granted ? true : granted === current.granted && this.rank(mode) > this.rank(current.mode);
    if (better) current.mode = mode;
    current.granted ||= granted;
  }
}

async function withLimit(promise: Promise<unknown>, limitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, limitMs);
    timer.unref();
  });
  await Promise.race([promise.then(() => undefined, () => undefined), limit]);
  clearTimeout(timer);
}
