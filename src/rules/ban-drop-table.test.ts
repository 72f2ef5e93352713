import { testRule } from '../../test/rule-tester.js';

testRule('ban-drop-table', {
  valid: [
    { name: 'DROP INDEX is not DROP TABLE', sql: 'DROP INDEX CONCURRENTLY users_email_idx;' },
    { name: 'DROP VIEW is not DROP TABLE', sql: 'DROP VIEW active_users;' },
    { name: 'DROP FOREIGN TABLE holds no local data', sql: 'DROP FOREIGN TABLE remote_users;' },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE staging_users (id int);\nINSERT INTO staging_users SELECT id FROM users;\nDROP TABLE staging_users;',
    },
    {
      name: 'schema-qualified drop of a table created unqualified',
      sql: 'CREATE TABLE tmp_import (id int);\nDROP TABLE IF EXISTS public.tmp_import CASCADE;',
    },
    { name: 'temporary table', sql: 'CREATE TEMP TABLE scratch (id int);\nDROP TABLE scratch;' },
    { name: 'created with CREATE TABLE AS', sql: 'CREATE TABLE backup AS SELECT * FROM users;\nDROP TABLE backup;' },
    {
      name: 'created and renamed in the same file',
      sql: 'CREATE TABLE a (id int);\nALTER TABLE a RENAME TO b;\nDROP TABLE b;',
    },
  ],
  invalid: [
    {
      sql: 'DROP TABLE users;',
      findings: [{ line: 1, column: 1, message: 'existing table users and every row in it' }],
    },
    {
      name: 'multi-line, not on line 1',
      sql: '-- remove the legacy table\nSELECT 1;\n\n  DROP TABLE IF EXISTS\n    legacy_orders CASCADE;',
      findings: [{ line: 4, column: 3, message: 'legacy_orders' }],
    },
    {
      name: 'one finding per statement, naming only the existing tables',
      sql: 'CREATE TABLE tmp (id int);\nDROP TABLE tmp, orders, billing.invoices;',
      findings: [{ line: 2, column: 1, message: 'existing tables orders, billing.invoices and every row in them' }],
    },
    {
      name: 'dropped before it is created in the file',
      sql: 'DROP TABLE IF EXISTS t;\nCREATE TABLE t (id int);',
      findings: [{ line: 1, column: 1 }],
    },
    {
      name: 'same name in another schema is another table',
      sql: 'CREATE TABLE audit.events (id int);\nDROP TABLE events;',
      findings: [{ line: 2, column: 1, message: 'events' }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  DROP TABLE accounts;\nEND $$;',
      findings: [{ line: 3, column: 3, message: 'accounts' }],
    },
  ],
});
