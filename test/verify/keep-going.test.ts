// The database stage goes on after a migration that fails: the later ones are applied on the schema
// without it (and say so), still traced and round-tripped, so a change with two problems shows both.
// And Drizzle's new migrations are applied once more the way its migrator runs them, all in one
// transaction, where some statements fail that apply in a transaction of their own.

import { describe, expect, it } from 'vitest';
import type { LayoutName } from '../../src/discover/index.js';
import { ownScratchDatabases, testDatabaseUrl } from '../db/postgres.js';
import { stageOfDirectory } from './stage-directory.js';

/** Writes `migrations/<name>` files and runs the stage with `checked` (name → status), deploying together. */
async function stageOf(layout: LayoutName, files: Record<string, string>, checked: Record<string, 'new' | 'modified'>) {
  const { discovery, stage } = await stageOfDirectory(files, checked, { layout, shipTogether: true });
  expect(discovery.problems).toEqual([]);
  return stage;
}

function rows(stage: Awaited<ReturnType<typeof stageOf>>) {
  return [...stage.files].map(([file, result]) => ({
    file,
    apply: result.apply.status,
    without: result.apply.without,
    rollback: result.rollback.status,
    findings: result.findings.map((f) => `${f.rule}:${f.line}`),
  }));
}

describe('keep going after a migration that does not apply', () => {
  it('reports two independent failures, and verifies the third without them: rebuilt when the failed file committed part of itself', async () => {
    const url = testDatabaseUrl();
    const scratchBefore = await ownScratchDatabases(url);
    const stage = await stageOf(
      'plain',
      {
        '0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text);\n',
        '0002_orders.sql': '-- typo in the referenced table\nCREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES userz);\n',
        // Statement by statement: the first table is committed before the second statement fails.
        '0003_leftover.sql': 'CREATE TABLE leftover (id int);\nSELECT 1 / 0;\n',
        '0004_names.sql': 'CREATE TABLE leftover (id int);\nALTER TABLE users ADD COLUMN name text;\n',
        '0004_names_rollback.sql': 'ALTER TABLE users DROP COLUMN name;\nDROP TABLE leftover;\n',
      },
      { '0002_orders.sql': 'new', '0003_leftover.sql': 'new', '0004_names.sql': 'new' },
    );
    expect(rows(stage)).toEqual([
      { file: 'migrations/0002_orders.sql', apply: 'failed', without: undefined, rollback: 'skipped', findings: ['apply-failed:2'] },
      { file: 'migrations/0003_leftover.sql', apply: 'failed', without: ['migrations/0002_orders.sql'], rollback: 'skipped', findings: ['apply-failed:2'] },
      {
        file: 'migrations/0004_names.sql',
        apply: 'applied',
        without: ['migrations/0002_orders.sql', 'migrations/0003_leftover.sql'],
        rollback: 'verified',
        findings: ['access-exclusive-lock:2'],
      },
    ]);
    expect(stage.files.get('migrations/0004_names.sql')!.locks.map((lock) => [lock.line, lock.relation, lock.mode])).toEqual([[2, 'users', 'AccessExclusiveLock']]);
    expect(stage.summary.status).toBe('ran');
    expect(await ownScratchDatabases(url)).toEqual(scratchBefore);
  });

  it('a migration rolled back by its runner\'s transaction needs no rebuild; the next one runs in the same database', async () => {
    const stage = await stageOf(
      'prisma',
      {
        '20250101000000_init/migration.sql': 'CREATE TABLE "User" ("id" SERIAL PRIMARY KEY, "email" TEXT);\n',
        '20250102000000_posts/migration.sql': 'CREATE TABLE "Post" ("id" SERIAL PRIMARY KEY);\nALTER TABLE "Post" ADD COLUMN "authorId" INTEGER REFERENCES "Users";\n',
        '20250103000000_email/migration.sql': 'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n',
      },
      { '20250102000000_posts/migration.sql': 'new', '20250103000000_email/migration.sql': 'new' },
    );
    expect(rows(stage)).toEqual([
      { file: 'migrations/20250102000000_posts/migration.sql', apply: 'failed', without: undefined, rollback: 'skipped', findings: ['apply-failed:2'] },
      {
        file: 'migrations/20250103000000_email/migration.sql',
        apply: 'applied',
        without: ['migrations/20250102000000_posts/migration.sql'],
        rollback: 'no-rollback',
        findings: [],
      },
    ]);
    expect(stage.files.get('migrations/20250103000000_email/migration.sql')!.locks.map((lock) => [lock.relation, lock.mode])).toEqual([['User', 'ShareLock']]);
  });

  it('a later migration that fails only for want of the failed one is skipped, not reported as failing too', async () => {
    const stage = await stageOf(
      'plain',
      {
        '0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
        '0002_orders.sql': 'CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES userz);\n',
        '0003_index.sql': 'CREATE INDEX orders_user ON orders (user_id);\n',
        '0004_typo.sql': 'ALTER TABLE usres ADD COLUMN name text;\n',
      },
      { '0002_orders.sql': 'new', '0003_index.sql': 'new', '0004_typo.sql': 'new' },
    );
    expect(rows(stage)).toEqual([
      { file: 'migrations/0002_orders.sql', apply: 'failed', without: undefined, rollback: 'skipped', findings: ['apply-failed:1'] },
      { file: 'migrations/0003_index.sql', apply: 'skipped', without: ['migrations/0002_orders.sql'], rollback: 'skipped', findings: [] },
      // "usres" is named in no left-out migration: a failure of its own.
      { file: 'migrations/0004_typo.sql', apply: 'failed', without: ['migrations/0002_orders.sql', 'migrations/0003_index.sql'], rollback: 'skipped', findings: ['apply-failed:1'] },
    ]);
    expect(stage.files.get('migrations/0003_index.sql')!.apply.reason).toBe(
      'it builds on migrations/0002_orders.sql, which does not apply, so it was not verified (without it: migrations/0003_index.sql:1: relation "orders" does not exist (SQLSTATE 42P01))',
    );
  });

  it('applies the merged migrations after a failed checked one; a merged one that fails is its own row, and the rest goes on', async () => {
    const stage = await stageOf(
      'plain',
      {
        '0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
        '0002_email.sql': 'ALTER TABLE users ADD COLUMN email text REFERENCES nowhere;\n',
        '0003_audit.sql': 'CREATE TABLE audit (id int);\n',
        '0004_broken.sql': 'ALTER TABLE gone ADD COLUMN y int;\n',
        '0005_audit_at.sql': 'ALTER TABLE audit ADD COLUMN at timestamptz;\n',
      },
      { '0002_email.sql': 'modified', '0005_audit_at.sql': 'new' },
    );
    expect(rows(stage)).toEqual([
      { file: 'migrations/0002_email.sql', apply: 'failed', without: undefined, rollback: 'skipped', findings: ['apply-failed:1'] },
      {
        file: 'migrations/0005_audit_at.sql',
        apply: 'applied',
        without: ['migrations/0002_email.sql', 'migrations/0004_broken.sql'],
        rollback: 'no-rollback',
        findings: ['access-exclusive-lock:1'],
      },
    ]);
    expect(stage.extraFiles.map((file) => [file.path, file.status, file.apply?.without, file.findings.map((f) => `${f.rule}:${f.line}`)])).toEqual([
      ['migrations/0004_broken.sql', 'base', ['migrations/0002_email.sql'], ['apply-failed:1']],
    ]);
    expect(stage.summary).toMatchObject({ status: 'failed', reason: expect.stringContaining('migrations/0004_broken.sql:1: relation "gone" does not exist') });
  });

  it('a merged migration that fails only for want of the failed checked one is no row of its own', async () => {
    const stage = await stageOf(
      'plain',
      {
        '0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
        '0002_audit.sql': 'CREATE TABLE audit (id int, user_id int REFERENCES nowhere);\n',
        '0003_audit_index.sql': 'CREATE INDEX audit_user ON audit (user_id);\n',
        '0004_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n',
      },
      { '0002_audit.sql': 'modified', '0004_email.sql': 'new' },
    );
    expect(rows(stage).map(({ file, apply, without }) => [file, apply, without])).toEqual([
      ['migrations/0002_audit.sql', 'failed', undefined],
      ['migrations/0004_email.sql', 'applied', ['migrations/0002_audit.sql', 'migrations/0003_audit_index.sql']],
    ]);
    expect(stage.extraFiles).toEqual([]);
    expect(stage.summary.status).toBe('ran');
  });
});

const drizzleJournal = (tags: string[]) =>
  JSON.stringify({ version: '7', dialect: 'postgresql', entries: tags.map((tag, idx) => ({ idx, version: '7', when: 1700000000000 + idx * 1000, tag, breakpoints: true })) });

async function drizzleStage(files: Record<string, string>, newOnes: string[]) {
  const tags = Object.keys(files).map((name) => name.replace(/\.sql$/, ''));
  return stageOf('drizzle', { 'meta/_journal.json': drizzleJournal(tags), ...files }, Object.fromEntries(newOnes.map((name) => [name, 'new' as const])));
}

describe("Drizzle's pending migrations in one transaction", () => {
  const INIT = 'CREATE TYPE "public"."order_status" AS ENUM(\'pending\', \'paid\');--> statement-breakpoint\nCREATE TABLE "orders" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"status" "order_status" DEFAULT \'pending\' NOT NULL\n);\n';
  const ADD = 'ALTER TYPE "public"."order_status" ADD VALUE \'refunded\';';
  const USE = 'ALTER TABLE "orders" ADD COLUMN "refunded_at" timestamp;--> statement-breakpoint\nALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT \'refunded\';';

  it('an enum value added in one file and used in the next: each applies alone, the batch fails at the use', async () => {
    const stage = await drizzleStage({ '0000_init.sql': INIT, '0001_add_refunded.sql': ADD, '0002_refund_default.sql': USE }, ['0001_add_refunded.sql', '0002_refund_default.sql']);
    expect(rows(stage).map(({ file, apply, findings }) => [file, apply, findings])).toEqual([
      ['migrations/0001_add_refunded.sql', 'applied', []],
      ['migrations/0002_refund_default.sql', 'applied', ['apply-failed:2', 'access-exclusive-lock:1']],
    ]);
    const failed = stage.files.get('migrations/0002_refund_default.sql')!.findings.find((f) => f.rule === 'apply-failed')!;
    expect(failed.message).toBe(
      'The migration applies in a transaction of its own, but fails here because Drizzle runs all pending migrations in one transaction, this one with migrations/0001_add_refunded.sql: ' +
        'unsafe use of new value "refunded" of enum type order_status (SQLSTATE 55P04).',
    );
    expect(failed.help).toContain('deploy migrations/0001_add_refunded.sql on its own before this migration, or start this migration with `COMMIT;` and a `--> statement-breakpoint` line');
    // Postgres gives no position for it: the statement's start.
    expect([failed.line, failed.column]).toEqual([2, 1]);
    expect(stage.summary.notes).toEqual([expect.stringContaining('then the new migrations that applied all together in one transaction, as Drizzle does')]);
  });

  it('rows an earlier file of the batch leaves with pending trigger events: ALTER TABLE fails only in the one transaction', async () => {
    const stage = await drizzleStage(
      {
        '0000_init.sql':
          'CREATE TABLE "users" ("id" integer PRIMARY KEY);--> statement-breakpoint\nCREATE TABLE "posts" ("id" integer, "user_id" integer REFERENCES "users" DEFERRABLE INITIALLY DEFERRED);\n',
        '0001_seed.sql': 'INSERT INTO "users" VALUES (1);--> statement-breakpoint\nINSERT INTO "posts" VALUES (1, 1);\n',
        '0002_title.sql': 'ALTER TABLE "posts" ADD COLUMN "title" text;\n',
      },
      ['0001_seed.sql', '0002_title.sql'],
    );
    const findings = stage.files.get('migrations/0002_title.sql')!.findings.filter((f) => f.rule === 'apply-failed');
    expect(findings.map((f) => [f.line, f.message])).toEqual([[1, expect.stringMatching(/this one with migrations\/0001_seed\.sql: cannot ALTER TABLE "posts" because it has pending trigger events \(SQLSTATE 55006\)\.$/)]]);
    expect(findings[0]!.help).toMatch(/^Deploy migrations\/0001_seed\.sql on its own before this migration/);
  });

  it('a pending set that applies both ways: no finding of its own', async () => {
    const stage = await drizzleStage(
      { '0000_init.sql': INIT, '0001_add_refunded.sql': `${ADD}--> statement-breakpoint\nCOMMIT;`, '0002_refund_default.sql': USE, '0003_index.sql': 'CREATE INDEX "orders_status_idx" ON "orders" ("status");' },
      ['0001_add_refunded.sql', '0002_refund_default.sql', '0003_index.sql'],
    );
    expect([...stage.files.values()].flatMap((file) => file.findings.filter((f) => f.rule === 'apply-failed'))).toEqual([]);
    expect(stage.summary.notes).toEqual([expect.stringContaining('all together in one transaction')]);
  });

  it('a failed file is left out of the batch too; one pending migration is not applied twice', async () => {
    const stage = await drizzleStage(
      { '0000_init.sql': INIT, '0001_broken.sql': 'ALTER TABLE "ordres" ADD COLUMN "x" text;', '0002_index.sql': 'CREATE INDEX "orders_status_idx" ON "orders" ("status");' },
      ['0001_broken.sql', '0002_index.sql'],
    );
    expect(rows(stage).map(({ file, apply, without, findings }) => [file, apply, without, findings])).toEqual([
      ['migrations/0001_broken.sql', 'failed', undefined, ['apply-failed:1']],
      ['migrations/0002_index.sql', 'applied', ['migrations/0001_broken.sql'], []],
    ]);
    expect(stage.summary.notes).toEqual(['Drizzle runs all pending migrations in one transaction; the gate applied each new migration in its own transaction, so that locks and the rollback are shown per file.']);
  });
});
