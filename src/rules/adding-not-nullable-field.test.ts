import { describe, expect, it } from 'vitest';
import { lintDirectories, lintSql } from '../../test/lint-helpers.js';
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

// The documented recipe spans migrations: the proof a CHECK gives must reach the SET NOT NULL that
// comes a migration or two later (lint DIR replays the directory in the runner's order).
describe('adding-not-nullable-field across migrations', () => {
  const up = (sql: string) => `${sql}\n`;
  const recipe = {
    'db/migrations/000001_create_users.up.sql': up('CREATE TABLE users (id bigint PRIMARY KEY, email text);'),
    'db/migrations/000001_create_users.down.sql': up('DROP TABLE users;'),
    'db/migrations/000002_users_email_check.up.sql': up('ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;'),
    'db/migrations/000002_users_email_check.down.sql': up('ALTER TABLE users DROP CONSTRAINT users_email_not_null;'),
    'db/migrations/000003_validate_users_email.up.sql': up('ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;'),
    'db/migrations/000003_validate_users_email.down.sql': up('SELECT 1;'),
    'db/migrations/000004_users_email_not_null.up.sql': up('ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;'),
    'db/migrations/000004_users_email_not_null.down.sql': up('ALTER TABLE users ALTER COLUMN email DROP NOT NULL;'),
  };
  const lint = (files: Record<string, string>, postgresVersion?: number) =>
    lintDirectories(['db/migrations'], files, { ruleId: 'adding-not-nullable-field', ...(postgresVersion === undefined ? {} : { postgresVersion }) }).then((found) =>
      found.map((f) => `${f.path}:${f.line}:${f.column}`),
    );

  it('the CHECK validated in an earlier migration credits SET NOT NULL in a later one', async () => {
    expect(await lint(recipe)).toEqual([]);
  });

  it('the credit follows a renamed column and a renamed table', async () => {
    const renamed = {
      ...recipe,
      'db/migrations/000003_validate_users_email.up.sql': up('ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users RENAME COLUMN email TO contact;\nALTER TABLE users RENAME TO accounts;'),
      'db/migrations/000004_users_email_not_null.up.sql': up('ALTER TABLE accounts ALTER COLUMN contact SET NOT NULL;'),
    };
    expect(await lint(renamed)).toEqual([]);
  });

  it('a CHECK that was never validated credits nothing', async () => {
    const { ['db/migrations/000003_validate_users_email.up.sql']: _validate, ...files } = recipe;
    expect(await lint({ ...files, 'db/migrations/000003_validate_users_email.up.sql': up('SELECT 1;') })).toEqual(['db/migrations/000004_users_email_not_null.up.sql:1:1']);
  });

  it('a CHECK dropped by an earlier migration credits nothing', async () => {
    const files = { ...recipe, 'db/migrations/000003_validate_users_email.up.sql': up('ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;') };
    expect(await lint(files)).toEqual(['db/migrations/000004_users_email_not_null.up.sql:1:1']);
  });

  it('an unnamed CHECK is followed under the name Postgres gives it', async () => {
    const files = {
      ...recipe,
      'db/migrations/000002_users_email_check.up.sql': up('ALTER TABLE users ADD CHECK (email IS NOT NULL);'),
      'db/migrations/000003_validate_users_email.up.sql': up('ALTER TABLE users DROP CONSTRAINT users_email_check;'),
      'db/migrations/000004_users_email_not_null.up.sql': up('ALTER TABLE users ALTER COLUMN email SET NOT NULL;'),
    };
    expect(await lint(files)).toEqual(['db/migrations/000004_users_email_not_null.up.sql:1:1']);
  });

  it('before Postgres 12 the CHECK does not spare the scan: still reported', async () => {
    expect(await lint(recipe, 11)).toEqual(['db/migrations/000004_users_email_not_null.up.sql:1:1']);
  });
});
