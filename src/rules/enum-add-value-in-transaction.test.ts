// Table tests for one file, then Drizzle's batch across files (`lint` of a directory, and `check`
// of a branch in a git repository, where only the new migrations are pending together).

import { afterEach, describe, expect, it } from 'vitest';
import { lintDirectories, TEST_SCOPES } from '../../test/lint-helpers.js';
import { PrRepo } from '../../test/pr-repo.js';
import { testRule } from '../../test/rule-tester.js';

const RULE = 'enum-add-value-in-transaction';
const ADD_REFUNDED = 'ALTER TYPE order_status ADD VALUE \'refunded\';';

testRule(RULE, {
  valid: [
    { name: 'outside a transaction the value commits at once', sql: `${ADD_REFUNDED}\nUPDATE orders SET status = 'refunded' WHERE id = 1;` },
    { name: 'used after COMMIT', sql: `BEGIN;\n${ADD_REFUNDED}\nCOMMIT;\nUPDATE orders SET status = 'refunded' WHERE id = 1;` },
    { name: 'COMMIT AND CHAIN commits too', sql: `BEGIN;\n${ADD_REFUNDED}\nCOMMIT AND CHAIN;\nSELECT 'refunded'::order_status;\nCOMMIT;` },
    { name: 'another label', sql: `BEGIN;\n${ADD_REFUNDED}\nUPDATE orders SET status = 'paid' WHERE id = 1;\nCOMMIT;` },
    { name: 'a literal that only contains the label', sql: `BEGIN;\n${ADD_REFUNDED}\nUPDATE orders SET note = 'refunded by support' WHERE id = 1;\nCOMMIT;` },
    { name: 'the label cast to text', sql: `BEGIN;\n${ADD_REFUNDED}\nSELECT 'refunded'::text;\nCOMMIT;` },
    { name: 'the label cast to another enum type', sql: `BEGIN;\nALTER TYPE order_status ADD VALUE 'active';\nSELECT 'active'::user_status;\nCOMMIT;` },
    { name: 'an array literal of other labels, or cast to text[]', sql: `BEGIN;\n${ADD_REFUNDED}\nSELECT '{paid,shipped}'::order_status[], '{refunded}'::text[];\nCOMMIT;` },
    { name: 'a text[] column whose DEFAULT holds the label', sql: `BEGIN;\n${ADD_REFUNDED}\nCREATE TABLE refund_notes (labels text[] DEFAULT '{refunded}');\nCOMMIT;` },
    { name: 'a DEFAULT on a text column', sql: `BEGIN;\n${ADD_REFUNDED}\nALTER TABLE orders ADD COLUMN last_event text DEFAULT 'refunded' CHECK (last_event <> '');\nCOMMIT;` },
    { name: 'COMMENT, ADD VALUE ... AFTER and RENAME VALUE do not use the value', sql: `BEGIN;\n${ADD_REFUNDED}\nCOMMENT ON TYPE order_status IS 'refunded';\nALTER TYPE order_status ADD VALUE 'chargeback' AFTER 'refunded';\nALTER TYPE order_status RENAME VALUE 'chargeback' TO 'disputed';\nCOMMIT;` },
    {
      name: 'a PL/pgSQL body runs only when called, after the commit',
      sql: `BEGIN;\n${ADD_REFUNDED}\nCREATE FUNCTION refund(order_id bigint) RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE orders SET status = 'refunded'::order_status WHERE id = order_id;\nEND $$;\nCOMMIT;`,
    },
    { name: 'a DO block is its own transaction: a later statement sees the value committed', sql: `DO $$ BEGIN\n  ALTER TYPE order_status ADD VALUE 'refunded';\nEND $$;\nUPDATE orders SET status = 'refunded' WHERE id = 1;` },
    { name: 'ROLLBACK takes the value away (using it then is another error)', sql: `BEGIN;\n${ADD_REFUNDED}\nROLLBACK;\nSELECT 1;` },
    {
      name: 'Drizzle: COMMIT and a breakpoint right after the ADD VALUE',
      sql: 'ALTER TYPE "public"."order_status" ADD VALUE \'refunded\';--> statement-breakpoint\nCOMMIT;--> statement-breakpoint\nALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT \'refunded\';',
      scope: TEST_SCOPES.drizzle,
    },
    { name: 'Prisma: one ADD VALUE alone in its migration', sql: '-- AlterEnum\nALTER TYPE "Role" ADD VALUE \'ADMIN\';\n', scope: TEST_SCOPES.prisma },
    {
      name: 'Postgres 17: a value added to a type created in the same transaction is usable',
      sql: "BEGIN;\nCREATE TYPE ticket_state AS ENUM ('open');\nALTER TYPE ticket_state ADD VALUE 'closed';\nCREATE TABLE tickets (state ticket_state DEFAULT 'closed');\nCOMMIT;",
      postgresVersion: 17,
    },
    { name: 'Postgres 11: ADD VALUE outside a transaction', sql: ADD_REFUNDED, postgresVersion: 11 },
    { name: 'Postgres 11: ADD VALUE to a type created in the same transaction', sql: "BEGIN;\nCREATE TYPE ticket_state AS ENUM ('open');\nALTER TYPE ticket_state ADD VALUE 'closed';\nCOMMIT;", postgresVersion: 11 },
    { name: 'Postgres 11, Prisma: one ADD VALUE alone runs without a transaction', sql: '-- AlterEnum\nALTER TYPE "Role" ADD VALUE \'ADMIN\';\n', scope: TEST_SCOPES.prisma, postgresVersion: 11 },
    { name: 'Postgres 11, Flyway runs a migration with ADD VALUE outside its transaction', sql: `${ADD_REFUNDED}\nUPDATE orders SET status = 'refunded' WHERE id = 1;`, scope: TEST_SCOPES.flyway, postgresVersion: 11 },
  ],
  invalid: [
    {
      name: 'UPDATE ... SET in the transaction opened by BEGIN',
      sql: `BEGIN;\n${ADD_REFUNDED}\nUPDATE orders SET status = 'refunded' WHERE id = 1;\nCOMMIT;`,
      findings: [{ line: 3, column: 28, message: "'refunded' is added to enum order_status earlier in the transaction opened by BEGIN" }],
    },
    {
      name: 'a cast, also through text, and WHERE in DELETE',
      sql: `BEGIN;\nALTER TYPE "public"."order_status" ADD VALUE 'refunded';\nSELECT 'refunded'::text::public.order_status;\nDELETE FROM orders WHERE status = CAST('refunded' AS order_status);\nCOMMIT;`,
      findings: [
        { line: 3, column: 8, message: 'public.order_status' },
        { line: 4, column: 40, message: 'unsafe use of new value' },
      ],
    },
    {
      name: 'INSERT, a CREATE TABLE default, ADD COLUMN default, a CHECK and a partial index',
      sql: `BEGIN;\n${ADD_REFUNDED}\nINSERT INTO orders (id, status) VALUES (1, 'refunded');\nCREATE TABLE refunds (status order_status NOT NULL DEFAULT 'refunded');\nALTER TABLE orders ADD COLUMN previous order_status DEFAULT 'refunded';\nALTER TABLE orders ADD CONSTRAINT not_refunded CHECK (status <> 'refunded') NOT VALID;\nCREATE INDEX orders_refunded ON orders (id) WHERE status = 'refunded';\nCOMMIT;`,
      findings: [{ line: 3, column: 44 }, { line: 4, column: 60 }, { line: 5, column: 61 }, { line: 6, column: 65 }, { line: 7, column: 60 }],
    },
    {
      name: 'array literals: cast to the enum array, an enum array column\'s DEFAULT, a bare array in SET',
      sql: `BEGIN;\n${ADD_REFUNDED}\nSELECT '{paid, "refunded"}'::order_status[];\nCREATE TABLE order_events (states order_status[] NOT NULL DEFAULT '{refunded}');\nUPDATE orders SET past_states = '{ pending , refunded }' WHERE id = 1;\nCOMMIT;`,
      findings: [{ line: 3, column: 8 }, { line: 4, column: 67 }, { line: 5, column: 33 }],
    },
    {
      name: 'LANGUAGE sql bodies are parsed at creation; so are parameter defaults',
      sql: `BEGIN;\n${ADD_REFUNDED}\nCREATE FUNCTION refunded_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE status = 'refunded' $$;\nCREATE FUNCTION is_refunded(s order_status) RETURNS boolean LANGUAGE sql RETURN s = 'refunded';\nCREATE FUNCTION mark(s order_status DEFAULT 'refunded') RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$;\nCOMMIT;`,
      findings: [{ line: 3, column: 1 }, { line: 4, column: 85 }, { line: 5, column: 45 }],
    },
    {
      name: 'added and used in the same DO block',
      sql: "DO $$\nBEGIN\n  ALTER TYPE order_status ADD VALUE 'refunded';\n  UPDATE orders SET status = 'refunded' WHERE id = 1;\nEND $$;",
      findings: [{ line: 4, column: 30, message: 'earlier in the same DO block' }],
    },
    {
      name: 'Drizzle: the batch transaction, statement breakpoints do not commit',
      sql: 'ALTER TYPE "public"."order_status" ADD VALUE \'refunded\';--> statement-breakpoint\nALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT \'refunded\';',
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 2, column: 56, message: 'Drizzle runs every pending migration in one transaction' }],
    },
    {
      name: 'Prisma sends the whole migration as one query: one transaction',
      sql: '-- AlterEnum\nALTER TYPE "Role" ADD VALUE \'ADMIN\';\n\n-- AlterTable\nALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT \'ADMIN\';\n',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 5, column: 52, message: 'Prisma Migrate runs the whole migration in one transaction' }],
    },
    {
      name: 'Prisma: after a COMMIT the rest of the query is one new implicit transaction',
      sql: `COMMIT;\n${ADD_REFUNDED}\nUPDATE orders SET status = 'refunded' WHERE id = 1;`,
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 3, column: 28, message: 'Prisma Migrate' }],
    },
    { name: 'dbmate wraps each migration', sql: `${ADD_REFUNDED}\nUPDATE orders SET status = 'refunded' WHERE id = 1;`, scope: TEST_SCOPES.dbmate, findings: [{ line: 2, column: 28, message: 'dbmate runs the whole migration' }] },
    { name: 'Flyway wraps each migration from Postgres 12', sql: `${ADD_REFUNDED}\nUPDATE orders SET status = 'refunded' WHERE id = 1;`, scope: TEST_SCOPES.flyway, findings: [{ line: 2, column: 28, message: 'Flyway runs the whole migration' }] },
    {
      name: 'Postgres 16: a type created in the same transaction does not help yet',
      sql: "BEGIN;\nCREATE TYPE ticket_state AS ENUM ('open');\nALTER TYPE ticket_state ADD VALUE 'closed';\nCREATE TABLE tickets (state ticket_state DEFAULT 'closed');\nCOMMIT;",
      findings: [{ line: 4, column: 50 }],
    },
    {
      name: 'Postgres 17: not when the type was created inside a DO block (a subtransaction with EXCEPTION)',
      sql: "BEGIN;\nDO $$ BEGIN\n  CREATE TYPE ticket_state AS ENUM ('open');\nEXCEPTION WHEN duplicate_object THEN null;\nEND $$;\nALTER TYPE ticket_state ADD VALUE 'closed';\nSELECT 'closed'::ticket_state;\nCOMMIT;",
      postgresVersion: 17,
      findings: [{ line: 7, column: 8 }],
    },
    {
      name: 'Postgres 11: inside BEGIN',
      sql: `BEGIN;\n${ADD_REFUNDED}\nCOMMIT;`,
      postgresVersion: 11,
      findings: [{ line: 2, column: 1, message: 'Before Postgres 12, ALTER TYPE ... ADD VALUE fails inside a transaction block' }],
    },
    { name: 'Postgres 11: from a DO block', sql: "DO $$ BEGIN\n  ALTER TYPE order_status ADD VALUE 'refunded';\nEND $$;", postgresVersion: 11, findings: [{ line: 2, column: 3, message: 'a DO block runs as both' }] },
    { name: 'Postgres 11: Drizzle\'s batch', sql: 'ALTER TYPE "public"."order_status" ADD VALUE \'refunded\';', scope: TEST_SCOPES.drizzle, postgresVersion: 11, findings: [{ line: 1, column: 1, message: 'Drizzle runs this statement inside a transaction' }] },
    {
      name: 'Postgres 11: Prisma\'s migration that adds several values (its own comment warns)',
      sql: "-- AlterEnum\n-- This migration adds more than one value to an enum.\n-- With PostgreSQL versions 11 and earlier, this is not possible\n-- in a single migration. This can be worked around by creating\n-- multiple migrations, each migration adding only one value to\n-- the enum.\n\n\nALTER TYPE \"OrderStatus\" ADD VALUE 'PREPARING';\nALTER TYPE \"OrderStatus\" ADD VALUE 'READY';\n",
      scope: TEST_SCOPES.prisma,
      postgresVersion: 11,
      findings: [{ line: 9, column: 1, message: 'Prisma Migrate runs this statement inside a transaction' }, { line: 10, column: 1 }],
    },
    { name: 'Postgres 11, Flyway: the file\'s own BEGIN', sql: `BEGIN;\n${ADD_REFUNDED}\nCOMMIT;`, scope: TEST_SCOPES.flyway, postgresVersion: 11, findings: [{ line: 2, column: 1, message: 'opened by BEGIN' }] },
  ],
});

// drizzle-kit's output for: add 'refunded' to the enum, then (in a later generate) make it the default.
const DRIZZLE_INIT = 'CREATE TYPE "public"."order_status" AS ENUM(\'pending\', \'paid\', \'shipped\');--> statement-breakpoint\nCREATE TABLE "orders" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"status" "order_status" DEFAULT \'pending\' NOT NULL\n);\n';
const DRIZZLE_ADD = 'ALTER TYPE "public"."order_status" ADD VALUE \'refunded\';';
const DRIZZLE_USE = 'ALTER TABLE "orders" ADD COLUMN "refunded_at" timestamp;--> statement-breakpoint\nALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT \'refunded\';';
const TAGS = ['0000_init', '0001_add_refunded', '0002_refund_default'];

describe(`${RULE}: Drizzle runs every pending migration in one transaction (lint of a directory)`, () => {
  const drizzle = (files: Record<string, string>, tags = Object.keys(files).map((name) => name.replace(/\.sql$/, ''))) => ({
    files: Object.fromEntries(Object.entries(files).map(([name, sql]) => [`drizzle/${name}`, sql])),
    drizzleJournals: { drizzle: tags },
  });
  const lintDrizzle = (files: Record<string, string>, postgresVersion = 16) => {
    const { files: written, drizzleJournals } = drizzle(files);
    return lintDirectories(['drizzle'], written, { ruleId: RULE, drizzleJournals, postgresVersion });
  };

  it('reports the use in a later pending migration, naming the file and line that added the value', async () => {
    const findings = await lintDrizzle({ '0001_add_refunded.sql': `-- the refund flow\n${DRIZZLE_ADD}`, '0002_refund_default.sql': DRIZZLE_USE });
    expect(findings.map((f) => [f.path, f.line, f.column])).toEqual([['drizzle/0002_refund_default.sql', 2, 56]]);
    expect(findings[0]!.message).toContain("'refunded' is added to enum public.order_status by drizzle/0001_add_refunded.sql:2");
    expect(findings[0]!.help).toContain('Deploy drizzle/0001_add_refunded.sql on its own before this migration');
  });

  it('carries the value past a migration that does not touch it', async () => {
    const findings = await lintDrizzle({ '0001_add_refunded.sql': DRIZZLE_ADD, '0002_index.sql': 'CREATE INDEX "orders_id_idx" ON "orders" ("id");', '0003_refund_default.sql': DRIZZLE_USE });
    expect(findings.map((f) => [f.path, f.line])).toEqual([['drizzle/0003_refund_default.sql', 2]]);
    expect(findings[0]!.message).toContain('by drizzle/0001_add_refunded.sql:1');
  });

  it('stays silent after an explicit COMMIT: at the end of the adding file, or at the start of the using one', async () => {
    const commitAfterAdd = `${DRIZZLE_ADD}--> statement-breakpoint\nCOMMIT;`;
    expect(await lintDrizzle({ '0001_add_refunded.sql': commitAfterAdd, '0002_refund_default.sql': DRIZZLE_USE })).toEqual([]);
    expect(await lintDrizzle({ '0001_add_refunded.sql': DRIZZLE_ADD, '0002_refund_default.sql': `COMMIT;--> statement-breakpoint\n${DRIZZLE_USE}` })).toEqual([]);
  });

  it('stays silent for another label, or the label cast to text', async () => {
    const other = 'ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT \'paid\';--> statement-breakpoint\nSELECT \'refunded\'::text;';
    expect(await lintDrizzle({ '0001_add_refunded.sql': DRIZZLE_ADD, '0002_other.sql': other })).toEqual([]);
  });

  it('a fresh database runs the type\'s creation in the same batch: fine from Postgres 17, not before', async () => {
    const files = { '0000_init.sql': DRIZZLE_INIT, '0001_add_refunded.sql': DRIZZLE_ADD, '0002_refund_default.sql': DRIZZLE_USE };
    expect(await lintDrizzle(files, 17)).toEqual([]);
    expect((await lintDrizzle(files, 16)).map((f) => [f.path, f.line])).toEqual([['drizzle/0002_refund_default.sql', 2]]);
  });

  it('runners that commit each file do not carry the value to the next file', async () => {
    const prisma = {
      'prisma/migrations/20250101000000_add_refunded/migration.sql': '-- AlterEnum\nALTER TYPE "OrderStatus" ADD VALUE \'REFUNDED\';\n',
      'prisma/migrations/20250102000000_refund_default/migration.sql': '-- AlterTable\nALTER TABLE "Order" ALTER COLUMN "status" SET DEFAULT \'REFUNDED\';\n',
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
    };
    expect(await lintDirectories(['prisma/migrations'], prisma, { ruleId: RULE })).toEqual([]);
  });

  it('two Drizzle directories are two batches', async () => {
    const files = { 'a/0000_add_refunded.sql': DRIZZLE_ADD, 'b/0000_refund_default.sql': DRIZZLE_USE };
    const drizzleJournals = { a: ['0000_add_refunded'], b: ['0000_refund_default'] };
    expect(await lintDirectories(['a', 'b'], files, { ruleId: RULE, drizzleJournals })).toEqual([]);
  });
});

describe(`${RULE}: check --base, Drizzle`, () => {
  let repo: PrRepo | undefined;
  afterEach(() => repo?.remove());
  const journal = (tags: string[]) =>
    JSON.stringify({ version: '7', dialect: 'postgresql', entries: tags.map((tag, idx) => ({ idx, version: '7', when: 1736500000000 + idx * 1000, tag, breakpoints: true })) }, null, 2);
  const base = (files: Record<string, string> = {}) =>
    new PrRepo({ 'migrations/meta/_journal.json': journal(TAGS.slice(0, 1)), 'migrations/0000_init.sql': DRIZZLE_INIT, ...files });

  async function enumFindings() {
    const { report } = await repo!.check();
    return report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === RULE).map((f) => ({ path: m.path, line: f.line, column: f.column, message: f.message })));
  }

  it('reports the use in 0002 of the value 0001 adds, both new in the branch', async () => {
    repo = base().change({ write: { 'migrations/meta/_journal.json': journal(TAGS), 'migrations/0001_add_refunded.sql': DRIZZLE_ADD, 'migrations/0002_refund_default.sql': DRIZZLE_USE } });
    const findings = await enumFindings();
    expect(findings.map((f) => [f.path, f.line, f.column])).toEqual([['migrations/0002_refund_default.sql', 2, 56]]);
    expect(findings[0]!.message).toContain('by migrations/0001_add_refunded.sql:1');
  });

  it('stays silent when the value was added by a migration already merged', async () => {
    repo = base({ 'migrations/meta/_journal.json': journal(TAGS.slice(0, 2)), 'migrations/0001_add_refunded.sql': DRIZZLE_ADD });
    repo.change({ write: { 'migrations/meta/_journal.json': journal(TAGS), 'migrations/0002_refund_default.sql': DRIZZLE_USE } });
    expect(await enumFindings()).toEqual([]);
  });

  it('a merged migration the branch edits does not run again, so it is in no batch with the new one', async () => {
    repo = base({ 'migrations/meta/_journal.json': journal(TAGS.slice(0, 2)), 'migrations/0001_add_refunded.sql': DRIZZLE_ADD });
    repo.change({
      write: {
        'migrations/meta/_journal.json': journal(TAGS),
        'migrations/0001_add_refunded.sql': `-- refunds, see #123\n${DRIZZLE_ADD}`,
        'migrations/0002_refund_default.sql': DRIZZLE_USE,
      },
    });
    expect(await enumFindings()).toEqual([]);
  });
});
