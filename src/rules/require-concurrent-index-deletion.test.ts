import { testRule } from '../../test/rule-tester.js';

testRule('require-concurrent-index-deletion', {
  valid: [
    { sql: 'DROP INDEX CONCURRENTLY users_email_idx;' },
    { sql: 'DROP INDEX CONCURRENTLY IF EXISTS billing.invoices_due_idx;' },
    {
      name: 'index created earlier in the same file',
      sql: 'CREATE INDEX CONCURRENTLY users_tmp_idx ON users (email);\nDROP INDEX users_tmp_idx;',
    },
    {
      name: 'index and table created earlier in the same file, dropped schema-qualified',
      sql: 'CREATE TABLE public.t (id int);\nCREATE INDEX t_id ON t (id);\nDROP INDEX public.t_id;',
    },
    {
      name: 'several indexes, all created earlier in the file',
      sql: 'CREATE TABLE t (a int, b int);\nCREATE INDEX t_a ON t (a);\nCREATE INDEX t_b ON t (b);\nDROP INDEX t_a, t_b;',
    },
    { name: 'other DROP statements', sql: 'DROP VIEW v;\nDROP SEQUENCE s;' },
  ],
  invalid: [
    {
      sql: 'DROP INDEX users_email_idx;',
      findings: [{ line: 1, column: 1, message: 'DROP INDEX users_email_idx without CONCURRENTLY', fix: 'DROP INDEX CONCURRENTLY users_email_idx' }],
    },
    {
      name: 'CASCADE cannot run concurrently: no ready fix',
      sql: 'DROP INDEX users_email_idx CASCADE;',
      findings: [{ line: 1, fix: null }],
    },
    {
      name: 'IF EXISTS and a schema',
      sql: 'SELECT 1;\n  DROP INDEX IF EXISTS billing.invoices_due_idx;',
      findings: [{ line: 2, column: 3, message: 'billing.invoices_due_idx' }],
    },
    {
      name: 'index dropped before the file creates one of that name',
      sql: 'DROP INDEX i;\nCREATE INDEX i ON t (id);',
      findings: [{ line: 1, column: 1 }],
    },
    {
      name: 'same index name in another schema is another index',
      sql: 'CREATE INDEX i ON audit.events (id);\nDROP INDEX i;',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'several indexes: names only those that existed before the file',
      sql: 'CREATE INDEX new_idx ON t (a);\nDROP INDEX new_idx, old_a, old_b;',
      findings: [{ line: 2, column: 1, message: 'indexes old_a, old_b' }],
    },
    {
      name: 'DROP INDEX CONCURRENTLY with several indexes fails in Postgres',
      sql: 'DROP INDEX CONCURRENTLY a, b;',
      findings: [{ line: 1, column: 1, message: 'only one index per concurrent' }],
    },
    {
      name: 'DROP INDEX CONCURRENTLY ... CASCADE fails in Postgres',
      sql: 'DROP INDEX CONCURRENTLY a CASCADE;',
      findings: [{ line: 1, column: 1, message: 'CASCADE' }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  DROP INDEX users_email_idx;\nEND $$;',
      findings: [{ line: 3, column: 3 }],
    },
  ],
});
