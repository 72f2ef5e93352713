import { testRule } from '../../test/rule-tester.js';

testRule('ban-char-field', {
  valid: [
    { sql: 'CREATE TABLE countries (\n  code text NOT NULL CHECK (char_length(code) = 2)\n);' },
    { sql: 'CREATE TABLE countries (\n  code varchar(2),\n  name character varying\n);' },
    { name: 'the internal one-byte "char" type', sql: 'CREATE TABLE flags (\n  kind "char" NOT NULL\n);' },
    { name: 'pg_catalog."char" spelled out', sql: 'CREATE TABLE flags (\n  kind pg_catalog."char"\n);' },
    { name: 'a user type named bpchar', sql: 'CREATE TABLE t (\n  code app.bpchar\n);' },
    { name: 'a cast in a query is not a column', sql: "SELECT 'a'::char(3);" },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE countries (\n  id bigint,\n  code char(2) NOT NULL\n);',
      findings: [{ line: 3, column: 3, message: 'Column code of countries is character(2)' }],
    },
    {
      name: 'character without a length is character(1)',
      sql: 'CREATE TABLE t (\n  flag character,\n  code nchar(3)\n);',
      findings: [
        { line: 2, column: 3, message: 'character(1)' },
        { line: 3, column: 3, message: 'character(3)' },
      ],
    },
    {
      name: 'bpchar by its internal name',
      sql: 'CREATE TABLE t (\n  code bpchar\n);',
      findings: [{ line: 2, column: 3, message: 'is bpchar' }],
    },
    {
      name: 'ADD COLUMN',
      sql: 'ALTER TABLE users\n  ADD COLUMN country CHAR(2);',
      findings: [{ line: 2, column: 14, message: 'country of users' }],
    },
    {
      name: 'ALTER COLUMN TYPE',
      sql: 'ALTER TABLE users\n  ALTER COLUMN country TYPE character(3);',
      findings: [{ line: 2, column: 16 }],
    },
  ],
});
