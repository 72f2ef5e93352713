// `check` with no `migrations` setting and no --dir finds the directory its tool writes by default
// (Prisma's prisma/migrations, Drizzle's drizzle/, ...), says which in one line, and asks for --dir
// when there are several or says where it looked when there is none.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { Report } from '../../src/report/report.js';
import { testDatabaseUrl } from '../db/postgres.js';

let root: string | undefined;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'pgmg-find-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function check(cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', '--format', 'json'], { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty: false, env: { DATABASE_URL: testDatabaseUrl() } });
  return { code, stdout, stderr };
}

const PRISMA = { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" (id integer PRIMARY KEY);\n', 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' };

describe('finding the migrations directory', () => {
  it('uses the one directory found, and says so', async () => {
    const { code, stdout, stderr } = await check(project({ ...PRISMA, 'prisma/schema.prisma': 'datasource db { provider = "postgresql" }\n' }));
    expect(code).toBe(0);
    expect(stderr).toContain("pg-migration-gate: no `migrations` setting and no --dir: using prisma/migrations (Prisma's default), the one migrations directory found\n");
    // A temporary directory is no git repository: there is no base, and the run says so.
    expect(stderr).toContain('pg-migration-gate: not in a git repository, so there is no base to compare with: every migration is checked as new\n');
    expect((JSON.parse(stdout) as Report).migrations.map((m) => m.path)).toEqual(['prisma/migrations/20240101000000_init/migration.sql']);
  });

  it('lists several and asks for --dir (exit 2)', async () => {
    const { code, stderr } = await check(project({ ...PRISMA, 'db/migrations/20240101000000_init.sql': '-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n' }));
    expect(code).toBe(2);
    expect(stderr).toBe(
      'pg-migration-gate: no `migrations` setting and no --dir, and 2 migrations directories found: prisma/migrations (Prisma), db/migrations (dbmate); pass the one to check with --dir, or set `migrations` in .migration-gate.yml\n',
    );
  });

  it('says where it looked when there is none (exit 2)', async () => {
    const cwd = project({ 'README.md': 'no migrations here\n' });
    const { code, stderr } = await check(cwd);
    expect(code).toBe(2);
    expect(stderr).toContain(`no migrations directory found in ${cwd}: looked for migrations, prisma/migrations, drizzle, db/migrations, supabase/migrations,`);
    expect(stderr).toContain('pass --dir DIR, or set `migrations` in .migration-gate.yml');
  });

  it('a `migrations` directory is used as before, without a notice', async () => {
    const { code, stderr } = await check(project({ 'migrations/0001_init.sql': 'CREATE TABLE a (id int);\n', ...PRISMA }));
    expect(code).toBe(0);
    expect(stderr).not.toContain('no `migrations` setting');
  });
});
