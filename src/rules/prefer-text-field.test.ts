import { testRule } from '../../test/rule-tester.js';

testRule('prefer-text-field', {
  valid: [
    { sql: 'CREATE TABLE users (\n  email text NOT NULL CHECK (char_length(email) <= 320)\n);' },
    { name: 'varchar without a length', sql: 'CREATE TABLE users (\n  email varchar,\n  name character varying\n);' },
    { name: 'char(n) is ban-char-field, not this rule', sql: 'CREATE TABLE t (\n  code char(2)\n);' },
    { name: 'a user type named varchar', sql: 'CREATE TABLE t (\n  code app.varchar(3)\n);' },
    { name: 'changing a column to text', sql: 'ALTER TABLE users ALTER COLUMN email TYPE text;' },
    { name: 'a cast in a query is not a column', sql: "SELECT 'x'::varchar(10);" },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE users (\n  id bigint,\n  email varchar(255) NOT NULL\n);',
      findings: [{ line: 3, column: 3, message: 'Column email of users is varchar(255)' }],
    },
    {
      name: 'character varying(n)',
      sql: 'CREATE TABLE "Account" (\n  "name" character varying(100)\n);',
      findings: [{ line: 2, column: 3, message: 'Account' }],
    },
    {
      name: 'array of varchar(n)',
      sql: 'CREATE TABLE t (\n  tags varchar(20)[]\n);',
      findings: [{ line: 2, column: 3 }],
    },
    {
      name: 'ADD COLUMN',
      sql: 'ALTER TABLE users\n  ADD COLUMN IF NOT EXISTS nickname varchar(40);',
      findings: [{ line: 2, column: 28, message: 'varchar(40)' }],
    },
    {
      name: 'ALTER COLUMN TYPE to a new limit',
      sql: 'ALTER TABLE users\n  ALTER COLUMN email TYPE varchar(320);',
      findings: [{ line: 2, column: 16, message: 'varchar(320)' }],
    },
  ],
});
