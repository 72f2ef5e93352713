import { expect, it } from 'vitest';
import { runCase, testDatabaseRule } from '../../test/db-rule-tester.js';

testDatabaseRule('apply-failed', {
  valid: [
    { name: 'a migration that applies on top of the earlier ones', before: ['CREATE TABLE users (id bigint PRIMARY KEY);'], sql: 'ALTER TABLE users ADD COLUMN email text;\n' },
    {
      name: 'CREATE INDEX CONCURRENTLY after the file ends its transaction',
      before: ['CREATE TABLE users (id bigint PRIMARY KEY, email text);'],
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN name text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n',
    },
  ],
  invalid: [
    {
      name: 'a column that does not exist: the line and column Postgres points at',
      before: ['CREATE TABLE users (id bigint PRIMARY KEY);'],
      sql: 'SELECT 1;\nUPDATE users\n   SET émail = NULL WHERE id = 1;\n',
      findings: [{ line: 3, column: 8, message: 'column "émail" of relation "users" does not exist (SQLSTATE 42703)' }],
    },
    {
      name: 'a table the history never created',
      sql: '-- header\nALTER TABLE invoices ADD COLUMN paid boolean;\n',
      findings: [{ line: 2, column: 1, message: 'relation "invoices" does not exist' }],
    },
    {
      name: 'CREATE INDEX CONCURRENTLY inside the file transaction',
      before: ['CREATE TABLE users (id bigint PRIMARY KEY, email text);'],
      sql: 'BEGIN;\nCREATE INDEX CONCURRENTLY users_email ON users (email);\nCOMMIT;\n',
      findings: [{ line: 2, column: 1, message: 'cannot run inside a transaction block (SQLSTATE 25001)' }],
    },
    {
      name: 'a lock held by another session ends in a lock timeout, not a hang',
      before: ['CREATE TABLE users (id bigint PRIMARY KEY);'],
      sql: 'ALTER TABLE users ADD COLUMN email text;\n',
      hold: 'LOCK TABLE users IN ACCESS SHARE MODE',
      database: { 'lock-timeout': 300 },
      findings: [{ line: 1, column: 1, message: 'lock_timeout' }],
    },
  ],
});

it('reports a lock held by another session within the lock timeout', async () => {
  const started = Date.now();
  const { findings, stage } = await runCase({
    name: 'held lock',
    before: ['CREATE TABLE users (id bigint PRIMARY KEY);'],
    sql: "SET lock_timeout = '400ms';\nALTER TABLE users ADD COLUMN email text;\n",
    hold: 'LOCK TABLE users IN ACCESS SHARE MODE',
  });
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(findings.map((f) => [f.rule, f.line, f.message])).toEqual([['apply-failed', 2, expect.stringContaining('SQLSTATE 55P03')]]);
  expect(stage.files.get('migrations/0100_change.sql')?.apply).toMatchObject({ status: 'failed', reason: expect.stringContaining('migrations/0100_change.sql:2: canceling statement due to lock timeout') });
});
