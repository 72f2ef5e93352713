import { testRule } from '../../test/rule-tester.js';

testRule('adding-required-field', {
  valid: [
    { sql: 'ALTER TABLE users ADD COLUMN plan text;' },
    { sql: "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';" },
    { name: 'DEFAULT before NOT NULL', sql: 'ALTER TABLE users ADD COLUMN score int DEFAULT 0 NOT NULL;' },
    { name: 'identity fills existing rows', sql: 'ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY NOT NULL;' },
    { name: 'serial fills existing rows', sql: 'ALTER TABLE users ADD COLUMN n bigserial NOT NULL;' },
    { name: 'stored generated column', sql: 'ALTER TABLE users ADD COLUMN total int NOT NULL GENERATED ALWAYS AS (a + b) STORED;' },
    { name: 'explicit NULL constraint', sql: 'ALTER TABLE users ADD COLUMN plan text NULL;' },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN plan text NOT NULL;',
    },
    { name: 'NOT NULL in CREATE TABLE', sql: 'CREATE TABLE users (id int NOT NULL, plan text NOT NULL);' },
    { name: 'SET NOT NULL is another rule', sql: 'ALTER TABLE users ALTER COLUMN plan SET NOT NULL;' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ADD COLUMN plan text NOT NULL;',
      findings: [{ line: 1, column: 40, message: 'ADD COLUMN plan NOT NULL without a DEFAULT fails on existing table users' }],
    },
    {
      name: 'DEFAULT NULL is no default',
      sql: 'ALTER TABLE users ADD COLUMN plan text DEFAULT NULL NOT NULL;',
      findings: [{ line: 1, column: 53 }],
    },
    {
      name: 'DEFAULT NULL::text is no default either',
      sql: 'ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT NULL::text;',
      findings: [{ line: 1, column: 40 }],
    },
    {
      name: 'inline PRIMARY KEY implies NOT NULL',
      sql: 'ALTER TABLE users ADD COLUMN id bigint PRIMARY KEY;',
      findings: [{ line: 1, column: 40, message: 'ADD COLUMN id PRIMARY KEY' }],
    },
    {
      name: 'a serial array is not serial',
      sql: 'ALTER TABLE users ADD COLUMN tags integer[] NOT NULL;',
      findings: [{ line: 1, column: 45 }],
    },
    {
      name: 'several columns in one statement',
      sql: 'ALTER TABLE billing.users\n  ADD COLUMN a int NOT NULL,\n  ADD COLUMN b int NOT NULL DEFAULT 0,\n  ADD COLUMN c int NOT NULL;',
      findings: [
        { line: 2, column: 20, message: 'existing table billing.users' },
        { line: 4, column: 20 },
      ],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE users ADD COLUMN plan text NOT NULL;\nEND $$;',
      findings: [{ line: 3, column: 42 }],
    },
  ],
});
