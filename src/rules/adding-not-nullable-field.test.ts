import { describe, expect, it } from 'vitest';
import { lintSql } from '../../test/lint-helpers.js';
import { testRule } from '../../test/rule-tester.js';

const SAFE_SEQUENCE = [
  'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;',
  'ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;',
  'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
  'ALTER TABLE users DROP CONSTRAINT users_email_not_null;',
].join('\n');

testRule('adding-not-nullable-field', {
  valid: [
    { name: 'CHECK NOT VALID, VALIDATE, SET NOT NULL, DROP CHECK', sql: SAFE_SEQUENCE },
    {
      name: 'a CHECK added valid (another rule reports its scan) proves the column NOT NULL',
      sql: 'ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    },
    {
      name: 'an unnamed validated CHECK over several columns',
      sql: 'ALTER TABLE users ADD CHECK (email IS NOT NULL AND name IS NOT NULL);\nALTER TABLE users ALTER email SET NOT NULL, ALTER name SET NOT NULL;',
    },
    {
      name: 'Postgres 18: NOT NULL constraint NOT VALID, then VALIDATE',
      sql: 'ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      postgresVersion: 18,
    },
    {
      name: 'Postgres 18: NOT NULL constraint NOT VALID',
      sql: 'ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;',
      postgresVersion: 18,
    },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE users (id int, email text);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    },
    { name: 'DROP NOT NULL', sql: 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL;' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      findings: [{ line: 1, column: 1, message: 'ALTER COLUMN email SET NOT NULL on existing table users' }],
    },
    {
      name: 'help follows the Postgres version: 12 to 17 use a CHECK',
      sql: '\nALTER TABLE public.users ALTER email SET NOT NULL;',
      postgresVersion: 12,
      findings: [{ line: 2, column: 1, message: 'existing table public.users' }],
    },
    {
      name: 'Postgres 11 scans even with a validated CHECK',
      sql: SAFE_SEQUENCE,
      postgresVersion: 11,
      findings: [{ line: 3, column: 1 }],
    },
    {
      name: 'the CHECK is NOT VALID and never validated',
      sql: 'ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'the CHECK proves another column',
      sql: 'ALTER TABLE users ADD CONSTRAINT c CHECK (name IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'the CHECK is on another table',
      sql: 'ALTER TABLE accounts ADD CONSTRAINT c CHECK (email IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'the CHECK is dropped before SET NOT NULL',
      sql: 'ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL);\nALTER TABLE users DROP CONSTRAINT c;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      findings: [{ line: 3, column: 1 }],
    },
    {
      name: 'the CHECK is a disjunction, which proves nothing',
      sql: 'ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL OR name IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'CHECK added in the same ALTER TABLE statement',
      sql: 'ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL), ALTER COLUMN email SET NOT NULL;',
      findings: [{ line: 1, column: 1 }],
    },
    {
      name: 'Postgres 18: ADD CONSTRAINT ... NOT NULL without NOT VALID',
      sql: 'ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email;',
      postgresVersion: 18,
      findings: [{ line: 1, column: 23, message: 'Adding NOT NULL constraint on email to existing table users' }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nEND $$;',
      findings: [{ line: 3, column: 3 }],
    },
  ],
});

describe('adding-not-nullable-field help follows the Postgres version', () => {
  it.each([
    [11, 'Before Postgres 12, SET NOT NULL always scans'],
    [16, 'then SET NOT NULL (Postgres uses the validated check'],
    [18, 'Add CONSTRAINT <name> NOT NULL email NOT VALID'],
  ])('Postgres %i', async (postgresVersion, help) => {
    const { findings } = await lintSql('ALTER TABLE users ALTER COLUMN email SET NOT NULL;', {
      postgresVersion,
      rules: { 'adding-not-nullable-field': 'error' },
    });
    expect(findings.filter((f) => f.rule === 'adding-not-nullable-field').map((f) => f.help)).toEqual([expect.stringContaining(help)]);
  });
});
