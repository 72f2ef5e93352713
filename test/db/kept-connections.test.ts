// KeptConnections (src/db/connect.ts): the database stage's admin queries on its own server share
// idle connections. Reused only for the same URL and session settings, only after a use that went
// through; one the server ends leaves the idle list; close() ends the rest.

import { describe, expect, it } from 'vitest';
import { KeptConnections, withConnection } from '../../src/db/connect.js';
import { createScratchDatabase } from '../../src/db/scratch.js';
import { testDatabaseUrl } from './postgres.js';

const backend = (client: { query: (text: string) => Promise<{ rows: Array<{ pid: number }> }> }) => client.query('SELECT pg_backend_pid() AS pid').then(({ rows }) => rows[0]!.pid);

async function alive(pid: number): Promise<boolean> {
  return withConnection(testDatabaseUrl(), async (client) => (await client.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 1);
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200 && !(await condition()); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('KeptConnections', () => {
  it('gives the next use to the same URL the connection the last one left', async () => {
    const url = testDatabaseUrl();
    const kept = new KeptConnections(url);
    const first = await withConnection(url, backend, { reuse: kept });
    const second = await withConnection(url, backend, { reuse: kept });
    expect(second).toBe(first);
    await kept.close();
    await until(async () => !(await alive(first)));
    expect(await alive(first)).toBe(false);
  });

  it('does not share a connection across session settings, or with another URL', async () => {
    const url = testDatabaseUrl();
    const kept = new KeptConnections(url);
    const scratch = await createScratchDatabase(url);
    try {
      const plain = await withConnection(url, backend, { reuse: kept });
      const otherTimeout = await withConnection(url, backend, { reuse: kept, lockTimeoutMs: 1234 });
      const otherDatabase = await withConnection(scratch.url, backend, { reuse: kept });
      expect(new Set([plain, otherTimeout, otherDatabase]).size).toBe(3);
      // Each kept by its own settings: the plain one comes back.
      expect(await withConnection(url, backend, { reuse: kept })).toBe(plain);
      expect(await withConnection(url, (client) => client.query('SHOW lock_timeout').then(({ rows }) => rows[0].lock_timeout), { reuse: kept, lockTimeoutMs: 1234 })).toBe('1234ms');
      // The other database's was closed after its use, not kept.
      await until(async () => !(await alive(otherDatabase)));
      expect(await alive(otherDatabase)).toBe(false);
    } finally {
      await kept.close();
      await scratch.drop();
    }
  });

  it('closes a connection whose use failed, and the next use gets a fresh one', async () => {
    const url = testDatabaseUrl();
    const kept = new KeptConnections(url);
    let failedPid = 0;
    await expect(
      withConnection(
        url,
        async (client) => {
          failedPid = await backend(client);
          await client.query('BEGIN');
          await client.query('SELECT 1/0');
        },
        { reuse: kept },
      ),
    ).rejects.toThrow(/division by zero/);
    const next = await withConnection(url, async (client) => ({ pid: await backend(client), outsideTransaction: (await client.query("SELECT now() = statement_timestamp() AS fresh")).rows[0].fresh }), { reuse: kept });
    expect(next.pid).not.toBe(failedPid);
    expect(next.outsideTransaction).toBe(true);
    await until(async () => !(await alive(failedPid)));
    expect(await alive(failedPid)).toBe(false);
    await kept.close();
  });

  it('drops an idle connection the server ended, so the next use does not fail on it', async () => {
    const url = testDatabaseUrl();
    const kept = new KeptConnections(url);
    const first = await withConnection(url, backend, { reuse: kept });
    await withConnection(url, (client) => client.query('SELECT pg_terminate_backend($1)', [first]));
    await until(async () => !(await alive(first)));
    // The driver sees the end once its socket closes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await withConnection(url, backend, { reuse: kept });
    expect(second).not.toBe(first);
    await kept.close();
  });

  it('after close(), uses open and close their own connections', async () => {
    const url = testDatabaseUrl();
    const kept = new KeptConnections(url);
    await withConnection(url, backend, { reuse: kept });
    await kept.close();
    const later = await withConnection(url, backend, { reuse: kept });
    await until(async () => !(await alive(later)));
    expect(await alive(later)).toBe(false);
  });
});
