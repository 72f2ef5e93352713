import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connect, withConnection } from '../../src/db/connect.js';
import { ScratchDatabaseError } from '../../src/db/errors.js';
import {
  createScratchDatabase,
  dropScratchDatabase,
  SCRATCH_DATABASE_PREFIX,
  scratchDatabaseName,
  withScratchDatabase,
} from '../../src/db/scratch.js';
import { isAbandoned, ownerOf } from '../../src/db/scratch-owner.js';
import { ownScratchDatabases, testDatabaseUrl } from './postgres.js';

describe('scratch databases', () => {
  it('names them with the prefix, this pid, host and start time, and a random part', () => {
    const name = scratchDatabaseName();
    expect(name).toMatch(new RegExp(`^${SCRATCH_DATABASE_PREFIX}${process.pid}_[0-9a-f]{6}_[0-9a-z]+_[0-9a-f]{8}$`));
    expect(ownerOf(name, SCRATCH_DATABASE_PREFIX)).toMatchObject({ pid: process.pid });
    // This process's start time as /proc tells it matches the one in the name: it is never swept as another's.
    expect(isAbandoned(name, SCRATCH_DATABASE_PREFIX)).toBe(false);
    expect(name.length).toBeLessThan(64); // NAMEDATALEN - 1
    expect(scratchDatabaseName()).not.toBe(name);
  });

  it('creates one, lets the work use it, and drops it', async () => {
    const url = testDatabaseUrl();
    const before = await ownScratchDatabases(url);
    const seen = await withScratchDatabase(url, async (database) => {
      expect(await ownScratchDatabases(url)).toContain(database.name);
      return withConnection(database.url, async (client) => {
        await client.query('CREATE TABLE invoice (id bigint PRIMARY KEY)');
        const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
        return rows[0]?.db;
      });
    });
    expect(seen).toMatch(new RegExp(`^${SCRATCH_DATABASE_PREFIX}`));
    expect(await ownScratchDatabases(url)).toEqual(before);
  });

  it('drops it when the work throws, and rethrows the work error', async () => {
    const url = testDatabaseUrl();
    const before = await ownScratchDatabases(url);
    const failure = new Error('migration failed');
    let name = '';
    await expect(
      withScratchDatabase(url, async (database) => {
        name = database.name;
        // A session still open when the work fails must not keep the database alive.
        const client = await connect(database.url);
        await client.query('CREATE TABLE t (id int)');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(name).not.toBe('');
    expect(await ownScratchDatabases(url)).toEqual(before);
  });

  it('clones a template database, ending the sessions still open on it', async () => {
    const url = testDatabaseUrl();
    const before = await ownScratchDatabases(url);
    await withScratchDatabase(url, async (base) => {
      const baseSession = await connect(base.url);
      await baseSession.query('CREATE TABLE customer (id bigint PRIMARY KEY, name text NOT NULL)');
      await baseSession.query("INSERT INTO customer VALUES (1, 'Ada')");
      // baseSession stays open on purpose: CREATE DATABASE ... TEMPLATE needs it gone.
      await withScratchDatabase(
        url,
        async (clone) => {
          const rows = await withConnection(clone.url, async (client) => {
            return (await client.query<{ name: string }>('SELECT name FROM customer')).rows;
          });
          expect(rows).toEqual([{ name: 'Ada' }]);
        },
        { template: base.name },
      );
      await baseSession.end().catch(() => undefined);
    });
    expect(await ownScratchDatabases(url)).toEqual(before);
  });

  it('clones by copying the files (STRATEGY FILE_COPY) when asked, with the same content', async () => {
    const url = testDatabaseUrl();
    const version = await withConnection(url, async (client) => Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v));
    if (version < 150000) return; // FILE_COPY is PostgreSQL 15's; the stage asks for it only there
    await withScratchDatabase(url, async (base) => {
      await withConnection(base.url, async (client) => {
        await client.query('CREATE TABLE customer (id bigint PRIMARY KEY, name text NOT NULL)');
        await client.query("INSERT INTO customer VALUES (1, 'Ada')");
      });
      await withScratchDatabase(
        url,
        async (clone) => {
          const rows = await withConnection(clone.url, async (client) => (await client.query<{ name: string }>('SELECT name FROM customer')).rows);
          expect(rows).toEqual([{ name: 'Ada' }]);
        },
        { template: base.name, fileCopy: true },
      );
    });
  });

  it('creates an empty database by copying template1\'s files when asked (the base on the temporary server)', async () => {
    const url = testDatabaseUrl();
    const version = await withConnection(url, async (client) => Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v));
    if (version < 150000) return;
    // FILE_COPY asks for a checkpoint before and after the copy; WAL_LOG asks for none. Only the first
    // is sure to be counted by now: the checkpointer wakes the waiting CREATE before it reports a count.
    const requested = () =>
      withConnection(url, async (client) =>
        Number(
          (await client.query<{ n: string }>(version >= 170000 ? 'SELECT num_requested AS n FROM pg_stat_checkpointer' : 'SELECT checkpoints_req AS n FROM pg_stat_bgwriter')).rows[0]!.n,
        ),
      );
    const before = await requested();
    await withScratchDatabase(
      url,
      async (database) => {
        const tables = await withConnection(database.url, async (client) => (await client.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'pg_class'")).rows[0]);
        expect(tables).toEqual({ n: 1 });
      },
      { fileCopy: true },
    );
    expect(await requested()).toBeGreaterThanOrEqual(before + 1);
  });

  it('creates scratch databases in parallel under distinct names', async () => {
    const url = testDatabaseUrl();
    const before = await ownScratchDatabases(url);
    const databases = await Promise.all([1, 2, 3, 4].map(() => createScratchDatabase(url)));
    expect(new Set(databases.map((database) => database.name)).size).toBe(4);
    await Promise.all(databases.map((database) => database.drop()));
    await databases[0]?.drop(); // a second drop is a no-op
    expect(await ownScratchDatabases(url)).toEqual(before);
  });

  it('refuses to drop a database that is not a scratch database', async () => {
    await expect(dropScratchDatabase(testDatabaseUrl(), 'postgres')).rejects.toThrow(ScratchDatabaseError);
  });

  it('says what to do when the template does not exist', async () => {
    const url = testDatabaseUrl();
    const error = await createScratchDatabase(url, { template: 'pgmg_no_such_template' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScratchDatabaseError);
    expect((error as Error).message).toMatch(/check that the template database "pgmg_no_such_template" exists/);
    expect((error as Error).message).not.toContain(new URL(url).password || '\u0000');
  });

  it('changes nothing in the database the URL names', async () => {
    const url = testDatabaseUrl();
    const tablesBefore = await countTables(url);
    await withScratchDatabase(url, async () => undefined);
    expect(await countTables(url)).toBe(tablesBefore);
  });
});

async function countTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_class WHERE relnamespace <> 'pg_catalog'::regnamespace",
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}
