// Table tests for one file, then `check --base` of a branch whose first new migration creates the
// table: "existing" means existing before the branch's first new migration.

import { afterEach, describe, expect, it } from 'vitest';
import { TEST_SCOPES } from '../../test/lint-helpers.js';
import { PrRepo } from '../../test/pr-repo.js';
import { testRule } from '../../test/rule-tester.js';

const RULE = 'ban-drop-primary-key';

// Prisma's migration for a model whose id changes type: the key is dropped and added again in one statement.
const PRISMA_REKEY = `-- AlterTable
ALTER TABLE "public"."Category" DROP CONSTRAINT "Category_pkey",
DROP COLUMN "description",
ADD COLUMN     "englishDescription" TEXT NOT NULL,
DROP COLUMN "id",
ADD COLUMN     "id" SERIAL NOT NULL,
ADD CONSTRAINT "Category_pkey" PRIMARY KEY ("id");
`;

testRule(RULE, {
  valid: [
    { name: 'Prisma drops and adds the key in one statement: never without one', sql: PRISMA_REKEY, scope: TEST_SCOPES.prisma },
    {
      name: 'the swap recipe: a unique index built concurrently, then DROP and ADD ... USING INDEX in one statement',
      sql: 'CREATE UNIQUE INDEX CONCURRENTLY orders_id_bigint_key ON orders (id_bigint);\nALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_bigint_key;',
    },
    {
      name: 'dropped and added in two statements of one transaction',
      sql: 'BEGIN;\nALTER TABLE orders DROP CONSTRAINT orders_pkey;\nALTER TABLE orders ADD PRIMARY KEY USING INDEX orders_id_bigint_key;\nCOMMIT;',
    },
    { name: 'dbmate wraps the migration: two statements are one transaction', sql: '-- migrate:up\nALTER TABLE orders DROP CONSTRAINT orders_pkey;\nALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id, region);\n', scope: TEST_SCOPES.dbmate },
    { name: 'other constraints: a foreign key, a unique key, a CHECK', sql: 'ALTER TABLE "Product" DROP CONSTRAINT "Product_categoryId_fkey";\nALTER TABLE users DROP CONSTRAINT users_email_key;\nALTER TABLE orders DROP CONSTRAINT orders_total_check;' },
    { name: 'a table created earlier in the file', sql: 'CREATE TABLE imports (id bigint PRIMARY KEY, payload jsonb);\nALTER TABLE imports DROP CONSTRAINT imports_pkey;' },
    { name: 'a key the file itself added moments ago', sql: 'ALTER TABLE audit_log ADD CONSTRAINT audit_log_tmp_pk PRIMARY KEY (id);\nALTER TABLE audit_log DROP CONSTRAINT audit_log_tmp_pk;' },
    { name: 'dropping a unique index that is not the replica identity', sql: 'DROP INDEX CONCURRENTLY users_email_idx;' },
    {
      name: 'the replica identity moved to another index first, or dropped before it was set',
      sql: 'DROP INDEX CONCURRENTLY events_id_key;\nALTER TABLE events REPLICA IDENTITY USING INDEX events_uuid_key;\nALTER TABLE events REPLICA IDENTITY USING INDEX events_id_key;\nDROP INDEX CONCURRENTLY events_uuid_key;\nALTER TABLE events REPLICA IDENTITY FULL;\nDROP INDEX CONCURRENTLY events_id_key;',
    },
  ],
  invalid: [
    {
      name: 'Postgres\'s own name: <table>_pkey',
      sql: 'ALTER TABLE orders DROP CONSTRAINT orders_pkey;',
      findings: [{ line: 1, column: 1, message: 'Dropping primary key orders_pkey of existing table orders leaves it without a replica identity', help: 'ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX <new index>' }],
    },
    {
      name: 'Drizzle\'s composite key name, IF EXISTS',
      sql: 'ALTER TABLE "users_to_groups" DROP CONSTRAINT IF EXISTS "users_to_groups_user_id_group_id_pk";--> statement-breakpoint\nALTER TABLE "users_to_groups" ADD COLUMN "id" serial;',
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 1, column: 1, message: 'primary key users_to_groups_user_id_group_id_pk', help: "end the migrator's transaction first" }],
    },
    { name: 'Entity Framework\'s PK_ prefix', sql: 'ALTER TABLE "Users" DROP CONSTRAINT "PK_Users";', findings: [{ line: 1, column: 1 }] },
    {
      name: 'dropped, then added in a later transaction: a moment without a key',
      sql: 'ALTER TABLE orders DROP CONSTRAINT orders_pkey;\nALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id, region);',
      findings: [{ line: 1, column: 1 }],
    },
    {
      name: 'added before it is dropped does not replace it (a second key is refused anyway)',
      sql: '\n\nBEGIN;\nALTER TABLE orders DROP CONSTRAINT orders_pkey;\nCOMMIT;\nALTER TABLE orders ADD PRIMARY KEY (id);',
      findings: [{ line: 4, column: 1 }],
    },
    {
      name: 'the replica identity index, dropped with DROP INDEX or as a constraint',
      sql: 'ALTER TABLE events REPLICA IDENTITY USING INDEX events_uuid_key;\nDROP INDEX events_uuid_key;\nALTER TABLE accounts REPLICA IDENTITY USING INDEX accounts_number_key;\nALTER TABLE accounts DROP CONSTRAINT accounts_number_key;',
      findings: [
        { line: 2, column: 1, message: 'Dropping index events_uuid_key, which REPLICA IDENTITY USING INDEX made the replica identity of existing table events' },
        { line: 4, column: 1, message: 'constraint accounts_number_key' },
      ],
    },
  ],
});

describe(`${RULE}: check --base`, () => {
  let repo: PrRepo | undefined;
  afterEach(() => repo?.remove());
  const BASE = { 'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n' };
  const DROP = 'ALTER TABLE imports DROP CONSTRAINT imports_pkey;\nALTER TABLE imports ADD COLUMN id_new bigint;\n';

  const ruleFindings = async () => (await repo!.check()).report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === RULE).map((f) => `${m.path}:${f.line}`));

  it('stays silent for a table an earlier new migration of the branch creates', async () => {
    repo = new PrRepo(BASE).change({ write: { 'migrations/0002_imports.sql': 'CREATE TABLE imports (id bigint PRIMARY KEY, payload jsonb);\n', 'migrations/0003_rekey_imports.sql': DROP } });
    expect(await ruleFindings()).toEqual([]);
  });

  it('reports the same migration when the table was merged before', async () => {
    repo = new PrRepo({ ...BASE, 'migrations/0002_imports.sql': 'CREATE TABLE imports (id bigint PRIMARY KEY, payload jsonb);\n' }).change({ write: { 'migrations/0003_rekey_imports.sql': DROP } });
    expect(await ruleFindings()).toEqual(['migrations/0003_rekey_imports.sql:1']);
  });
});
