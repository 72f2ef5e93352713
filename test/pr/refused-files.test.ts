// Issue "Judge the pull request", point 7: a file the runner refuses is a finding, located where
// the runner stops (migration-file-invalid), at the PR that adds it, not on every later PR.

import { afterEach, describe, expect, it } from 'vitest';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

const dbmate = (table: string) => `-- migrate:up\nCREATE TABLE ${table} (id bigint PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE ${table};\n`;

describe('migration-file-invalid', () => {
  it('dbmate: a new file without -- migrate:up, which dbmate refuses', async () => {
    repo = new PrRepo({ 'db/migrations/20240101120000_create_users.sql': dbmate('users') });
    repo.change({ write: { 'db/migrations/20240301090000_add_user_email.sql': '-- add the email column\nALTER TABLE users ADD COLUMN email text;\n' } });
    const { report, code } = await repo.check(['--dir', 'db/migrations']);
    const refused = report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === 'migration-file-invalid').map((f) => ({ path: m.path, ...f })));
    expect(refused.map((f) => `${f.path}:${f.line} ${f.severity}`)).toEqual(['db/migrations/20240301090000_add_user_email.sql:1 error']);
    expect(refused[0]!.message).toContain("dbmate requires each migration to define an up block with '-- migrate:up'");
    expect(code).toBe(1);
  });

  it('dbmate: SQL before -- migrate:up, at its line', async () => {
    repo = new PrRepo({ 'db/migrations/20240101120000_create_users.sql': dbmate('users') });
    repo.change({ write: { 'db/migrations/20240301090000_create_posts.sql': `SET lock_timeout = '5s';\n${dbmate('posts')}` } });
    const { report } = await repo.check(['--dir', 'db/migrations']);
    const refused = report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === 'migration-file-invalid'));
    expect(refused.map((f) => f.line)).toEqual([1]);
  });

  it('a refused file merged long ago is a note, not an error on the next PR', async () => {
    repo = new PrRepo({ 'db/migrations/20240101120000_create_users.sql': dbmate('users'), 'db/migrations/20240102120000_seed.sql': "INSERT INTO users VALUES (1);\n" });
    repo.change({ write: { 'db/migrations/20240301090000_create_posts.sql': dbmate('posts') } });
    const { findings, code } = await repo.check(['--dir', 'db/migrations']);
    expect(findings.filter((f) => f.includes('migration-file-invalid'))).toEqual(['db/migrations/20240102120000_seed.sql migration-file-invalid info']);
    expect(code).toBe(0);
  });

  it('Prisma: a new folder without migration.sql, where prisma migrate deploy stops', async () => {
    repo = new PrRepo({ 'prisma/migrations/20240101120000_init/migration.sql': 'CREATE TABLE "User" ("id" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n', 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' });
    repo.change({ write: { 'prisma/migrations/20240301090000_add_posts/README.md': 'todo\n' } });
    const { findings } = await repo.check(['--dir', 'prisma/migrations']);
    expect(findings).toEqual(['prisma/migrations/20240301090000_add_posts migration-file-invalid error']);
  });
});
