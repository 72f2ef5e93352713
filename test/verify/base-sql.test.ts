// The setup and baseline SQL run as psql runs a file: psql's meta-commands are skipped only where
// psql would take them as such (a line starting with a backslash outside any quote), and the session
// starts the history clean whatever the dump set.

import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch.js';
import { applyBaseSql, type BaseSqlSource } from '../../src/verify/base-sql.js';
import { testDatabaseUrl } from '../db/postgres.js';

let database: ScratchDatabase;
let client: pg.Client;
beforeEach(async () => {
  database = await createScratchDatabase(testDatabaseUrl());
  client = await connect(database.url);
});
afterEach(async () => {
  await client.end();
  await database.drop();
});

const baseline = (text: string): BaseSqlSource => ({ kind: 'baseline', label: 'db/schema.sql', path: 'db/schema.sql', raw: Buffer.from(text) });

describe('applyBaseSql', () => {
  it('skips meta-command lines, keeps a backslash line inside a function body, and resets the session afterwards', async () => {
    const dump = [
      '\\restrict 9fQ2kz',
      "SELECT pg_catalog.set_config('search_path', '', false);",
      'CREATE FUNCTION public.help() RETURNS text LANGUAGE sql AS $body$',
      "SELECT '",
      '\\d shows a table',
      "'::text",
      '$body$;',
      "CREATE TABLE public.notes (body text DEFAULT E'line\\\\one');",
      '\\unrestrict 9fQ2kz',
      '',
    ].join('\n');
    await applyBaseSql(client, { setup: [], baseline: baseline(dump) });
    const { rows } = await client.query<{ help: string; path: string }>("SELECT help() AS help, current_setting('search_path') AS path");
    expect(rows[0]).toEqual({ help: '\n\\d shows a table\n', path: '"$user", public' });
  });

  it('refuses \\connect, which would leave the scratch database', async () => {
    await expect(applyBaseSql(client, { setup: [], baseline: baseline('CREATE TABLE a (id int);\n\\connect production\nCREATE TABLE b (id int);\n') })).rejects.toThrow(
      'db/schema.sql:2: the baseline (database.baseline) connects to another database (\\connect); dump one database without --create',
    );
  });

  it('names inline setup SQL by its place in the config', async () => {
    const setup: BaseSqlSource = { kind: 'setup', label: 'database.setup.1 (inline SQL)', raw: Buffer.from('CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid REFERENCES auth.nothing);') };
    await expect(applyBaseSql(client, { setup: [setup] })).rejects.toThrow(/^database\.setup\.1 \(inline SQL\), line 2: the database setup \(database\.setup\) does not apply: relation "auth\.nothing" does not exist/);
  });
});
