import { expect, it } from 'vitest';
import { runCase, testDatabaseRule } from '../../test/db-rule-tester.js';

const SETTINGS = 'CREATE TABLE settings (key text PRIMARY KEY);';

testDatabaseRule('reapply-failed', {
  valid: [
    { name: 'up, down, up gives the same schema', sql: 'CREATE TABLE audit (id bigint);\nCREATE INDEX audit_id ON audit (id);\n', rollback: 'DROP TABLE audit;\n' },
    // What the rollback left behind is the cause: rollback-mismatch reports both (see the test below).
    { name: 'the rollback leaves the table, so the second CREATE fails', sql: 'CREATE SEQUENCE audit_seq;\nCREATE TABLE audit (id bigint);\n', rollback: 'DROP SEQUENCE audit_seq;\n' },
    { name: 'a rollback that renames instead of dropping', sql: 'CREATE TABLE audit (id bigint);\n', rollback: 'ALTER TABLE audit RENAME TO audit_old;\n' },
  ],
  invalid: [
    {
      name: 'the migration trips over rows it inserted the first time (the rollback restored the schema)',
      before: [SETTINGS],
      sql: "CREATE TABLE audit (id bigint);\nINSERT INTO settings VALUES ('audit');\n",
      rollback: 'DROP TABLE audit;\n',
      findings: [{ line: 2, column: 1, message: 'duplicate key value violates unique constraint "settings_pkey"' }],
    },
    {
      name: 'a failure on another object than the one the rollback left behind is a problem of its own',
      before: [SETTINGS],
      sql: "CREATE TABLE audit (id bigint);\nINSERT INTO settings VALUES ('audit');\n",
      rollback: 'DROP TABLE audit;\nCREATE TABLE leftover (id bigint);\n',
      findings: [{ line: 2, column: 1, message: 'duplicate key value' }],
    },
    {
      name: 'the second apply builds other objects than the first',
      before: ['CREATE TABLE runs (id bigint GENERATED ALWAYS AS IDENTITY);'],
      sql: 'INSERT INTO runs DEFAULT VALUES;\nDO $$ BEGIN\n  IF (SELECT count(*) FROM runs) = 1 THEN CREATE TABLE first_run (); ELSE CREATE TABLE second_run (); END IF;\nEND $$;\n',
      rollback: 'DROP TABLE IF EXISTS first_run;\nDROP TABLE IF EXISTS second_run;\n',
      findings: [{ line: 1, column: 1, message: 'table first_run: missing after applying again; table second_run: extra after applying again' }],
    },
  ],
});

it('a failure on what the rollback left is one finding: the rollback mismatch, which names the cause', async () => {
  const { findings, stage } = await runCase({ name: 'folded', sql: 'CREATE SEQUENCE audit_seq;\nCREATE TABLE audit (id bigint);\n', rollback: 'DROP SEQUENCE audit_seq;\n' });
  expect(findings.map((f) => f.rule)).toEqual(['rollback-mismatch']);
  expect(findings[0]!.message).toContain('table audit: left behind by the rollback');
  expect(findings[0]!.message).toContain('so applying the migration again fails: migrations/0100_change.sql:2: relation "audit" already exists (SQLSTATE 42P07)');
  expect([...stage.files.values()][0]!.rollback.status).toBe('mismatch');
});

it('a second apply that differs only in what the rollback left is folded the same way', async () => {
  const { findings } = await runCase({ name: 'folded differences', sql: 'CREATE TABLE audit (id bigint);\n', rollback: 'ALTER TABLE audit RENAME TO audit_old;\n' });
  expect(findings.map((f) => f.rule)).toEqual(['rollback-mismatch']);
  expect(findings[0]!.message).toContain('so applied again, the migration gives another schema than the first time: column audit_old.id: extra after applying again; table audit_old: extra after applying again');
});

it('an unrelated failure after a mismatch stays its own finding', async () => {
  const { findings } = await runCase({
    name: 'separate',
    before: [SETTINGS],
    sql: "CREATE TABLE audit (id bigint);\nINSERT INTO settings VALUES ('audit');\n",
    rollback: 'DROP TABLE audit;\nCREATE TABLE leftover (id bigint);\n',
  });
  expect(findings.map((f) => f.rule).sort()).toEqual(['reapply-failed', 'rollback-mismatch']);
  expect(findings.find((f) => f.rule === 'rollback-mismatch')!.message).not.toContain('applying the migration again');
});
