// Which merged migrations may be sent whole, as one query: read from Postgres's parser, so that
// words inside strings, function bodies and comments do not count, while statements that end a
// transaction, scope a setting to it, or run code the scanner cannot see into do.

import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch.js';
import { applyWholeText, wholeTextTraits } from '../../src/db/whole-text.js';
import { ensureParser } from '../../src/sql/parse.js';
import { PSQL_STYLE_SCOPE } from '../../src/types.js';
import { testDatabaseUrl } from './postgres.js';

beforeAll(async () => {
  await ensureParser();
});

const PLPGSQL_TRIGGER = `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$fn$;
CREATE TRIGGER touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();
`;

describe('wholeTextTraits', () => {
  it.each([
    ['a plpgsql body with BEGIN ... END', PLPGSQL_TRIGGER, false, false],
    ['CASE ... END in a backfill', "UPDATE accounts SET tier = CASE WHEN balance > 100 THEN 'gold' ELSE 'basic' END;", false, false],
    ['UPDATE ... SET on a line of its own', 'UPDATE accounts\nSET tier = 1\nWHERE id = 2;', false, false],
    ['COMMIT in a comment or a string', "-- COMMIT; then ROLLBACK\nCOMMENT ON TABLE accounts IS 'commit; end; set local';", false, false],
    ['a function body that calls set_config', "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ SELECT set_config('a.b', 'c', true) $$;", false, false],
    ['a hand-written COMMIT', 'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n', true, false],
    ['END as a statement', 'BEGIN;\nCREATE TABLE a (id int);\nEND;\n', true, false],
    ['SAVEPOINT', 'SAVEPOINT s;', true, false],
    ['SET LOCAL', "SET LOCAL lock_timeout = '1s';\nALTER TABLE a ADD COLUMN b int;", true, false],
    ['SET TRANSACTION', 'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;', true, false],
    ['DISCARD', 'DISCARD ALL;', false, true],
    ['a session SET', "SET search_path = app, public;\nCREATE TABLE a (id int);", false, true],
    ['RESET', 'RESET search_path;', false, true],
    ['set_config called by a statement', "SELECT pg_catalog.set_config('search_path', 'app', false);", true, true],
    ['a quoted "set_config"', `SELECT "set_config"('search_path', 'app', false);`, true, true],
    ['a DO block (code the scanner cannot see into)', "DO $$ BEGIN PERFORM set_config('search_path', 'app', false); END $$;", true, true],
    ['CALL', 'CALL backfill_accounts();', true, true],
    ['a file that does not parse', "CREATE TABLE a (b text DEFAULT 'x);", true, true],
  ])('%s', (_name, text, controlsTransactions, setsSessionState) => {
    expect(wholeTextTraits(text)).toEqual({ controlsTransactions, setsSessionState });
  });
});

describe('applyWholeText', () => {
  let database: ScratchDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createScratchDatabase(testDatabaseUrl());
    client = await connect(database.url);
    await client.query('CREATE TABLE accounts (id int PRIMARY KEY, updated_at timestamptz)');
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('sends a file with a plpgsql function whole, and it applies', async () => {
    expect(await applyWholeText(client, PLPGSQL_TRIGGER, wholeTextTraits(PLPGSQL_TRIGGER), PSQL_STYLE_SCOPE)).toBe(true);
    const { rows } = await client.query("SELECT tgname FROM pg_trigger WHERE tgname = 'touch'");
    expect(rows).toHaveLength(1);
  });

  it('leaves a file that controls its transaction to the careful path, and sends nothing', async () => {
    const text = 'BEGIN;\nCREATE TABLE ledger (id int);\nCOMMIT;\n';
    expect(await applyWholeText(client, text, wholeTextTraits(text), PSQL_STYLE_SCOPE)).toBe(false);
    const { rows } = await client.query("SELECT to_regclass('ledger') IS NULL AS absent");
    expect(rows[0].absent).toBe(true);
  });

  it('a file that fails keeps nothing, so the careful path starts from the same state', async () => {
    const text = 'CREATE TABLE invoices (id int);\nCREATE INDEX ON missing_table (id);\n';
    expect(await applyWholeText(client, text, wholeTextTraits(text), PSQL_STYLE_SCOPE)).toBe(false);
    const { rows } = await client.query("SELECT to_regclass('invoices') IS NULL AS absent");
    expect(rows[0].absent).toBe(true);
    expect(client.getTransactionStatus()).toBe('I');
  });
});
