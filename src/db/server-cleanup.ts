// The safety net behind "the temporary server leaves nothing behind": whatever way this process ends
// (normal exit, process.exit, an uncaught error, Ctrl-C, a CI cancel's SIGTERM), every server still
// running is shut down and its directory removed. The handlers are installed once per process.
//
// Everything here is synchronous because an 'exit' handler cannot wait for promises. A process that
// is SIGKILLed runs no handler at all; the next start sweeps what such a run left (see
// removeAbandonedDirectories).

import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface TrackedServer {
  /** The temporary directory that holds everything of this server; removing it removes all. */
  directory: string;
  /** The data directory inside it. */
  dataDir: string;
  /** The postmaster's pid, once spawned. */
  pid: number | undefined;
}

/** Temporary directories are named `${DIRECTORY_PREFIX}${pid of the owning process}-XXXXXX`. */
export const DIRECTORY_PREFIX = 'pg-migration-gate-';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const running = new Set<TrackedServer>();
let handlersInstalled = false;

export function trackServer(server: TrackedServer): void {
  installHandlers();
  running.add(server);
}

export function untrackServer(server: TrackedServer): void {
  running.delete(server);
}

/**
 * Immediate shutdown, then removal of the directory. Immediate mode skips the shutdown checkpoint
 * (the data is thrown away anyway) and the postmaster still waits for all its backends before it
 * exits, so once it is gone nothing writes into the directory any more.
 */
export function destroyServerSync(server: TrackedServer, waitMs = 5_000): void {
  const pid = server.pid;
  if (pid !== undefined && !postmasterExited(server)) {
    sendSignal(pid, 'SIGQUIT');
    if (!waitSync(() => postmasterExited(server), waitMs)) {
      sendSignal(pid, 'SIGKILL');
      waitSync(() => postmasterExited(server), 1_000);
    }
  }
  try {
    // Retries: orphaned backends of a SIGKILLed postmaster may still be writing for a moment.
    rmSync(server.directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // Nothing more can be done while the process is exiting; the next start sweeps it.
  }
  running.delete(server);
}

/** True once the pid no longer names a live process. An exited child that Node has not reaped yet is a zombie: it holds no files and no port, so it counts as gone. */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * Removes directories left by runs that were killed outright. Only directories whose owning process
 * is gone are touched; if such a run's postmaster still runs (orphaned), it is recognised by its
 * command line naming that data directory, and shut down first.
 */
export function removeAbandonedDirectories(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const match = new RegExp(`^${DIRECTORY_PREFIX}(\\d+)-`).exec(name);
    if (!match || Number(match[1]) === process.pid || !processGone(Number(match[1]))) continue;
    const directory = path.join(parent, name);
    const dataDir = path.join(directory, 'data');
    const postmasterPid = readPostmasterPid(dataDir);
    if (postmasterPid !== undefined && !processGone(postmasterPid) && !commandLineNames(postmasterPid, dataDir)) {
      continue; // a live process we cannot tie to this directory: leave it alone
    }
    destroyServerSync({ directory, dataDir, pid: postmasterPid }, 2_000);
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', destroyAllSync);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  destroyAllSync();
  // Listening for a signal turns off Node's default of dying from it. When no one else listens,
  // restore that default and re-raise, so the process still ends "killed by SIGINT" (exit 130).
  if (process.listenerCount(signal) === 1) {
    for (const each of SIGNALS) process.removeListener(each, onSignal);
    process.removeListener('exit', destroyAllSync);
    handlersInstalled = false;
    process.kill(process.pid, signal);
  }
}

function destroyAllSync(): void {
  for (const server of [...running]) destroyServerSync(server);
}

/** Where /proc is missing (macOS), the postmaster's removal of its lock file on exit is the sign. */
function postmasterExited(server: TrackedServer): boolean {
  if (server.pid === undefined || processGone(server.pid)) return true;
  return process.platform !== 'linux' && !existsSync(path.join(server.dataDir, 'postmaster.pid'));
}

function readPostmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function commandLineNames(pid: number, dataDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dataDir);
  } catch {
    return false;
  }
}

function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function waitSync(done: () => boolean, timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    Atomics.wait(sleeper, 0, 0, 10);
  }
  return true;
}
