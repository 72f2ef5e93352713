// Issue "Judge the pull request", point 8: what the runner does around each file that the files do
// not show (config `runner:`): session settings it sets (lock_timeout), and for plain files whether
// it wraps each file in a transaction, how a file opts out, and whether it sends the file as one query.
// The postgres-migrations case follows its source (dist/run-migration.js: START TRANSACTION, the
// whole file as one client.query, the opt-out when the text includes "-- postgres-migrations disable-transaction").

import { afterEach, describe, expect, it } from 'vitest';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

const config = (yaml: string) => ({ '.migration-gate.yml': yaml });

describe('runner.settings', () => {
  const history = { 'migrations/0001_create_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n' };
  // Applies only when the runner's setting is in effect, as in production.
  const pr = {
    'migrations/0002_add_user_name.sql': `DO $$ BEGIN
  IF current_setting('lock_timeout') <> '3s' THEN RAISE EXCEPTION 'the runner sets lock_timeout = 3s'; END IF;
END $$;
ALTER TABLE users ADD COLUMN name text;
`,
  };

  it('a lock_timeout the runner sets silences require-lock-timeout, and the database stage applies it', async () => {
    repo = new PrRepo({ ...history, ...config('runner:\n  settings:\n    lock_timeout: 3s\n    statement_timeout: 0\n') });
    repo.change({ write: pr });
    const { report } = await repo.check();
    const row = report.migrations.find((m) => m.path === 'migrations/0002_add_user_name.sql')!;
    expect(row.findings.map((f) => f.rule)).not.toContain('require-lock-timeout');
    expect(row.apply?.status).toBe('applied');
  });

  it('without it, the same file is told to set lock_timeout (and fails where the runner does not set it)', async () => {
    repo = new PrRepo(history);
    repo.change({ write: pr });
    const { report } = await repo.check();
    const row = report.migrations.find((m) => m.path === 'migrations/0002_add_user_name.sql')!;
    expect(row.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['require-lock-timeout', 'apply-failed']));
  });

  it('a setting Postgres does not know is a configuration error (exit 2) naming the key', async () => {
    repo = new PrRepo({ ...history, ...config('runner:\n  settings:\n    lock_timeot: 5s\n') });
    repo.change({ write: { 'migrations/0002_create_posts.sql': 'CREATE TABLE posts (id bigint PRIMARY KEY);\n' } });
    await expect(repo.check()).rejects.toThrow(/runner\.settings\.lock_timeot: PostgreSQL does not accept "5s" for it/);
  });
});

describe('runner.transaction for plain files (postgres-migrations)', () => {
  const POSTGRES_MIGRATIONS = 'runner:\n  transaction: per-file\n  send: whole-file\n  no-transaction-marker: "-- postgres-migrations disable-transaction"\n';
  const history = { ...config(POSTGRES_MIGRATIONS), 'migrations/1_create-users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n' };

  it('CREATE INDEX CONCURRENTLY in a file the runner wraps fails, with the runner\'s own way out in the help', async () => {
    repo = new PrRepo(history);
    repo.change({ write: { 'migrations/2_index-user-email.sql': 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n' } });
    const { report, code } = await repo.check();
    const row = report.migrations.find((m) => m.path === 'migrations/2_index-user-email.sql')!;
    const banned = row.findings.find((f) => f.rule === 'ban-concurrent-index-creation-in-transaction')!;
    expect(banned.message).toContain('runs each migration in a transaction of its own');
    expect(banned.help).toContain('contains `-- postgres-migrations disable-transaction`');
    expect(row.findings.find((f) => f.rule === 'apply-failed')?.message).toContain('25001');
    expect(code).toBe(1);
  });

  it('with the opt-out comment, the file runs without the transaction and passes', async () => {
    repo = new PrRepo(history);
    repo.change({ write: { 'migrations/2_index-user-email.sql': '-- postgres-migrations disable-transaction\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n' } });
    const { report, findings } = await repo.check();
    expect(findings.filter((f) => f.includes('concurrent') || f.includes('apply-failed'))).toEqual([]);
    expect(report.migrations.find((m) => m.path === 'migrations/2_index-user-email.sql')?.apply?.status).toBe('applied');
  });

  it('an opted-out file with two statements is still one query, one implicit transaction', async () => {
    repo = new PrRepo(history);
    repo.change({
      write: { 'migrations/2_index-user-email.sql': "-- postgres-migrations disable-transaction\nSET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n" },
    });
    const { report } = await repo.check();
    const rules = report.migrations.find((m) => m.path === 'migrations/2_index-user-email.sql')!.findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['ban-concurrent-index-creation-in-transaction', 'apply-failed']));
  });

  it('runner.transaction on a layout whose runner the gate knows is a configuration error', async () => {
    repo = new PrRepo({ ...config('runner:\n  transaction: per-file\n'), 'prisma/migrations/20240101120000_init/migration.sql': 'CREATE TABLE "User" ("id" TEXT NOT NULL);\n' });
    repo.change({ write: { 'prisma/migrations/20240301090000_add_posts/migration.sql': 'CREATE TABLE "Post" ("id" TEXT NOT NULL);\n' } });
    await expect(repo.check(['--dir', 'prisma/migrations'])).rejects.toThrow(/describe the runner of plain migration files, but prisma\/migrations is a prisma directory/);
  });
});
