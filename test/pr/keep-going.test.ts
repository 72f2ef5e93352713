// Issue 10, item 6, through `check --base` on a real repository: a pull request with two migrations
// that fail shows both, and the one after them is still verified, on the schema without them; and
// Drizzle's pending migrations are also applied in one transaction, as its migrator runs them.

import { afterEach, describe, expect, it } from 'vitest';
import { formatText } from '../../src/report/format-text.js';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

const LOCK = { 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' };
const INIT = 'prisma/migrations/20240101120000_init/migration.sql';
const POSTS = 'prisma/migrations/20240301090000_posts/migration.sql';
const TAGS = 'prisma/migrations/20240301091000_tags/migration.sql';
const EMAIL = 'prisma/migrations/20240301092000_email/migration.sql';

describe('check goes on after a migration that fails', () => {
  it('Prisma: two failing folders are both reported; the third is applied without them, and its locks are traced', async () => {
    repo = new PrRepo({ ...LOCK, [INIT]: '-- CreateTable\nCREATE TABLE "User" (\n    "id" TEXT NOT NULL,\n    "email" TEXT,\n\n    CONSTRAINT "User_pkey" PRIMARY KEY ("id")\n);\n' });
    repo.change({
      write: {
        // A foreign key to a table that is not there ("Users").
        [POSTS]: '-- CreateTable\nCREATE TABLE "Post" ("id" TEXT NOT NULL, "authorId" TEXT NOT NULL);\n\n-- AddForeignKey\nALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Users"("id");\n',
        // CONCURRENTLY in a file of two statements, which Prisma sends as one transaction.
        [TAGS]: '-- CreateTable\nCREATE TABLE "Tag" ("id" TEXT NOT NULL);\n\n-- CreateIndex\nCREATE INDEX CONCURRENTLY "Tag_id_idx" ON "Tag"("id");\n',
        [EMAIL]: '-- CreateIndex\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n',
      },
    });
    const { report, findings, code } = await repo.check(['--dir', 'prisma/migrations']);
    expect(findings.filter((f) => f.includes('apply-failed'))).toEqual([`${POSTS} apply-failed error`, `${TAGS} apply-failed error`]);
    const row = (path: string) => report.migrations.find((m) => m.path === path)!;
    expect(row(POSTS).apply).toMatchObject({ status: 'failed' });
    expect(row(POSTS).apply?.without).toBeUndefined();
    expect(row(TAGS).apply).toMatchObject({ status: 'failed', without: [POSTS] });
    expect(row(EMAIL).apply).toMatchObject({ status: 'applied', without: [POSTS, TAGS] });
    expect(row(EMAIL).locks?.map((lock) => [lock.relation, lock.mode])).toEqual([['User', 'ShareLock']]);
    expect(code).toBe(1);
    expect(formatText(report, { color: false })).toContain(`  ${EMAIL}: applied without ${POSTS}, ${TAGS}, no rollback, locks on existing objects: User SHARE`);
  });
});

describe("check applies Drizzle's pending migrations in one transaction too", () => {
  const journal = (tags: string[]) =>
    JSON.stringify({ version: '7', dialect: 'postgresql', entries: tags.map((tag, idx) => ({ idx, version: '7', when: 1736500000000 + idx * 1000, tag, breakpoints: true })) }, null, 2);
  const INIT_SQL = 'CREATE TYPE "public"."order_status" AS ENUM(\'pending\', \'paid\');--> statement-breakpoint\nCREATE TABLE "orders" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"status" "order_status" DEFAULT \'pending\' NOT NULL\n);\n';

  it('an enum value added in one file and used in the next: enum-add-value-in-transaction says it, the database failure is not said twice', async () => {
    repo = new PrRepo({ 'drizzle/meta/_journal.json': journal(['0000_init']), 'drizzle/0000_init.sql': INIT_SQL });
    repo.change({
      write: {
        'drizzle/meta/_journal.json': journal(['0000_init', '0001_add_refunded', '0002_refund_default']),
        'drizzle/0001_add_refunded.sql': 'ALTER TYPE "public"."order_status" ADD VALUE \'refunded\';',
        'drizzle/0002_refund_default.sql': 'ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT \'refunded\';',
      },
    });
    const { report, findings } = await repo.check(['--dir', 'drizzle']);
    // The one-transaction run fails at the same statement (test/verify/keep-going.test.ts): not reported again.
    expect(findings.filter((f) => /enum-add-value|apply-failed/.test(f))).toEqual(['drizzle/0002_refund_default.sql enum-add-value-in-transaction error']);
    expect(report.migrations.map((m) => [m.path, m.apply?.status])).toEqual([
      ['drizzle/0001_add_refunded.sql', 'applied'],
      ['drizzle/0002_refund_default.sql', 'applied'],
    ]);
    expect(report.database?.notes).toContainEqual(expect.stringContaining('all together in one transaction, as Drizzle does'));
  });

  it('with the static rule lowered to info, the database failure still fails the check', async () => {
    repo = new PrRepo({ 'drizzle/meta/_journal.json': journal(['0000_init']), 'drizzle/0000_init.sql': INIT_SQL });
    repo.change({
      write: {
        '.migration-gate.yml': 'rules: { enum-add-value-in-transaction: info }\n',
        'drizzle/meta/_journal.json': journal(['0000_init', '0001_add_refunded', '0002_refund_default']),
        'drizzle/0001_add_refunded.sql': 'ALTER TYPE "public"."order_status" ADD VALUE \'refunded\';',
        'drizzle/0002_refund_default.sql': 'ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT \'refunded\';',
      },
    });
    const { findings, code } = await repo.check(['--dir', 'drizzle']);
    expect(findings.filter((f) => /enum-add-value|apply-failed/.test(f))).toEqual([
      'drizzle/0002_refund_default.sql apply-failed error',
      'drizzle/0002_refund_default.sql enum-add-value-in-transaction info',
    ]);
    expect(code).toBe(1);
  });

  it('what the static rules cannot see is reported by the one-transaction run: pending trigger events of the file before', async () => {
    repo = new PrRepo({
      'drizzle/meta/_journal.json': journal(['0000_init']),
      'drizzle/0000_init.sql':
        'CREATE TABLE "users" ("id" integer PRIMARY KEY);--> statement-breakpoint\nCREATE TABLE "posts" ("id" integer PRIMARY KEY, "user_id" integer REFERENCES "users" DEFERRABLE INITIALLY DEFERRED);\n',
    });
    repo.change({
      write: {
        'drizzle/meta/_journal.json': journal(['0000_init', '0001_seed', '0002_title']),
        'drizzle/0001_seed.sql': 'INSERT INTO "users" VALUES (1);--> statement-breakpoint\nINSERT INTO "posts" VALUES (1, 1);\n',
        'drizzle/0002_title.sql': 'ALTER TABLE "posts" ADD COLUMN "title" text;\n',
      },
    });
    const { report, findings, code } = await repo.check(['--dir', 'drizzle']);
    expect(findings).toContain('drizzle/0002_title.sql apply-failed error');
    const failed = report.migrations.find((m) => m.path === 'drizzle/0002_title.sql')!.findings.find((f) => f.rule === 'apply-failed')!;
    expect(failed.message).toContain('because Drizzle runs all pending migrations in one transaction, this one with drizzle/0001_seed.sql: cannot ALTER TABLE "posts" because it has pending trigger events');
    expect(code).toBe(1);
  });

  it('a pending set that applies both ways gives no finding of the database stage', async () => {
    repo = new PrRepo({ 'drizzle/meta/_journal.json': journal(['0000_init']), 'drizzle/0000_init.sql': INIT_SQL });
    repo.change({
      write: {
        'drizzle/meta/_journal.json': journal(['0000_init', '0001_notes', '0002_note_index']),
        'drizzle/0001_notes.sql': 'CREATE TABLE "notes" ("id" serial PRIMARY KEY NOT NULL, "body" text);\n',
        'drizzle/0002_note_index.sql': 'CREATE INDEX "notes_body_idx" ON "notes" ("body");\n',
      },
    });
    const { findings, code, report } = await repo.check(['--dir', 'drizzle']);
    expect(findings.filter((f) => !f.endsWith(' info'))).toEqual([]);
    expect(code).toBe(0);
    expect(report.database?.notes).toContainEqual(expect.stringContaining('all together in one transaction, as Drizzle does'));
  });
});
