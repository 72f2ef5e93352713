// Where the temporary server's directory goes. PostgreSQL writes thousands of small files (initdb, a
// cached cluster's copy, CREATE DATABASE), and on a disk filesystem each one costs journal work:
// measured on this project's CI machine (ext4 on a virtual disk), copying a 54 MB cached cluster
// (800 migrations) takes 0.9 s into /tmp and 0.1 s into /dev/shm, and a rerun of `check` on that
// history 3.8 s against 1.5 s. A throwaway server needs no durability (it already runs with fsync
// off), so its directory goes on the memory filesystem when there is one with room: /dev/shm, if it
// is a tmpfs we may write with at least 1 GiB free. A container's /dev/shm is often 64 MB (Docker's
// default): too small for a long history, so /tmp then. PG_MIGRATION_GATE_SERVER_DIR names the
// place instead (a directory that exists), e.g. to keep a large seeded baseline off memory.

import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { EnvironmentFailureError, PostgresServerError } from './errors.js';

/** statfs f_type of a tmpfs (linux/magic.h TMPFS_MAGIC). */
const TMPFS_MAGIC = 0x01021994;
const MEMORY_FILESYSTEM = '/dev/shm';
/** Free space the memory filesystem must have: the cluster, its WAL and the work databases' copies. */
export const MIN_MEMORY_FREE_BYTES = 1024 ** 3;

export interface ServerParent {
  path: string;
  /** Why this one, for the report's notes and the benchmark. */
  why: 'configured' | 'memory' | 'temporary';
}

/** The directory temporary servers are made in (each in its own subdirectory). */
export function serverParentDirectory(env: NodeJS.ProcessEnv = process.env): ServerParent {
  const configured = env['PG_MIGRATION_GATE_SERVER_DIR'];
  if (configured) {
    if (!writableDirectory(configured)) {
      throw new PostgresServerError(
        `PG_MIGRATION_GATE_SERVER_DIR is ${configured}, which is not a directory this user can write: create it, or unset the variable to use /dev/shm or the temporary directory`,
      );
    }
    return { path: configured, why: 'configured' };
  }
  if (process.platform === 'linux' && memoryFilesystemUsable(MEMORY_FILESYSTEM)) return { path: MEMORY_FILESYSTEM, why: 'memory' };
  return { path: tmpdir(), why: 'temporary' };
}

/** Every place a run may have made a server directory in: where abandoned ones are swept. */
export function serverParentCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set([serverParentDirectory(env).path, tmpdir(), ...(process.platform === 'linux' ? [MEMORY_FILESYSTEM] : [])])];
}

function writableDirectory(directory: string): boolean {
  try {
    if (!statSync(directory).isDirectory()) return false;
    accessSync(directory, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function memoryFilesystemUsable(directory: string): boolean {
  if (!writableDirectory(directory)) return false;
  try {
    const stats = statfsSync(directory);
    return stats.type === TMPFS_MAGIC && stats.bavail * stats.bsize >= MIN_MEMORY_FREE_BYTES;
  } catch {
    return false;
  }
}

/**
 * A full disk on a server that ran in the memory file system is a full /dev/shm: the message then
 * says so and how to put the server on a disk instead. Any other error is returned as it is.
 */
export function withServerDirectoryHint(error: unknown, serverDirectory: string): unknown {
  if (!(error instanceof EnvironmentFailureError) || error.kind !== 'disk-full') return error;
  if (!serverDirectory.startsWith(`${MEMORY_FILESYSTEM}/`)) return error;
  return new EnvironmentFailureError(
    `${error.message}; the temporary server ran in ${MEMORY_FILESYSTEM}, which is memory: set PG_MIGRATION_GATE_SERVER_DIR to a directory on a disk with room and run the check again`,
    error.kind,
    error.location,
    error.said,
    { cause: error },
  );
}
