import { chmodSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentFailureError, PostgresServerError } from '../../src/db/errors.js';
import { MIN_MEMORY_FREE_BYTES, serverParentCandidates, serverParentDirectory, withServerDirectoryHint } from '../../src/db/server-directory.js';
import { startTemporaryServer } from '../../src/db/server.js';
import { serverDirectories } from './processes.js';

/** What this machine's /dev/shm is, found independently of the module: a tmpfs with room, or not. */
function memoryFilesystemHere(): boolean {
  try {
    const stats = statfsSync('/dev/shm');
    return stats.type === 0x01021994 && stats.bavail * stats.bsize >= MIN_MEMORY_FREE_BYTES;
  } catch {
    return false;
  }
}

describe("the temporary server's directory", () => {
  it('goes on /dev/shm when it is a tmpfs with room, else in the temporary directory', () => {
    const chosen = serverParentDirectory({});
    if (process.platform === 'linux' && memoryFilesystemHere()) expect(chosen).toEqual({ path: '/dev/shm', why: 'memory' });
    else expect(chosen).toEqual({ path: tmpdir(), why: 'temporary' });
    // Abandoned directories are swept wherever a run may have made them.
    expect(serverParentCandidates({})).toContain(tmpdir());
    expect(serverParentCandidates({})).toContain(chosen.path);
  });

  it('goes where PG_MIGRATION_GATE_SERVER_DIR says, and the server starts and is removed there', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'pgmg-server-dir-'));
    // The server may run as an unprivileged account: it must reach its directory.
    chmodSync(parent, 0o755);
    const saved = process.env['PG_MIGRATION_GATE_SERVER_DIR'];
    process.env['PG_MIGRATION_GATE_SERVER_DIR'] = parent;
    try {
      expect(serverParentDirectory()).toEqual({ path: parent, why: 'configured' });
      const server = await startTemporaryServer();
      try {
        expect(path.dirname(server.directory)).toBe(parent);
        expect(serverDirectories(process.pid)).toContain(server.directory);
      } finally {
        await server.stop();
      }
      expect(serverDirectories(process.pid)).not.toContain(server.directory);
    } finally {
      if (saved === undefined) delete process.env['PG_MIGRATION_GATE_SERVER_DIR'];
      else process.env['PG_MIGRATION_GATE_SERVER_DIR'] = saved;
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('says what to do when PG_MIGRATION_GATE_SERVER_DIR is not a directory it can use', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'pgmg-server-dir-'));
    const file = path.join(parent, 'not-a-directory');
    writeFileSync(file, '');
    try {
      for (const configured of [file, path.join(parent, 'missing')]) {
        const error = (() => {
          try {
            serverParentDirectory({ PG_MIGRATION_GATE_SERVER_DIR: configured });
          } catch (caught) {
            return caught;
          }
          return undefined;
        })();
        expect(error).toBeInstanceOf(PostgresServerError);
        expect((error as Error).message).toBe(
          `PG_MIGRATION_GATE_SERVER_DIR is ${configured}, which is not a directory this user can write: create it, or unset the variable to use /dev/shm or the temporary directory`,
        );
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('says, when the disk is full, that a server in /dev/shm ran in memory and how to move it', () => {
    const full = new EnvironmentFailureError(
      "the PostgreSQL server's disk is full while applying migrations/0002_backfill.sql:3 (could not extend file, SQLSTATE 53100); nothing was concluded about the migration",
      'disk-full',
      'migrations/0002_backfill.sql:3',
    );
    const hinted = withServerDirectoryHint(full, '/dev/shm/pg-migration-gate-123-abc') as EnvironmentFailureError;
    expect(hinted).toBeInstanceOf(EnvironmentFailureError);
    expect(hinted.kind).toBe('disk-full');
    expect(hinted.location).toBe('migrations/0002_backfill.sql:3');
    expect(hinted.message).toBe(
      `${full.message}; the temporary server ran in /dev/shm, which is memory: set PG_MIGRATION_GATE_SERVER_DIR to a directory on a disk with room and run the check again`,
    );
    // On a disk, or another failure: unchanged.
    expect(withServerDirectoryHint(full, path.join(tmpdir(), 'pg-migration-gate-123-abc'))).toBe(full);
    const stopped = new EnvironmentFailureError('the PostgreSQL server stopped', 'server-stopped', 'm.sql:1');
    expect(withServerDirectoryHint(stopped, '/dev/shm/pg-migration-gate-123-abc')).toBe(stopped);
  });
});
