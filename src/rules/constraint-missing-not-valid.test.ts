import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { withConnection } from '../db/connect.js';
import { withScratchDatabase } from '../db/scratch.js';
import { lintSource } from '../lint/lint-file.js';
import { ensureParser } from '../sql/parse.js';
import { sourceFromText } from '../sql/source.js';
import { testDatabaseUrl } from '../../test/db/postgres.js';
import { testRule } from '../../test/rule-tester.js';
import { TEST_SCOPES } from '../../test/lint-helpers.js';

testRule('constraint-missing-not-valid', {
  valid: [
    { sql: 'ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID;' },
    { sql: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;' },
    {
      name: 'NOT VALID, then VALIDATE after a COMMIT',
      sql: 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT c;',
    },
    {
      name: 'NOT VALID, then VALIDATE: each statement is its own transaction without BEGIN',
      sql: 'ALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;',
    },
    {
      name: 'VALIDATE of a constraint added by an earlier migration',
      sql: 'BEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT c;\nCOMMIT;',
    },
    {
      name: 'VALIDATE of another constraint than the one added in the transaction',
      sql: 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT d;\nCOMMIT;',
    },
    {
      name: 'same constraint name on another table',
      sql: 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID;\nALTER TABLE invoices VALIDATE CONSTRAINT c;\nCOMMIT;',
    },
    {
      name: 'a wrapping runner, but the file commits before validating',
      sql: 'ALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT c;',
      scope: TEST_SCOPES.flyway,
    },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE orders (id int, amount int, customer_id int);\nALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0);\nALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);',
    },
    {
      name: 'table created earlier in the same file: NOT VALID and VALIDATE in one transaction',
      sql: 'BEGIN;\nCREATE TABLE orders (amount int);\nALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;\nCOMMIT;',
    },
    {
      name: 'inline REFERENCES on a new column without DEFAULT: every row is NULL, Postgres skips the check',
      sql: 'ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id);',
    },
    {
      name: 'the recipe for a new column with a foreign key: ADD COLUMN, then ADD CONSTRAINT ... NOT VALID, then VALIDATE',
      sql: 'ALTER TABLE orders ADD COLUMN region_id int DEFAULT 1;\nALTER TABLE orders ADD CONSTRAINT orders_region_fk FOREIGN KEY (region_id) REFERENCES regions (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_region_fk;',
    },
    {
      name: 'inline REFERENCES with a DEFAULT on a table created earlier in the file',
      sql: 'CREATE TABLE orders (id bigint);\nALTER TABLE orders ADD COLUMN region_id int DEFAULT 1 REFERENCES regions (id);',
    },
    { name: 'UNIQUE is another rule', sql: 'ALTER TABLE orders ADD CONSTRAINT u UNIQUE (code);' },
    { name: 'NOT ENFORCED (Postgres 18) checks nothing', sql: 'ALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT ENFORCED;' },
    { name: 'temporary table', sql: 'CREATE TEMP TABLE scratch (a int);\nALTER TABLE scratch ADD CHECK (a > 0);' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0);',
      findings: [
        {
          line: 1,
          column: 24,
          message: 'Adding CHECK constraint amount_positive to existing table orders',
          fix: 'ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID',
          suggestion: { startLine: 1, endLine: 1, text: 'ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID;' },
          end: { line: 1, column: 69 },
        },
      ],
    },
    {
      name: 'a foreign key over two lines: the fix replaces both, after the last token and before the comment',
      sql: 'ALTER TABLE orders\n  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) -- the owner\n;',
      findings: [
        {
          line: 2,
          column: 7,
          message: 'SHARE ROW EXCLUSIVE locks on orders and customers',
          fix: 'ALTER TABLE orders\n  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID -- the owner\n',
          suggestion: {
            startLine: 1,
            endLine: 2,
            text: 'ALTER TABLE orders\n  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID -- the owner',
          },
          end: { line: 2, column: 88 },
        },
      ],
    },
    {
      name: 'ON DELETE and DEFERRABLE stay before NOT VALID; a quoted Prisma name keeps its case',
      sql: 'ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE DEFERRABLE;',
      findings: [
        {
          line: 1,
          fix: 'ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE DEFERRABLE NOT VALID',
        },
      ],
    },
    {
      name: 'unnamed CHECK',
      sql: 'ALTER TABLE billing.orders ADD CHECK (amount > 0);',
      findings: [{ line: 1, column: 32, message: 'a CHECK constraint to existing table billing.orders', fix: 'ALTER TABLE billing.orders ADD CHECK (amount > 0) NOT VALID' }],
    },
    {
      name: 'each constraint of a multi-command ALTER TABLE, NOT VALID ones excepted; no fix (NOT VALID would not end the clause)',
      sql: 'ALTER TABLE orders\n  ADD CONSTRAINT a CHECK (x > 0) NOT VALID,\n  ADD CONSTRAINT b CHECK (y > 0),\n  ADD CONSTRAINT c FOREIGN KEY (z) REFERENCES z (id);',
      findings: [
        { line: 3, column: 7, fix: null },
        { line: 4, column: 7, fix: null },
      ],
    },
    {
      name: 'inline CHECK on a new column: no mechanical fix',
      sql: "ALTER TABLE orders ADD COLUMN status text CHECK (status IN ('open', 'paid'));",
      findings: [{ line: 1, column: 43, message: 'ADD COLUMN status with an inline CHECK', fix: null }],
    },
    {
      name: 'inline REFERENCES on a new column with a DEFAULT',
      sql: 'ALTER TABLE orders ADD COLUMN region_id int DEFAULT 1 REFERENCES regions (id);',
      findings: [{ line: 1, column: 55, message: 'REFERENCES regions' }],
    },
    {
      name: 'inline REFERENCES on a new generated column: its expression fills every row, which is checked',
      sql: 'ALTER TABLE orders\n  ADD COLUMN region_id int GENERATED ALWAYS AS (customer_id % 10) STORED REFERENCES regions (id);',
      findings: [{ line: 2, column: 74, message: 'with a generated value (GENERATED ALWAYS AS ... STORED) and REFERENCES regions' }],
    },
    {
      name: 'inline REFERENCES with a DEFAULT in a Prisma migration',
      sql: '-- AlterTable\nALTER TABLE "Order" ADD COLUMN "regionId" INTEGER NOT NULL DEFAULT 1 REFERENCES "Region"("id");',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 2, column: 70, message: 'SHARE ROW EXCLUSIVE lock on Region' }],
    },
    {
      name: 'VALIDATE in the transaction that added the constraint',
      sql: 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;\nCOMMIT;',
      findings: [{ line: 3, column: 1, message: 'VALIDATE CONSTRAINT c runs in the same transaction' }],
    },
    {
      name: 'VALIDATE in the same ALTER TABLE statement',
      sql: 'ALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID, VALIDATE CONSTRAINT c;',
      findings: [{ line: 1, column: 1 }],
    },
    {
      name: 'VALIDATE in the same file, which a wrapping runner (Prisma) runs as one transaction',
      sql: 'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk;',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'VALIDATE in the same DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE orders ADD CONSTRAINT c CHECK (amount > 0) NOT VALID;\n  ALTER TABLE orders VALIDATE CONSTRAINT c;\nEND $$;',
      findings: [{ line: 4, column: 3 }],
    },
    {
      name: 'table created in the file is a different schema\'s table',
      sql: 'CREATE TABLE audit.orders (amount int);\nALTER TABLE orders ADD CHECK (amount > 0);',
      findings: [{ line: 2, column: 24 }],
    },
  ],
});

describe('constraint-missing-not-valid and the change', () => {
  it('inline REFERENCES with a DEFAULT on a table an earlier new migration of the change created is not reported', async () => {
    await ensureParser();
    const sql = 'ALTER TABLE invoices ADD COLUMN currency_id int NOT NULL DEFAULT 1 REFERENCES currencies (id);\n';
    const lint = (newTables: string[]) =>
      lintSource(sourceFromText('migrations/0003_invoice_currency.sql', sql), { postgresVersion: 16, severities: new Map(), context: { newTables: new Set(newTables) } })
        .findings.filter((f) => f.rule === 'constraint-missing-not-valid')
        .map((f) => `${f.line}:${f.column}`);
    expect(lint(['public.invoices'])).toEqual([]);
    expect(lint([])).toEqual(['1:68']);
  });
});

// What the rule's inline-REFERENCES cases rest on, on the test server: a foreign key on a new column
// is checked against the rows only when an expression fills them (pg_stat_xact_user_tables counts
// the scans of the open transaction).
describe('on PostgreSQL', () => {
  const scansOf = async (client: pg.Client, statement: string): Promise<number> => {
    await client.query('BEGIN');
    try {
      const count = async (): Promise<number> =>
        (await client.query<{ n: number }>("SELECT coalesce(max(seq_scan), 0)::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'orders'")).rows[0]!.n;
      const before = await count();
      await client.query(statement);
      return (await count()) - before;
    } finally {
      await client.query('ROLLBACK');
    }
  };

  it('scans the rows for a DEFAULT or a generated value, not for a column that starts NULL', async () => {
    await withScratchDatabase(testDatabaseUrl(), async (database) => {
      await withConnection(database.url, async (client) => {
        await client.query('CREATE TABLE regions (id int PRIMARY KEY); INSERT INTO regions SELECT g FROM generate_series(0, 9) g');
        await client.query('CREATE TABLE orders (id bigint); INSERT INTO orders SELECT g FROM generate_series(1, 50) g');
        expect(await scansOf(client, 'ALTER TABLE orders ADD COLUMN region_id int REFERENCES regions (id)')).toBe(0);
        expect(await scansOf(client, 'ALTER TABLE orders ADD COLUMN region_id int DEFAULT 1 REFERENCES regions (id)')).toBe(1);
        // One scan rewrites the table to store the values, one checks them.
        expect(await scansOf(client, 'ALTER TABLE orders ADD COLUMN region_id int GENERATED ALWAYS AS (id % 10) STORED REFERENCES regions (id)')).toBe(2);
      });
    });
  });
});
