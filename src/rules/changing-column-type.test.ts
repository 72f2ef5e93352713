import { testRule } from '../../test/rule-tester.js';

testRule('changing-column-type', {
  valid: [
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE users (id int, name varchar(50));\nALTER TABLE users ALTER COLUMN id TYPE bigint, ALTER COLUMN name TYPE text;',
    },
    {
      name: 'table created and renamed earlier in the same file',
      sql: 'CREATE TABLE people (id int);\nALTER TABLE people RENAME TO users;\nALTER TABLE users ALTER COLUMN id TYPE bigint;',
    },
    { name: 'other column changes', sql: 'ALTER TABLE users ALTER COLUMN id SET DEFAULT 0, ALTER COLUMN name SET STATISTICS 500;' },
    { name: 'ALTER TYPE of an enum is not a column type change', sql: "ALTER TYPE mood ADD VALUE 'meh';" },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ALTER COLUMN id TYPE bigint;',
      findings: [{ line: 1, column: 32, message: 'ALTER COLUMN id TYPE bigint on existing table users rewrites the table' }],
    },
    {
      name: 'SET DATA TYPE with USING',
      sql: 'ALTER TABLE billing.invoices\n  ALTER COLUMN amount SET DATA TYPE numeric(12,2) USING amount::numeric;',
      findings: [{ line: 2, column: 16, message: 'TYPE numeric(12,2) on existing table billing.invoices rewrites' }],
    },
    {
      name: 'to text: may rewrite',
      sql: 'ALTER TABLE users ALTER name TYPE text;',
      findings: [{ line: 1, column: 25, message: 'ALTER COLUMN name TYPE text on existing table users may rewrite' }],
    },
    {
      name: 'to varchar(n): may rewrite',
      sql: 'ALTER TABLE users ALTER COLUMN name TYPE varchar(200);',
      findings: [{ line: 1, column: 32, message: 'TYPE varchar(200) on existing table users may rewrite' }],
    },
    {
      name: 'to a text array: rewrites',
      sql: 'ALTER TABLE users ALTER COLUMN tags TYPE text[];',
      findings: [{ line: 1, column: 32, message: 'TYPE text[] on existing table users rewrites' }],
    },
    {
      name: 'a user type named like a built-in',
      sql: 'ALTER TABLE users ALTER COLUMN name TYPE app.text;',
      findings: [{ line: 1, column: 32, message: 'rewrites' }],
    },
    {
      name: 'several columns, one finding each',
      sql: 'ALTER TABLE users\n  ALTER COLUMN id TYPE bigint,\n  ALTER COLUMN active TYPE boolean USING active <> 0;',
      findings: [
        { line: 2, column: 16, message: 'TYPE bigint' },
        { line: 3, column: 16, message: 'TYPE boolean' },
      ],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE users ALTER COLUMN id TYPE bigint;\nEND $$;',
      findings: [{ line: 3, column: 34 }],
    },
  ],
});
