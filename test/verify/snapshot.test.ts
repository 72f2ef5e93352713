// Schema snapshots and their object-level comparison, on real catalogs.

import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch.js';
import { describeDifference, diffSnapshots } from '../../src/verify/diff.js';
import { SNAPSHOT_QUERIES, SNAPSHOT_QUERY_GROUPS } from '../../src/verify/snapshot-queries.js';
import { takeSnapshot } from '../../src/verify/snapshot.js';
import { testDatabaseUrl } from '../db/postgres.js';

const SCHEMA = `
CREATE SCHEMA app;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email citext NOT NULL UNIQUE,
  name text COLLATE "C" DEFAULT 'anonymous',
  name_length int GENERATED ALWAYS AS (length(name)) STORED,
  mood app.mood,
  note text DEFAULT 'none',
  CONSTRAINT name_not_empty CHECK (name <> '')
);
CREATE TABLE app.orders (id serial PRIMARY KEY, user_id bigint REFERENCES users, amount positive);
CREATE INDEX orders_user ON app.orders (user_id) WHERE amount > 10;
CREATE VIEW active_users AS SELECT id, email FROM users WHERE mood <> 'sad';
CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(amount) AS total FROM app.orders GROUP BY user_id;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE PROCEDURE app.noop(n int) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON users USING (id = 1);
CREATE TABLE schema_migrations (version text PRIMARY KEY);
`;

let database: ScratchDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createScratchDatabase(testDatabaseUrl());
  client = await connect(database.url);
  await client.query(SCHEMA);
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe('takeSnapshot', () => {
  it('splits its queries into groups that hold each query once, for a snapshot read in two sessions', () => {
    expect(SNAPSHOT_QUERY_GROUPS).toHaveLength(2);
    expect(SNAPSHOT_QUERY_GROUPS.flat().sort()).toEqual(Object.keys(SNAPSHOT_QUERIES).sort());
  });

  it('covers every kind of object, without extension members and migration-tracking tables', async () => {
    const snapshot = await takeSnapshot(client);
    const keys = [...snapshot.keys()];
    expect(keys).toEqual(
      expect.arrayContaining([
        'schema app',
        'extension citext',
        'enum type app.mood',
        'domain positive',
        'table users',
        'column users.email',
        'constraint users.name_not_empty',
        'constraint app.orders.orders_user_id_fkey',
        'constraint positive.positive_check',
        'index app.orders_user',
        'sequence app.orders_id_seq',
        'sequence users_id_seq',
        'view active_users',
        'materialized view order_totals',
        'function touch()',
        'procedure app.noop(IN n integer)',
        'trigger users.users_touch',
        'policy users.own_rows',
      ]),
    );
    expect(keys.filter((key) => key.includes('schema_migrations'))).toEqual([]);
    expect(keys.filter((key) => /citext\(|citext_/.test(key))).toEqual([]);
    expect(snapshot.get('enum type app.mood')!.attributes['values']).toBe("'sad', 'ok', 'happy'");
    expect(snapshot.get('column users.id')!.attributes).toMatchObject({ type: 'bigint', 'not null': 'yes', identity: 'always', position: '1' });
    expect(snapshot.get('column users.name')!.attributes).toMatchObject({ default: "'anonymous'::text", collation: 'C' });
    expect(snapshot.get('column users.name_length')!.attributes['generated']).toBe('length(name)');
    expect(snapshot.get('table users')!.attributes['row level security']).toBe('enabled');
    expect(snapshot.get('sequence app.orders_id_seq')!.attributes['owned by']).toBe('app.orders.id');
    expect(snapshot.get('index app.orders_user')!.attributes['definition']).toContain('WHERE ((amount)::integer > 10)');
  });

  it('leaves privileges out, and compares equal to itself', async () => {
    const before = await takeSnapshot(client);
    await client.query('GRANT SELECT ON users TO PUBLIC');
    expect(diffSnapshots(before, await takeSnapshot(client))).toEqual([]);
  });

  it('reports differences per object and attribute', async () => {
    const before = await takeSnapshot(client);
    await client.query(`
      ALTER TABLE users ALTER COLUMN note TYPE varchar(200);
      DROP INDEX app.orders_user;
      CREATE INDEX users_mood ON users (mood);
      ALTER TYPE app.mood ADD VALUE 'angry' BEFORE 'ok';
      CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := 'x'; RETURN NEW; END $$;`);
    const after = await takeSnapshot(client);
    const wording = { missing: 'not restored by the rollback', extra: 'left behind by the rollback' };
    const lines = diffSnapshots(before, after).map((difference) => describeDifference(difference, wording));
    expect(lines).toEqual([
      'column users.note: type text → character varying(200)',
      "enum type app.mood: values 'sad', 'ok', 'happy' → 'sad', 'angry', 'ok', 'happy'",
      expect.stringMatching(/^function touch\(\): definition differs at line 4: AS \$function\$ BEGIN RETURN NEW; END \$function\$ → AS \$function\$ BEGIN NEW\.name := 'x'; RETURN NEW; END \$funct…$/),
      'index app.orders_user: not restored by the rollback',
      'index users_mood: left behind by the rollback',
    ]);
  });
});
