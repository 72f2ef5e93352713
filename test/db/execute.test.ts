// Applying scripts with each runner's transaction semantics, in scratch databases of the test server.

import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { executeScript, type ExecuteOptions } from '../../src/db/execute.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch.js';
import { buildScript, type ScriptPart } from '../../src/db/script.js';
import { DBMATE_NO_TRANSACTION_SCOPE, DBMATE_SCOPE, DRIZZLE_SCOPE, FLYWAY_SCOPE, PRISMA_SCOPE } from '../../src/discover/index.js';
import { ensureParser } from '../../src/sql/parse.js';
import { positionAt } from '../../src/sql/source.js';
import { PSQL_STYLE_SCOPE, type TransactionScope } from '../../src/types.js';
import { testDatabaseUrl } from './postgres.js';

let database: ScratchDatabase;
let client: pg.Client;

beforeAll(async () => {
  await ensureParser();
  database = await createScratchDatabase(testDatabaseUrl());
  client = await connect(database.url);
  await client.query('CREATE TABLE users (id int PRIMARY KEY, email text)');
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function apply(sql: string, scope: TransactionScope | ScriptPart[], options: ExecuteOptions = {}) {
  const parts = Array.isArray(scope) ? scope : [{ scope }];
  const built = buildScript('m.sql', Buffer.from(sql), parts);
  if (!built.ok) throw new Error(built.message);
  const outcome = await executeScript(client, built.script, options);
  if (outcome.ok) return { ok: true as const };
  return { ok: false as const, ...positionAt(built.script.source, outcome.failure.offset), code: outcome.failure.code, message: outcome.failure.message };
}

async function exists(name: string): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [name]);
  return rows[0]!.found;
}

describe.each([
  ['faithful', {}],
  ['fast', { fast: true }],
] as const)('executeScript (%s path)', (_path, options) => {
  it('Prisma: a one-statement file runs outside a transaction, so CONCURRENTLY works', async () => {
    expect(await apply('CREATE INDEX CONCURRENTLY users_email_p1 ON users (email);\n', PRISMA_SCOPE, options)).toEqual({ ok: true });
    await client.query('DROP INDEX users_email_p1');
  });

  it('Prisma: in a file of several statements (one implicit transaction) CONCURRENTLY fails, and nothing is kept', async () => {
    const result = await apply('CREATE TABLE prisma_t (id int);\nCREATE INDEX CONCURRENTLY users_email_p2 ON users (email);\n', PRISMA_SCOPE, options);
    expect(result).toMatchObject({ ok: false, line: 2, column: 1, code: '25001' });
    expect(await exists('prisma_t')).toBe(false);
  });

  it('Drizzle: one transaction; after the file\'s own COMMIT, CONCURRENTLY works', async () => {
    const sql = 'CREATE TABLE drizzle_t (id int);\n--> statement-breakpoint\nCOMMIT;\n--> statement-breakpoint\nCREATE INDEX CONCURRENTLY drizzle_t_id ON drizzle_t (id);\n';
    expect(await apply(sql, DRIZZLE_SCOPE, options)).toEqual({ ok: true });
    expect(await exists('drizzle_t_id')).toBe(true);
    await client.query('DROP TABLE drizzle_t');
  });

  it('Drizzle: a failure rolls the whole file back', async () => {
    const result = await apply('CREATE TABLE drizzle_u (id int);\n--> statement-breakpoint\nALTER TABLE nope ADD COLUMN x int;\n', DRIZZLE_SCOPE, options);
    expect(result).toMatchObject({ ok: false, line: 3, code: '42P01' });
    expect(await exists('drizzle_u')).toBe(false);
  });

  it('psql-style: statement by statement, what ran before the failure stays', async () => {
    await client.query('DROP TABLE IF EXISTS plain_t');
    const result = await apply('CREATE TABLE plain_t (id int);\nINSERT INTO plain_t VALUES (1);\nINSERT INTO plain_t VALUES (\'x\');\n', PSQL_STYLE_SCOPE, options);
    expect(result).toMatchObject({ ok: false, line: 3, column: 29, code: '22P02' });
    expect(await exists('plain_t')).toBe(true);
    await client.query('DROP TABLE plain_t');
  });

  it('psql-style: an enum value used in the file that adds it works statement by statement', async () => {
    const sql = "CREATE TYPE mood AS ENUM ('sad');\nALTER TYPE mood ADD VALUE 'happy';\nCREATE TABLE moods (m mood DEFAULT 'happy');\nINSERT INTO moods VALUES ('happy');\n";
    expect(await apply(sql, PSQL_STYLE_SCOPE, options)).toEqual({ ok: true });
    await client.query('DROP TABLE moods; DROP TYPE mood');
  });

  it('psql-style: a file that never commits its BEGIN keeps nothing', async () => {
    const result = await apply('BEGIN;\nCREATE TABLE open_t (id int);\n', PSQL_STYLE_SCOPE, options);
    expect(result).toMatchObject({ ok: false, line: 2, message: expect.stringContaining('ends inside a transaction') });
    expect(await exists('open_t')).toBe(false);
  });

  it('Flyway: a migration holding CONCURRENTLY runs without its transaction', async () => {
    const sql = 'CREATE TABLE flyway_t (id int);\nCREATE INDEX CONCURRENTLY flyway_t_id ON flyway_t (id);\n';
    expect(await apply(sql, FLYWAY_SCOPE, options)).toEqual({ ok: true });
    await client.query('DROP TABLE flyway_t');
  });

  it('dbmate: each section with its own transaction option, lines of the real file', async () => {
    const sql = '-- migrate:up\nCREATE TABLE dbmate_t (id int);\n-- migrate:down\nDROP TABLE dbmate_t;\n\n-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY dbmate_t_id ON dbmate_t (id);\n-- migrate:down\n';
    const raw = Buffer.from(sql);
    const up1 = { start: 0, end: sql.indexOf('-- migrate:down') };
    const second = sql.indexOf('-- migrate:up transaction');
    const up2 = { start: second, end: sql.lastIndexOf('-- migrate:down') };
    expect(raw.length).toBeGreaterThan(0);
    expect(await apply(sql, [{ scope: DBMATE_SCOPE, ranges: [up1] }, { scope: DBMATE_NO_TRANSACTION_SCOPE, ranges: [up2] }], options)).toEqual({ ok: true });
    const failing = await apply(sql.replace('dbmate_t (id)', 'dbmate_t (nope)'), [{ scope: DBMATE_SCOPE, ranges: [up1] }, { scope: DBMATE_NO_TRANSACTION_SCOPE, ranges: [up2] }], options);
    expect(failing).toMatchObject({ ok: false, code: '42P07', line: 2 });
    await client.query('DROP TABLE dbmate_t');
  });

  it('maps the server\'s error position (characters) to the line and column of the file (bytes)', async () => {
    const result = await apply("-- données\nSELECT 'é', 'ü',\n  nosuchcolumn FROM users;\n", PSQL_STYLE_SCOPE, options);
    expect(result).toMatchObject({ ok: false, line: 3, column: 3, code: '42703' });
  });
});
