import { expect, it } from 'vitest';
import { runCase, testDatabaseRule } from '../../test/db-rule-tester.js';

const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);';

testDatabaseRule('rollback-mismatch', {
  valid: [
    { name: 'type, default and index restored', before: [USERS], sql: "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\nALTER TABLE users ALTER COLUMN email SET DEFAULT '';\nCREATE INDEX users_email ON users (email);\n", rollback: 'DROP INDEX users_email;\nALTER TABLE users ALTER COLUMN email DROP DEFAULT;\nALTER TABLE users ALTER COLUMN email TYPE text;\n' },
    { name: 'an enum value order restored by recreating the type', sql: "CREATE TYPE mood AS ENUM ('sad', 'happy');\n", rollback: 'DROP TYPE mood;\n' },
  ],
  invalid: [
    {
      name: 'a type not restored, an index left behind',
      before: [USERS],
      sql: 'ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\nCREATE INDEX users_email ON users (email);\n',
      rollback: '-- rollback\nALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n',
      findings: [{ line: 2, column: 1, message: 'column users.email: type text → character varying(200); index users_email: left behind by the rollback', inRollback: true }],
    },
    {
      name: 'a dropped column comes back at another position, without its NOT NULL',
      before: ['CREATE TABLE users (id bigint, email text NOT NULL, name text);'],
      sql: 'ALTER TABLE users DROP COLUMN email;\n',
      rollback: 'ALTER TABLE users ADD COLUMN email text;\n',
      findings: [{ line: 1, message: 'column users.email: not null yes → none; column users.email: position 2 → 3', inRollback: true }],
    },
    {
      name: 'a rollback that only puts a column back at the end is a note',
      before: ['CREATE TABLE users (id bigint, email text, name text);'],
      sql: 'ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\n',
      rollback: 'ALTER TABLE users DROP COLUMN email;\nALTER TABLE users ADD COLUMN email text;\n',
      findings: [{ line: 1, message: 'column users.email: position 2 → 3; column users.name: position 3 → 2): Postgres adds a re-created column at the end', inRollback: true }],
    },
  ],
});

it('column order alone: one info finding, the rollback verified, applying again not held against it', async () => {
  const { findings, stage } = await runCase({
    name: 'column order',
    before: ['CREATE TABLE users (id bigint, email text, name text);'],
    sql: 'ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\n',
    rollback: 'ALTER TABLE users DROP COLUMN email;\nALTER TABLE users ADD COLUMN email text;\n',
  });
  // Applied again, email stays after name: the reapply differs in column order only, as the rollback did.
  const roundTrip = findings.filter((f) => ['rollback-mismatch', 'rollback-failed', 'reapply-failed'].includes(f.rule));
  expect(roundTrip.map((f) => [f.rule, f.severity])).toEqual([['rollback-mismatch', 'info']]);
  expect(roundTrip[0]!.message).toContain('this is not an error');
  const file = [...stage.files.values()][0]!;
  expect(file.rollback).toEqual({ status: 'verified', reason: 'the schema is restored except the order of columns, which Postgres cannot change without recreating the table' });
});

it('column order next to a real difference is still a mismatch', async () => {
  const { findings, stage } = await runCase({
    name: 'column order and type',
    before: ['CREATE TABLE users (id bigint, email text, name text);'],
    sql: 'ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\n',
    rollback: 'ALTER TABLE users DROP COLUMN email;\nALTER TABLE users ADD COLUMN email varchar(100);\n',
  });
  const mismatch = findings.find((f) => f.rule === 'rollback-mismatch')!;
  expect(mismatch.severity).toBe('error');
  expect(mismatch.message).toContain('column users.email: type text → character varying(100)');
  expect([...stage.files.values()][0]!.rollback.status).toBe('mismatch');
});
