// Creating the temporary server's data directory with initdb, as the account the server runs as,
// within the start-up deadline.

import { spawn } from 'node:child_process';
import { chownSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PostgresServerError } from './errors.js';
import type { RunnableBinaries } from './runnable-binaries.js';
import type { ServerAccount } from './server-account.js';
import { logTail } from './server-log.js';

export interface InitdbRequest {
  binaries: RunnableBinaries;
  account: ServerAccount | undefined;
  /** The server's temporary directory (owned by the account); the data directory goes inside. */
  directory: string;
  dataDir: string;
  superuser: string;
  password: string;
  /** Date.now() value by which initdb must have finished. */
  deadline: number;
  /** The binaries' major, when known (a 10 has no --wal-segsize). */
  major?: number;
  /** Aborted: initdb is killed and initdb() rejects (a head start not needed after all). */
  signal?: AbortSignal;
}

/**
 * C locale: no dependency on the machine's locales; --no-sync: the data is thrown away. Password
 * authentication even on loopback: other local users must not get into the server. WAL segments of
 * 1 MB instead of 16: a fresh cluster is 24 MB instead of 40, and a saved base keeps a few small
 * segments instead of two or three large ones, which every cached start copies. Part of a cached
 * cluster's key (data-dir-source.ts).
 */
export function initdbOptions(major: number | undefined): string[] {
  return ['--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync', ...(major !== undefined && major < 11 ? [] : ['--wal-segsize=1'])];
}

export async function initdb(request: InitdbRequest): Promise<void> {
  const { binaries, account, directory, dataDir, superuser, password, deadline, major, signal } = request;
  // initdb reads the superuser's password from a file only the server's account can read.
  const passwordFile = path.join(directory, 'pwfile');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (account) chownSync(passwordFile, account.uid, account.gid);
  try {
    const args = ['-D', dataDir, '-U', superuser, `--pwfile=${passwordFile}`, ...initdbOptions(major)];
    const result = await runToEnd(path.join(binaries.binDir, 'initdb'), args, binaries.env, account, deadline, signal);
    if (result.timedOut) throw new PostgresServerError(`initdb did not finish in time${logTail(result.output)}`);
    if (result.code !== 0) {
      throw new PostgresServerError(`initdb failed (exit ${String(result.code ?? result.signal)})${logTail(result.output)}`);
    }
  } finally {
    unlinkSync(passwordFile);
  }
}

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

/** Runs a program to its end, keeping the tail of its output; killed when the deadline passes. */
function runToEnd(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  account: ServerAccount | undefined,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
      ...(signal ? { signal } : {}),
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-16_384);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, Math.max(1, deadline - Date.now()));
    child.on('error', (error) => {
      // Aborted: told on 'close', once initdb has exited and no longer writes into the directory.
      if (signal?.aborted) return;
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, exitSignal) => {
      clearTimeout(timer);
      resolve({ code, signal: exitSignal, output, timedOut });
    });
  });
}
