// The sessions of the rollback round trip. Schema snapshots are read in sessions of their own
// (verify/snapshot-sessions.ts): a migration's session settings cannot change how the schema reads,
// so a correct rollback after a migration that sets search_path or the time zone is verified, not
// reported as a mismatch; and the two sessions end before the database is dropped. The down and the
// second up each start from the session's own settings, as separate runs of the runner do.

import { describe, expect, it } from 'vitest';
import { withConnection } from '../../src/db/connect.js';
import { DatabaseConnectionError } from '../../src/db/errors.js';
import { createScratchDatabase } from '../../src/db/scratch.js';
import { SnapshotSessions } from '../../src/verify/snapshot-sessions.js';
import { takeSnapshot } from '../../src/verify/snapshot.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { stageOfDirectory } from './stage-directory.js';

async function stageOf(files: Record<string, string>, checked: string[]) {
  const { discovery, stage } = await stageOfDirectory(files, checked, { layout: 'plain' });
  expect(discovery.problems).toEqual([]);
  return [...stage.files].map(([file, result]) => ({
    file,
    rollback: result.rollback.status,
    findings: result.findings.map((f) => `${f.rule}: ${f.message}`),
    reason: result.rollback.reason,
    differences: 'differences' in result.rollback ? result.rollback.differences : undefined,
  }));
}

/** Sessions on `database` other than the one asking (pg_stat_activity, read from the admin database). */
async function sessionsOn(database: string): Promise<number> {
  return withConnection(testDatabaseUrl(), async (admin) => {
    const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    return rows[0]!.n;
  });
}

describe('snapshot sessions', () => {
  it("a migration's SET search_path and SET TIME ZONE do not make the next migration's correct rollback a mismatch", async () => {
    // Real histories do this (pg_dump output, Flyway's schema-per-app files): objects created
    // unqualified after a SET that lasts until the session ends. Read in that session, the default
    // prints as nextval('t_id_seq'), the type as mood and the timestamp in New York's time; read
    // after the next file's RESET ALL, as nextval('app.t_id_seq'), app.mood and UTC.
    const rows = await stageOf(
      {
        '0001_schema.sql': 'CREATE SCHEMA app;\n',
        '0002_table.sql':
          "SET search_path TO app, public;\nSET TIME ZONE 'America/New_York';\nCREATE TYPE mood AS ENUM ('ok', 'sad');\n" +
          "CREATE TABLE t (id serial PRIMARY KEY, m mood, since timestamptz DEFAULT '2024-01-01 00:00:00+00');\n",
        '0002_table_rollback.sql': 'SET search_path TO app, public;\nDROP TABLE t;\nDROP TYPE mood;\n',
        '0003_u.sql': 'CREATE TABLE app.u (id int);\n',
        '0003_u_rollback.sql': 'DROP TABLE app.u;\n',
      },
      ['0002_table.sql', '0003_u.sql'],
    );
    expect(rows).toEqual([
      { file: 'migrations/0002_table.sql', rollback: 'verified', reason: undefined, findings: [], differences: undefined },
      { file: 'migrations/0003_u.sql', rollback: 'verified', reason: undefined, findings: [], differences: undefined },
    ]);
  });

  it('still reports a rollback that does not restore the schema', async () => {
    const rows = await stageOf(
      {
        '0001_t.sql': 'SET search_path TO public;\nCREATE TABLE t (id int, note text);\n',
        '0001_t_rollback.sql': 'DROP TABLE t;\n',
        '0002_note.sql': 'ALTER TABLE t DROP COLUMN note;\n',
        '0002_note_rollback.sql': 'ALTER TABLE t ADD COLUMN note varchar(10);\n',
      },
      ['0001_t.sql', '0002_note.sql'],
    );
    expect(rows[0]).toMatchObject({ file: 'migrations/0001_t.sql', rollback: 'verified' });
    expect(rows[1]).toMatchObject({ file: 'migrations/0002_note.sql', rollback: 'mismatch' });
    expect(rows[1]!.differences).toEqual([expect.stringContaining('column t.note: type text → character varying(10)')]);
  });

  it("the down runs without the up's SET search_path, as `migrate down` in a new session does", async () => {
    const rows = await stageOf(
      {
        '0001_schema.sql': 'CREATE SCHEMA app;\n',
        '0002_table.sql': 'SET search_path TO app, public;\nCREATE TABLE t (id int);\n',
        // Works only in the up's session: in a new one t is not on the search path.
        '0002_table_rollback.sql': 'DROP TABLE t;\n',
        '0003_other.sql': 'SET search_path TO app, public;\nCREATE TABLE o (id int);\n',
        '0003_other_rollback.sql': 'DROP TABLE app.o;\n',
      },
      ['0002_table.sql', '0003_other.sql'],
    );
    expect(rows[0]).toMatchObject({ file: 'migrations/0002_table.sql', rollback: 'failed', reason: expect.stringMatching(/^migrations\/0002_table_rollback\.sql:1: table "t" does not exist/) });
    expect(rows[1]).toMatchObject({ file: 'migrations/0003_other.sql', rollback: 'verified' });
  });

  it("the second up runs without the down's settings: an up that needs the runner's defaults applies again", async () => {
    const rows = await stageOf(
      {
        '0001_t.sql': 'CREATE TABLE t (id int);\n',
        '0002_note.sql': 'ALTER TABLE t ADD COLUMN note text;\n',
        // A down that leaves the session on an empty search path (pg_dump's first lines do this).
        '0002_note_rollback.sql': "SELECT pg_catalog.set_config('search_path', '', false);\nALTER TABLE public.t DROP COLUMN note;\n",
      },
      ['0002_note.sql'],
    );
    expect(rows).toEqual([{ file: 'migrations/0002_note.sql', rollback: 'verified', reason: undefined, findings: [expect.stringMatching(/^access-exclusive-lock: /)], differences: undefined }]);
  });

  it("a checked file's pg_dump-style set_config('search_path', '', false) does not carry into the next file", async () => {
    const rows = await stageOf(
      {
        '0001_a.sql': "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.a (id int);\n",
        // Unqualified: fails with "no schema has been selected to create in" under an empty search path.
        '0002_b.sql': 'CREATE TABLE b (id int);\n',
      },
      ['0001_a.sql', '0002_b.sql'],
    );
    expect(rows.map((row) => [row.file, row.findings])).toEqual([
      ['migrations/0001_a.sql', []],
      ['migrations/0002_b.sql', []],
    ]);
  });

  it('read the same snapshot as one session does, open nothing before the first one, and end their sessions on close', async () => {
    const database = await createScratchDatabase(testDatabaseUrl());
    try {
      await withConnection(database.url, (client) =>
        client.query(
          "CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('a'); CREATE TABLE app.t (id serial PRIMARY KEY, m app.mood, at timestamptz DEFAULT now());" +
            'CREATE INDEX t_m ON app.t (m); CREATE VIEW v AS SELECT id FROM app.t; CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;',
        ),
      );
      const sessions = new SnapshotSessions(database.url, {});
      expect(await sessionsOn(database.name)).toBe(0);
      const apart = await sessions.take();
      expect(await sessionsOn(database.name)).toBe(2);
      const together = await withConnection(database.url, (client) => takeSnapshot(client));
      expect([...apart]).toEqual([...together]);
      expect(apart.get('index app.t_m')?.attributes['definition']).toBe('CREATE INDEX t_m ON app.t USING btree (m)');
      await sessions.close();
      expect(await sessionsOn(database.name)).toBe(0);
      await expect(sessions.take()).rejects.toThrow('closed');
    } finally {
      await database.drop();
    }
  });

  it('a role at its connection limit that lets one of them in gets the snapshot read in that one', async () => {
    const database = await createScratchDatabase(testDatabaseUrl());
    const role = `pgmg_snapshot_limit_${process.pid}`;
    try {
      await withConnection(database.url, async (admin) => {
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limit' CONNECTION LIMIT 1`);
        await admin.query('CREATE TABLE t (id int PRIMARY KEY, note text)');
      });
      const url = new URL(database.url);
      url.username = role;
      url.password = 'limit';
      const sessions = new SnapshotSessions(url.toString(), {});
      const snapshot = await sessions.take();
      expect(snapshot.get('column t.note')?.attributes).toMatchObject({ type: 'text' });
      expect(snapshot.get('index t_pkey')).toBeDefined();
      expect(await sessionsOn(database.name)).toBe(1);
      await sessions.close();
      expect(await sessionsOn(database.name)).toBe(0);
    } finally {
      await database.drop();
      await withConnection(testDatabaseUrl(), (admin) => admin.query(`DROP ROLE IF EXISTS ${role}`));
    }
  });

  it("a database they cannot reach is the connection's own error, and close still ends cleanly", async () => {
    const missing = new URL(testDatabaseUrl());
    missing.pathname = '/pgmg_no_such_database';
    const sessions = new SnapshotSessions(missing.toString(), { connectTimeoutMs: 5_000 });
    await expect(sessions.take()).rejects.toBeInstanceOf(DatabaseConnectionError);
    await expect(sessions.close()).resolves.toBeUndefined();
  });
});
