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
