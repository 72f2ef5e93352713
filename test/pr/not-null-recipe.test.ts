// Issue 15, point 8: SET NOT NULL after a CHECK (col IS NOT NULL) validated in an earlier migration is
// the documented safe recipe (PostgreSQL 12+ skips the scan). The static rule credits the check it
// can read in the merged history and the change; the database stage credits one it cannot (built at
// run time here) from pg_constraint as it was right before the statement.

import { afterEach, describe, expect, it } from 'vitest';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n';
const SET_NOT_NULL = 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;\n';
/** The check added with SQL built at run time, which no static reading sees (a constant EXECUTE string is read). */
const dynamicCheck = (notValid: boolean) =>
  `DO $$\nBEGIN\n  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (email IS NOT NULL)${notValid ? ' NOT VALID' : ''}', 'users', 'users_email_not_null');\nEND $$;\n`;

const notNullFindings = (report: Awaited<ReturnType<PrRepo['check']>>['report'], path: string) =>
  report.migrations.find((m) => m.path === path)?.findings.filter((f) => f.rule === 'adding-not-nullable-field') ?? [];

describe('SET NOT NULL after a CHECK validated in an earlier migration', () => {
  it('merged history: the CHECK added NOT VALID and validated there credits the SET NOT NULL of the change', async () => {
    repo = new PrRepo({
      'migrations/0001_create_users.sql': USERS,
      'migrations/0002_users_email_check.sql': 'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n',
      'migrations/0003_validate_users_email.sql': 'ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n',
    });
    repo.change({ write: { 'migrations/0004_users_email_not_null.sql': SET_NOT_NULL } });
    const { report } = await repo.check();
    expect(notNullFindings(report, 'migrations/0004_users_email_not_null.sql')).toEqual([]);
    expect(report.migrations.find((m) => m.path === 'migrations/0004_users_email_not_null.sql')?.apply?.status).toBe('applied');
  });

  it('the change itself: CHECK NOT VALID in one new migration, VALIDATE in the next, SET NOT NULL in the third', async () => {
    repo = new PrRepo({ 'migrations/0001_create_users.sql': USERS });
    repo.change({
      write: {
        'migrations/0002_users_email_check.sql': 'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n',
        'migrations/0003_validate_users_email.sql': 'ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n',
        'migrations/0004_users_email_not_null.sql': SET_NOT_NULL,
      },
    });
    const { report } = await repo.check();
    expect(notNullFindings(report, 'migrations/0004_users_email_not_null.sql')).toEqual([]);
  });

  it('a CHECK only the catalog shows: the error becomes a note naming the constraint', async () => {
    repo = new PrRepo({ 'migrations/0001_create_users.sql': USERS, 'migrations/0002_users_email_check.sql': dynamicCheck(false) });
    repo.change({ write: { 'migrations/0003_users_email_not_null.sql': SET_NOT_NULL } });
    const { report, code } = await repo.check();
    const [finding] = notNullFindings(report, 'migrations/0003_users_email_not_null.sql');
    expect(finding).toMatchObject({ severity: 'info', line: 1, column: 1 });
    expect(finding!.message).toContain('Settled by the catalog: before this statement, the validated constraint users_email_not_null CHECK ((email IS NOT NULL)) on users proved email NOT NULL');
    expect(code).toBe(0);
  });

  it('a CHECK the catalog shows NOT VALID settles nothing', async () => {
    repo = new PrRepo({ 'migrations/0001_create_users.sql': USERS, 'migrations/0002_users_email_check.sql': dynamicCheck(true) });
    repo.change({ write: { 'migrations/0003_users_email_not_null.sql': SET_NOT_NULL } });
    const { report } = await repo.check();
    expect(notNullFindings(report, 'migrations/0003_users_email_not_null.sql').map((f) => f.severity)).toEqual(['error']);
  });

  it('a CHECK the migration drops before its SET NOT NULL settles nothing (the catalog is read before each statement)', async () => {
    repo = new PrRepo({ 'migrations/0001_create_users.sql': USERS, 'migrations/0002_users_email_check.sql': dynamicCheck(false) });
    repo.change({
      write: { 'migrations/0003_users_email_not_null.sql': 'ALTER TABLE users DROP CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n' },
    });
    const { report } = await repo.check();
    expect(notNullFindings(report, 'migrations/0003_users_email_not_null.sql').map((f) => `${f.line} ${f.severity}`)).toEqual(['2 error']);
  });

  it('postgres-version 11: the check does not spare the scan there, so nothing is credited', async () => {
    repo = new PrRepo({
      '.migration-gate.yml': 'postgres-version: 11\n',
      'migrations/0001_create_users.sql': USERS,
      'migrations/0002_users_email_check.sql': dynamicCheck(false),
    });
    repo.change({ write: { 'migrations/0003_users_email_not_null.sql': SET_NOT_NULL } });
    const { report } = await repo.check();
    const findings = notNullFindings(report, 'migrations/0003_users_email_not_null.sql');
    expect(findings.map((f) => f.severity)).toEqual(['error']);
    expect(findings[0]!.help).toContain('Before Postgres 12');
  });
});

describe('merged migrations replayed in their place', () => {
  it('a merged migration after an edited one still counts in order: the CHECK it dropped credits nothing', async () => {
    repo = new PrRepo({
      'migrations/0001_create_users.sql': USERS,
      'migrations/0002_users_email_check.sql': 'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL);\n',
      'migrations/0003_drop_users_email_check.sql': 'ALTER TABLE users DROP CONSTRAINT users_email_not_null;\n',
    });
    repo.change({
      write: {
        'migrations/0002_users_email_check.sql': '-- Emails are required from now on.\nALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL);\n',
        'migrations/0004_users_email_not_null.sql': 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n',
      },
    });
    const { report } = await repo.check();
    expect(notNullFindings(report, 'migrations/0004_users_email_not_null.sql').map((f) => `${f.line} ${f.severity}`)).toEqual(['1 error']);
  });
});
