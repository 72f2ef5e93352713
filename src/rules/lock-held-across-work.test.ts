import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/db/postgres.js';
import { lintSql, TEST_SCOPES } from '../../test/lint-helpers.js';
import { testRule } from '../../test/rule-tester.js';
import { defaultConfig } from '../config.js';
import { runGate } from '../gate.js';
import { lintSource } from '../lint/lint-file.js';
import { ensureParser } from '../sql/parse.js';
import { sourceFromText } from '../sql/source.js';
import { confirmHeldLocks } from '../verify/held-lock-evidence.js';

testRule('lock-held-across-work', {
  valid: [
    {
      name: 'Prisma: a table created in the same file, then a column, an index and a backfill on it',
      sql: '-- CreateTable\nCREATE TABLE "Post" ("id" TEXT NOT NULL);\n\n-- AlterTable\nALTER TABLE "Post" ADD COLUMN "title" TEXT;\n\n-- CreateIndex\nCREATE INDEX "Post_title_idx" ON "Post"("title");\nUPDATE "Post" SET "title" = \'\';\n',
      scope: TEST_SCOPES.prisma,
    },
    {
      name: 'Prisma: one ALTER TABLE with several sub-commands',
      sql: '-- AlterTable\nALTER TABLE "User" ADD COLUMN     "pin" TEXT,\nADD COLUMN     "zone" TEXT,\nALTER COLUMN "role" SET DEFAULT \'USER\';\n',
      scope: TEST_SCOPES.prisma,
    },
    {
      name: 'statement by statement, without BEGIN: the ALTER commits before the backfill starts',
      sql: "SET lock_timeout = '5s';\nALTER TABLE accounts ADD COLUMN plan text;\nUPDATE accounts SET plan = 'free';\nCREATE INDEX accounts_plan ON accounts (plan);\n",
    },
    {
      name: 'the file commits the ALTER before the backfill',
      sql: 'BEGIN;\nALTER TABLE accounts ADD COLUMN plan text;\nCOMMIT;\nUPDATE accounts SET plan = \'free\' WHERE id < 1000;\n',
    },
    {
      name: 'the backfill runs before the lock is taken',
      sql: 'BEGIN;\nUPDATE "user" SET "banned" = false WHERE "banned" IS NULL;\nALTER TABLE "user" ALTER COLUMN "banned" SET DEFAULT false;\nCOMMIT;\n',
    },
    {
      name: 'several instant changes to one table',
      sql: 'BEGIN;\nALTER TABLE accounts ADD COLUMN a int;\nALTER TABLE accounts ADD COLUMN b int;\nALTER TABLE accounts RENAME COLUMN a TO c;\nCOMMIT;\n',
    },
    {
      name: 'a later statement that locks the same table ACCESS EXCLUSIVE itself (its own rule reports it)',
      sql: 'BEGIN;\nALTER TABLE accounts ADD COLUMN a int;\nALTER TABLE accounts ALTER COLUMN b SET NOT NULL;\nALTER TABLE accounts ALTER COLUMN c TYPE bigint;\nCOMMIT;\n',
    },
    {
      name: 'rows inserted from a VALUES list',
      sql: "BEGIN;\nALTER TABLE plans ADD COLUMN price int;\nINSERT INTO plans (name, price) VALUES ('pro', 10), ('team', (SELECT max(price) FROM plans));\nCOMMIT;\n",
    },
    {
      name: 'VALIDATE of a constraint added NOT VALID in the same transaction (constraint-missing-not-valid says so)',
      sql: 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT amount_positive;\nCOMMIT;\n',
    },
    {
      name: 'a foreign key takes SHARE ROW EXCLUSIVE, not ACCESS EXCLUSIVE',
      sql: 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users NOT VALID;\nUPDATE orders SET note = NULL;\nCOMMIT;\n',
    },
    {
      name: 'LOCK TABLE in a mode weaker than ACCESS EXCLUSIVE',
      sql: 'BEGIN;\nLOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE;\nUPDATE accounts SET plan = \'free\';\nCOMMIT;\n',
    },
    {
      name: 'only new tables are filled under the lock',
      sql: 'BEGIN;\nALTER TABLE accounts ADD COLUMN plan_id int;\nCREATE TABLE plans (id int, name text);\nINSERT INTO plans VALUES (1, \'free\');\nCREATE INDEX plans_name ON plans (name);\nCOMMIT;\n',
    },
    {
      name: 'Prisma: a table the migration drops later is blocked until the end anyway',
      sql: '-- DropForeignKey\nALTER TABLE "_UserOffices" DROP CONSTRAINT "_UserOffices_A_fkey";\n\n-- DropTable\nDROP TABLE "_UserOffices";\n\n-- CreateIndex\nCREATE INDEX "Office_name_idx" ON "Office"("name");\n',
      scope: TEST_SCOPES.prisma,
    },
    {
      name: 'Flyway runs a migration with CREATE INDEX CONCURRENTLY without its transaction',
      sql: 'ALTER TABLE accounts ADD COLUMN plan text;\nUPDATE accounts SET plan = \'free\';\nCREATE INDEX CONCURRENTLY accounts_plan ON accounts (plan);\n',
      scope: TEST_SCOPES.flyway,
    },
    {
      name: 'Prisma: one existing table changed, nothing slow after it',
      sql: '-- AlterTable\nALTER TABLE "User" ADD COLUMN "bio" TEXT;\n\n-- CreateTable\nCREATE TABLE "Profile" ("id" TEXT NOT NULL, "userId" TEXT NOT NULL);\n\n-- AddForeignKey\nALTER TABLE "Profile" ADD CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id");\n',
      scope: TEST_SCOPES.prisma,
    },
  ],
  invalid: [
    {
      name: 'Prisma: a column added and backfilled in one migration',
      sql: '-- AlterTable\nALTER TABLE "User" ADD COLUMN     "confirmed" BOOLEAN NOT NULL DEFAULT false;\n\n-- set all users to confirmed\nUPDATE "User" SET "confirmed" = true;\n',
      scope: TEST_SCOPES.prisma,
      findings: [
        {
          line: 2,
          column: 1,
          message:
            "ALTER TABLE locks existing table User ACCESS EXCLUSIVE, and the lock stays held until Prisma Migrate commits the migration, through 1 later statement of the same transaction whose run time grows with a table's size: line 5 (UPDATE User).",
          help: 'CREATE INDEX CONCURRENTLY and put it alone in a migration of its own',
        },
      ],
    },
    {
      name: 'BEGIN ... COMMIT: backfill, index and foreign key under one lock, named first two and a count',
      sql:
        "BEGIN;\nALTER TABLE accounts ADD COLUMN owner_id bigint;\nUPDATE accounts SET owner_id = legacy_owner;\nCREATE INDEX accounts_owner ON accounts (owner_id);\n" +
        'ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id);\nCOMMIT;\n',
      findings: [
        {
          line: 2,
          message:
            "held until the transaction commits, through 3 later statements of the same transaction whose run time grows with a table's size: line 3 (UPDATE accounts), line 4 (CREATE INDEX on accounts) and 1 more. Every read and write of table accounts waits",
        },
      ],
    },
    {
      name: 'work on another table still runs under the lock',
      sql: 'BEGIN;\nALTER TABLE "User" ADD COLUMN "updatedAt" TIMESTAMP(3);\nCREATE UNIQUE INDEX "Likes_likedId_likesId_key" ON "Likes"("likedId", "likesId");\nCOMMIT;\n',
      findings: [{ line: 2, message: 'line 3 (CREATE UNIQUE INDEX on Likes)' }],
    },
    {
      name: 'each lock taken before the work is one finding; a re-lock of the same table is not',
      sql: 'BEGIN;\nALTER TABLE a ADD COLUMN x int;\nALTER TABLE b ADD COLUMN y int;\nALTER TABLE a ADD COLUMN z int;\nUPDATE b SET y = 1;\nCOMMIT;\n',
      findings: [
        { line: 2, message: 'locks existing table a ACCESS EXCLUSIVE' },
        { line: 3, message: 'locks existing table b ACCESS EXCLUSIVE' },
      ],
    },
    {
      name: 'a VALIDATE of an older constraint and a SET NOT NULL scan of another table',
      sql: 'BEGIN;\nALTER TABLE a ADD COLUMN x int;\nALTER TABLE a VALIDATE CONSTRAINT a_old_check;\nALTER TABLE b ALTER COLUMN y SET NOT NULL;\nCOMMIT;\n',
      findings: [{ line: 2, message: 'line 3 (ALTER TABLE a VALIDATE CONSTRAINT a_old_check) and line 4 (ALTER TABLE b ALTER COLUMN y SET NOT NULL)' }],
    },
    {
      name: 'the backfill after a NOT VALID check and its validation is still named',
      sql: 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT amount_positive;\nUPDATE orders SET amount = 1 WHERE amount <= 0;\nCOMMIT;\n',
      findings: [{ line: 2, message: "1 later statement of the same transaction whose run time grows with a table's size: line 4 (UPDATE orders)" }],
    },
    {
      name: 'TRUNCATE and a refill from another table',
      sql: 'BEGIN;\nTRUNCATE report_cache;\nINSERT INTO report_cache SELECT * FROM orders;\nCOMMIT;\n',
      findings: [{ line: 2, message: 'TRUNCATE locks existing table report_cache ACCESS EXCLUSIVE' }],
    },
    {
      name: 'a DO block is one transaction even without BEGIN',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE accounts ADD COLUMN plan text;\n  UPDATE accounts SET plan = \'free\';\nEND $$;\n',
      findings: [{ line: 3, column: 3, message: "held until the DO block ends, through 1 later statement of the same transaction whose run time grows with a table's size: line 4 (UPDATE accounts)" }],
    },
    {
      name: 'Drizzle: held until the batch of pending migrations commits',
      sql: 'ALTER TABLE "cron_tasks" ADD COLUMN "next_run" timestamp with time zone;--> statement-breakpoint\nCREATE INDEX IF NOT EXISTS "cron_tasks_next_run_idx" ON "cron_tasks" USING btree ("next_run");\n',
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 1, message: 'until Drizzle commits the batch of pending migrations, through 1 later statement' }],
    },
    {
      name: 'dbmate: the section is one transaction',
      sql: '-- migrate:up\nALTER TABLE accounts ALTER COLUMN plan SET DEFAULT \'free\';\nUPDATE accounts SET plan = \'free\' WHERE plan IS NULL;\n',
      scope: TEST_SCOPES.dbmate,
      findings: [{ line: 2, message: 'until dbmate commits the migration' }],
    },
    {
      name: 'Prisma: two existing tables locked in one migration, nothing slow: one note at the second lock',
      sql: '-- AlterTable\nALTER TABLE "Translation" ADD COLUMN     "videoSource" TEXT;\n\n-- AlterTable\nALTER TABLE "User" ADD COLUMN     "avatar" TEXT;\n\n-- AlterTable\nALTER TABLE "Service" ADD COLUMN     "displayMode" TEXT;\n',
      scope: TEST_SCOPES.prisma,
      findings: [
        {
          line: 5,
          message: 'This transaction locks 3 existing tables ACCESS EXCLUSIVE (Translation (line 2), User (line 5), Service (line 8)) and holds every lock until Prisma Migrate commits the migration',
          help: 'Lock one existing table per transaction',
        },
      ],
    },
  ],
});

describe('lock-held-across-work and the change', () => {
  it('a table an earlier new migration of the change created is new here too', async () => {
    await ensureParser();
    const sql = 'BEGIN;\nALTER TABLE plans ADD COLUMN price int;\nUPDATE plans SET price = 0;\nCOMMIT;\n';
    const lint = (newTables: string[]) =>
      lintSource(sourceFromText('m.sql', sql), { postgresVersion: 16, severities: new Map(), context: { newTables: new Set(newTables) } }).findings.filter(
        (f) => f.rule === 'lock-held-across-work',
      );
    expect(lint(['public.plans'])).toEqual([]);
    expect(lint([]).map((f) => f.line)).toEqual([2]);
  });
});

describe('lock-held-across-work defaults', () => {
  it('warns about work under the lock, and only notes several tables locked together', async () => {
    const held = await lintSql('BEGIN;\nALTER TABLE a ADD COLUMN x int;\nUPDATE a SET x = 1;\nCOMMIT;\n');
    expect(held.findings.filter((f) => f.rule === 'lock-held-across-work').map((f) => f.severity)).toEqual(['warning']);
    const several = await lintSql('BEGIN;\nALTER TABLE a ADD COLUMN x int;\nALTER TABLE b ADD COLUMN y int;\nCOMMIT;\n');
    expect(several.findings.filter((f) => f.rule === 'lock-held-across-work').map((f) => f.severity)).toEqual(['info']);
  });
});

describe('lock-held-across-work with the database stage', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  async function check(files: Record<string, string>) {
    root = mkdtempSync(path.join(tmpdir(), 'pgmg-held-'));
    mkdirSync(path.join(root, 'migrations'));
    for (const [name, sql] of Object.entries(files)) writeFileSync(path.join(root, 'migrations', name), sql);
    const report = await runGate({ cwd: root, config: defaultConfig(), databaseUrl: testDatabaseUrl() });
    expect(report.database?.status).toBe('ran');
    return report.migrations.at(-1)!;
  }

  it('the trace confirms the lock held across the backfill: one finding, with what the database saw', async () => {
    const migration = await check({
      '0001_accounts.sql': 'CREATE TABLE accounts (id int PRIMARY KEY, legacy text);\n',
      '0002_plan.sql': "BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE accounts ADD COLUMN plan text;\nUPDATE accounts SET plan = legacy;\nCREATE INDEX accounts_plan ON accounts (plan);\nCOMMIT;\n",
    });
    const atAlter = migration.findings.filter((f) => f.line === 3).map((f) => f.rule);
    expect(atAlter).toEqual(['lock-held-across-work']);
    const [finding] = migration.findings.filter((f) => f.rule === 'lock-held-across-work');
    expect(finding!.message).toContain('line 4 (UPDATE accounts) and line 5 (CREATE INDEX on accounts)');
    expect(finding!.message).toMatch(/Observed in the database stage: ACCESS EXCLUSIVE on accounts from line 3, held while lines 4-5 ran\.$/);
    expect(migration.locks?.find((lock) => lock.line === 3)).toMatchObject({ relation: 'accounts', mode: 'AccessExclusiveLock', heldDuring: { fromLine: 4, toLine: 5, statements: 2 } });
  });

  it('several tables locked in one transaction: the note carries the locks the trace saw held together', async () => {
    const migration = await check({
      '0001_tables.sql': 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n',
      '0002_columns.sql': "SET lock_timeout = '5s';\nBEGIN;\nALTER TABLE a ADD COLUMN x int;\nALTER TABLE b ADD COLUMN y int;\nCOMMIT;\n",
    });
    expect(migration.findings.filter((f) => f.line >= 3).map((f) => [f.line, f.rule, f.severity])).toEqual([[4, 'lock-held-across-work', 'info']]);
    const findings = migration.findings.filter((f) => f.rule === 'lock-held-across-work');
    expect(findings[0]!.message).toContain('Observed in the database stage: ACCESS EXCLUSIVE on b from line 4, with a (locked at line 3) still locked.');
  });

  it('a finding the trace does not bear out stays as the static one', () => {
    const finding = { rule: 'lock-held-across-work', severity: 'warning' as const, risk: 'medium' as const, line: 2, column: 1, message: 'M.', help: 'H.', path: 'm.sql' };
    const note = { ...finding, rule: 'access-exclusive-lock', severity: 'info' as const };
    const lock = { line: 2, statement: 'ALTER TABLE a ADD COLUMN x int', relation: 'a', relationKind: 'table', mode: 'AccessExclusiveLock', blocks: 'reads and writes', rewrite: false };
    expect(confirmHeldLocks([finding, note], [lock])).toEqual([finding, note]);
    expect(confirmHeldLocks([finding, note], [{ ...lock, heldDuring: { fromLine: 3, toLine: 3, statements: 1 } }])).toEqual([
      { ...finding, message: 'M. Observed in the database stage: ACCESS EXCLUSIVE on a from line 2, held while line 3 ran.' },
    ]);
  });
});

describe('lock-held-across-work and lock_timeout', () => {
  it('asks for lock_timeout only where the file has not set it', async () => {
    const help = async (sql: string) => (await lintSql(sql)).findings.filter((f) => f.rule === 'lock-held-across-work').map((f) => f.help);
    const work = 'BEGIN;\nALTER TABLE a ADD COLUMN x int;\nUPDATE a SET x = 1;\nCOMMIT;\n';
    expect(await help(work)).toEqual([expect.stringContaining('commits on its own (with lock_timeout set), backfill')]);
    expect(await help(`SET lock_timeout = '5s';\n${work}`)).toEqual([expect.stringContaining('commits on its own, backfill')]);
    const several = 'BEGIN;\nALTER TABLE a ADD COLUMN x int;\nALTER TABLE b ADD COLUMN y int;\nCOMMIT;\n';
    expect(await help(several)).toEqual([expect.stringContaining('of its own (with lock_timeout set), so that')]);
    expect(await help(`BEGIN;\nSET LOCAL lock_timeout = '5s';\n${several.slice('BEGIN;\n'.length)}`)).toEqual([expect.stringContaining('of its own, so that')]);
  });
});
