// Issue "Judge the pull request", points 3 and 4: naming, duplicates and order as each runner
// really treats them, on small repositories in each layout (a base on main, the PR on a branch).

import { afterEach, describe, expect, it } from 'vitest';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

const setFindings = (findings: readonly string[]) => findings.filter((f) => /naming-|migration-modified|journal-/.test(f));

describe('naming as the runner names migrations', () => {
  it("Flyway: V74__add_x.sql is Flyway's own naming, not a failed /sequence/ match", async () => {
    repo = new PrRepo({
      'src/main/resources/db/migration/V1__init.sql': 'CREATE TABLE person (id bigint PRIMARY KEY, name text);\n',
      'src/main/resources/db/migration/V73__add_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n',
    });
    repo.change({ write: { 'src/main/resources/db/migration/V74__add_invoice_table.sql': 'CREATE TABLE invoice (id bigint PRIMARY KEY);\n' } });
    const { findings } = await repo.check(['--dir', 'src/main/resources/db/migration']);
    expect(setFindings(findings)).toEqual([]);
  });

  it('a history that has always used kebab-case: a new kebab-case migration is fine, a snake_case one is told the convention', async () => {
    const history = {
      'db/migrations/000001_create-users-table.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n',
      'db/migrations/000001_create-users-table.down.sql': 'DROP TABLE users;\n',
      'db/migrations/000002_create-sessions-table.up.sql': 'CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);\n',
      'db/migrations/000002_create-sessions-table.down.sql': 'DROP TABLE sessions;\n',
    };
    repo = new PrRepo(history);
    repo.change({ write: { 'db/migrations/000003_create-orders-table.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n', 'db/migrations/000003_create-orders-table.down.sql': 'DROP TABLE orders;\n' } });
    expect(setFindings((await repo.check(['--dir', 'db/migrations'])).findings)).toEqual([]);
    repo.remove();

    repo = new PrRepo(history);
    repo.change({ write: { 'db/migrations/000003_create_orders_table.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n', 'db/migrations/000003_create_orders_table.down.sql': 'DROP TABLE orders;\n' } });
    const { report } = await repo.check(['--dir', 'db/migrations']);
    const naming = report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === 'naming-convention'));
    expect(naming.map((f) => `${f.severity}: ${f.message}`)).toEqual([
      'warning: The description "create_orders_table" in 000003_create_orders_table.up.sql is not kebab-case: the merged migrations use kebab-case (2 of 2), and this one is snake_case.',
    ]);
    expect(naming[0]!.help).toContain('create-orders-table');
  });

  it('Prisma: two folders with one timestamp are two migrations (Prisma identifies them by folder name)', async () => {
    repo = new PrRepo({ 'prisma/migrations/20240101120000_init/migration.sql': 'CREATE TABLE "User" ("id" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n', 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' });
    repo.change({
      write: {
        'prisma/migrations/20240301090000_add_posts/migration.sql': 'CREATE TABLE "Post" ("id" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));\n',
        'prisma/migrations/20240301090000_add_comments/migration.sql': 'CREATE TABLE "Comment" ("id" TEXT NOT NULL, CONSTRAINT "Comment_pkey" PRIMARY KEY ("id"));\n',
      },
    });
    expect(setFindings((await repo.check(['--dir', 'prisma/migrations'])).findings)).toEqual([]);
  });

  it('golang-migrate: 5 and 0005 are one version, and golang-migrate refuses to start', async () => {
    repo = new PrRepo({ 'migrations/0005_create_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n' });
    repo.change({ write: { 'migrations/5_create_orders.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n' } });
    const { report } = await repo.check();
    const duplicate = report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === 'naming-duplicate-version'));
    expect(duplicate.map((f) => f.message)).toEqual([
      '5_create_orders.up.sql has version 5, like 0005_create_users.up.sql (merged on the base branch): golang-migrate refuses to start ("duplicate migration file").',
    ]);
  });

  it('dbmate: 5 and 0005 are two versions (dbmate compares the digits as written)', async () => {
    repo = new PrRepo({ 'db/migrations/0005_create_users.sql': '-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE users;\n' });
    repo.change({ write: { 'db/migrations/5_create_orders.sql': '-- migrate:up\nCREATE TABLE orders (id bigint PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE orders;\n' } });
    expect(setFindings((await repo.check(['--dir', 'db/migrations'])).findings)).toEqual([]);
  });
});

describe('a new migration that sorts before a merged one', () => {
  /** The PR's migration was created before a migration that main merged after the branch forked. */
  async function late(files: Record<string, string>, mergedOnMain: Record<string, string>, pr: Record<string, string>, dir: string) {
    repo = new PrRepo(files);
    repo.mergeOnMain({ write: mergedOnMain });
    repo.change({ write: pr });
    const { report, code } = await repo.check(['--dir', dir]);
    const found = report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === 'naming-out-of-order').map((f) => ({ path: m.path, ...f })));
    return { found, code };
  }

  it('Prisma: a warning that says prisma migrate deploy applies it late, not an error about drift', async () => {
    const { found, code } = await late(
      { 'prisma/migrations/20240101120000_init/migration.sql': 'CREATE TABLE "User" ("id" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n' },
      { 'prisma/migrations/20240310000000_add_tags/migration.sql': 'CREATE TABLE "Tag" ("id" TEXT NOT NULL, CONSTRAINT "Tag_pkey" PRIMARY KEY ("id"));\n' },
      { 'prisma/migrations/20240301000000_add_posts/migration.sql': 'CREATE TABLE "Post" ("id" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));\n' },
      'prisma/migrations',
    );
    expect(found.map((f) => `${f.severity}: ${f.message}`)).toEqual([
      'warning: 20240301000000_add_posts/migration.sql sorts before 20240310000000_add_tags/migration.sql, which is already merged: prisma migrate deploy applies it after 20240310000000_add_tags/migration.sql on databases that already ran that one, but before it on a fresh database, so the two can end with different schemas.',
    ]);
    expect(found[0]!.message).not.toContain('drift');
    expect(code).toBe(0);
  });

  it('dbmate: a warning too (dbmate applies it late; --strict refuses it)', async () => {
    const section = (table: string) => `-- migrate:up\nCREATE TABLE ${table} (id bigint PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE ${table};\n`;
    const { found } = await late(
      { 'db/migrations/20240101120000_create_users.sql': section('users') },
      { 'db/migrations/20240310000000_create_tags.sql': section('tags') },
      { 'db/migrations/20240301000000_create_posts.sql': section('posts') },
      'db/migrations',
    );
    expect(found.map((f) => f.severity)).toEqual(['warning']);
    expect(found[0]!.message).toContain('with --strict, dbmate refuses it');
  });

  it('golang-migrate: an error, because golang-migrate never applies a version below the current one', async () => {
    const { found, code } = await late(
      { 'migrations/000001_create_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n' },
      { 'migrations/000003_create_tags.up.sql': 'CREATE TABLE tags (id bigint PRIMARY KEY);\n' },
      { 'migrations/000002_create_posts.up.sql': 'CREATE TABLE posts (id bigint PRIMARY KEY);\n' },
      'migrations',
    );
    expect(found.map((f) => f.severity)).toEqual(['error']);
    expect(found[0]!.message).toContain('golang-migrate stores only the newest applied version');
    expect(code).toBe(1);
  });

  it('Flyway: an error, because validation fails unless outOfOrder is on', async () => {
    const { found } = await late(
      { 'db/migration/V1__init.sql': 'CREATE TABLE person (id bigint PRIMARY KEY);\n' },
      { 'db/migration/V3__add_tags.sql': 'CREATE TABLE tags (id bigint PRIMARY KEY);\n' },
      { 'db/migration/V2__add_posts.sql': 'CREATE TABLE posts (id bigint PRIMARY KEY);\n' },
      'db/migration',
    );
    expect(found.map((f) => f.severity)).toEqual(['error']);
    expect(found[0]!.message).toContain('Detected resolved migration not applied to database');
  });

  it('Drizzle: an error at the journal line, because the migrator silently skips an entry whose `when` is not later', async () => {
    const journal = (entries: Array<[string, number]>) => JSON.stringify({ version: '7', dialect: 'postgresql', entries: entries.map(([tag, when], idx) => ({ idx, version: '7', when, tag, breakpoints: true })) }, null, 2);
    const users = 'CREATE TABLE IF NOT EXISTS "users" (\n\t"id" uuid PRIMARY KEY NOT NULL\n);\n';
    const { found } = await late(
      { 'drizzle/0000_users.sql': users, 'drizzle/meta/_journal.json': journal([['0000_users', 1_700_000_000_000]]) },
      { 'drizzle/0001_tags.sql': 'CREATE TABLE IF NOT EXISTS "tags" ("id" uuid PRIMARY KEY NOT NULL);\n', 'drizzle/meta/_journal.json': journal([['0000_users', 1_700_000_000_000], ['0001_tags', 1_700_000_300_000]]) },
      // The branch generated its migration before main's, and resolved the journal conflict by keeping both.
      { 'drizzle/0002_posts.sql': 'CREATE TABLE IF NOT EXISTS "posts" ("id" uuid PRIMARY KEY NOT NULL);\n', 'drizzle/meta/_journal.json': journal([['0000_users', 1_700_000_000_000], ['0002_posts', 1_700_000_200_000]]) },
      'drizzle',
    );
    expect(found.map((f) => `${f.path} ${f.severity}`)).toEqual(['drizzle/meta/_journal.json error']);
    expect(found[0]!.message).toContain('silently skips it');
  });
});
