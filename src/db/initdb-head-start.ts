// `check`'s head start on the temporary server. When the run will need a fresh cluster (no cache, or
// a cache that holds no cluster and no saved base at all: a fresh CI machine), initdb starts as soon
// as the config is read and runs while git, discovery and the database stage's modules load, instead
// of after them. The temporary server's start takes it over (server.ts); a run that turns out not to
// need it (nothing to apply, no server start) stops it and removes its directory.
//
// A cache with any entry gets no initdb: a copy of a cached cluster or base is what the start would
// use, and guessing wrong would cost a warm run an initdb's CPU. It still gets the reservation (the
// binaries found and proven to run, the server's directory made), which then happens while git runs,
// not between git and the copy of the cached base. Nor does a root run whose server account does
// not exist yet get either: useradd is for a run that applies something.

import { randomBytes } from 'node:crypto';
import { DataDirCache } from '../cache/store.js';
import { holdRemovals, removeInBackground, removeTree } from './background-removals.js';
import { initdb } from './initdb.js';
import { serverAccountMissing } from './server-account.js';
import { untrackServer } from './server-cleanup.js';
import { reserveServer, type ReserveOptions, type ServerReservation } from './server-reservation.js';

/** The superuser of every temporary server (server.ts). */
export const SERVER_SUPERUSER = 'postgres';
const START_TIMEOUT_MS = 60_000;

export interface StartedInitdb {
  /** The reservation; rejects when none can be made (the start then reserves again, and says why). */
  reservation: Promise<ServerReservation>;
  /** The initdb run in it; undefined for a reservation only (the cache held entries). */
  initdb?: {
    /** The superuser's password initdb gives the cluster. */
    password: string;
    /** Settles when initdb has finished; rejects as initdb() does (or as the reservation did). */
    done: Promise<void>;
  };
  /** The Date.now() by which the server must be up (initdb is killed then). */
  deadline: number;
}

export interface InitdbHeadStart {
  /** Whether initdb runs in the reservation (a fresh cluster is certain to be needed). */
  runsInitdb: boolean;
  /**
   * Settles once the reservation is made, with initdb spawned in it when it runs. initdb is spawned
   * from this process's event loop when the probes answer: a caller about to compile a bundle
   * waits for this first, or initdb waits for the compile (~90 ms on a cold check).
   */
  ready: Promise<void>;
  /** Whether a start asking for these binaries can take it (the ones it reserved). */
  suits(wanted: ReserveOptions): boolean;
  /** The reservation (and its running initdb, if any), for the server start; undefined once taken or discarded. */
  take(binaries: ReserveOptions): StartedInitdb | undefined;
  /** Not needed: initdb stopped, its directory removed in the background (the CLI waits for that). A no-op once taken. */
  discard(): void;
}

export interface HeadStartOptions extends ReserveOptions {
  /** Whether the temporary server's cache is used (false: --no-cache, or a superuser run). */
  cache: boolean;
  /** The cache to look at (default: the usual location). */
  store?: DataDirCache;
}

/**
 * A reservation (made from here on: its binaries' probes run while the caller goes on), with initdb
 * run in it when a fresh cluster is certain to be needed; undefined when the run would create the
 * server's account. A reservation that fails is told by the start, which makes its own.
 */
export function startInitdbEarly(options: HeadStartOptions): InitdbHeadStart | undefined {
  const cached = options.cache && (options.store ?? new DataDirCache()).holdsEntries();
  // An OS account for the server is created only by a run that applies something, not in advance.
  if (serverAccountMissing()) return undefined;
  const reservation = reserveServer(options);
  // No binaries, an unusable directory: told where it is awaited (the start), never here.
  reservation.catch(() => undefined);
  const deadline = Date.now() + START_TIMEOUT_MS;
  const abort = new AbortController();
  let started: StartedInitdb['initdb'];
  if (!cached) {
    const password = randomBytes(24).toString('base64url');
    const done = reservation.then(async ({ tracked, binaries, account, candidate }) => {
      if (abort.signal.aborted) return;
      await initdb({
        binaries,
        account,
        directory: tracked.directory,
        dataDir: tracked.dataDir,
        superuser: SERVER_SUPERUSER,
        password,
        deadline,
        signal: abort.signal,
        ...(candidate.major === undefined ? {} : { major: candidate.major }),
      });
    });
    // Told where it is awaited (the server start); a discarded one is not told at all.
    done.catch(() => undefined);
    started = { password, done };
  }
  let state: 'waiting' | 'taken' | 'discarded' = 'waiting';
  const suits = (wanted: ReserveOptions): boolean =>
    (wanted.binaries ?? 'auto') === (options.binaries ?? 'auto') && wanted.preferMajor === options.preferMajor;
  return {
    runsInitdb: started !== undefined,
    ready: reservation.then(() => undefined, () => undefined),
    suits,
    take(wanted) {
      if (state !== 'waiting') return undefined;
      // A start asking for other binaries than the ones reserved (tests, plan, a config's
      // postgres-version the CLI's launcher did not know) does not take it.
      if (!suits(wanted)) return undefined;
      state = 'taken';
      return { reservation, ...(started ? { initdb: started } : {}), deadline };
    },
    discard() {
      if (state !== 'waiting') return;
      state = 'discarded';
      abort.abort();
      // Removed once initdb has exited, so that nothing writes into the directory any more; the
      // run waits for that even when the reservation is still being made.
      const exited = started?.done ?? Promise.resolve();
      holdRemovals(reservation.then(
        ({ tracked }) => removeInBackground(tracked.directory, () => untrackServer(tracked), (directory) => exited.then(
          () => removeTree(directory),
          () => removeTree(directory),
        )),
        () => undefined,
      ));
    },
  };
}

/**
 * startInitdbEarly for a caller about to compile a bundle (the launchers, runGate): settled once
 * initdb, when it runs, has been spawned, so that the compile does not hold the probes' answer up.
 * A reservation only is not waited for.
 */
export async function startInitdbBeforeCompiling(options: HeadStartOptions): Promise<InitdbHeadStart | undefined> {
  const headStart = startInitdbEarly(options);
  if (headStart?.runsInitdb) await headStart.ready;
  return headStart;
}
