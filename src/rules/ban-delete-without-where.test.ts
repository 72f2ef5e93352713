import { testRule } from '../../test/rule-tester.js';

testRule('ban-delete-without-where', {
  valid: [
    { sql: 'DELETE FROM sessions WHERE expires_at < now();' },
    { name: 'WHERE true is an explicit choice', sql: 'DELETE FROM sessions WHERE true;' },
    { name: 'USING with a join condition', sql: 'DELETE FROM orders o USING customers c WHERE o.customer_id = c.id AND c.deleted;' },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE import_rows (id int);\nINSERT INTO import_rows VALUES (1);\nDELETE FROM import_rows;',
    },
    { name: 'temporary table', sql: 'CREATE TEMP TABLE scratch (id int);\nDELETE FROM scratch;' },
    { name: 'plain EXPLAIN does not run the DELETE', sql: 'EXPLAIN DELETE FROM sessions;' },
    { name: 'EXPLAIN (ANALYZE false) does not run it either', sql: 'EXPLAIN (ANALYZE false, COSTS off) DELETE FROM sessions;' },
    {
      name: 'a DELETE in a function body runs only when called',
      sql: 'CREATE FUNCTION purge() RETURNS void LANGUAGE sql BEGIN ATOMIC DELETE FROM sessions WHERE true; END;',
    },
    { name: 'TRUNCATE is another rule', sql: 'TRUNCATE sessions;' },
  ],
  invalid: [
    {
      sql: 'DELETE FROM sessions;',
      findings: [{ line: 1, column: 1, message: 'every row of existing table sessions' }],
    },
    {
      name: 'multi-line, not on line 1',
      sql: 'SELECT 1;\n\n  DELETE\n    FROM billing.invoices;',
      findings: [{ line: 3, column: 3, message: 'billing.invoices' }],
    },
    {
      name: 'USING without WHERE',
      sql: 'DELETE FROM orders USING customers;',
      findings: [{ line: 1, column: 1, message: 'as soon as customers has a row' }],
    },
    {
      name: 'in a data-modifying CTE: points at the CTE',
      sql: 'WITH\n  gone AS (DELETE FROM events RETURNING *)\nINSERT INTO events_archive SELECT * FROM gone;',
      findings: [{ line: 2, column: 3, message: 'events' }],
    },
    { name: 'EXPLAIN ANALYZE runs the DELETE', sql: 'EXPLAIN ANALYZE DELETE FROM sessions;', findings: [{ line: 1, column: 1 }] },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  DELETE FROM accounts;\nEND $$;',
      findings: [{ line: 3, column: 3, message: 'accounts' }],
    },
    {
      name: 'EXECUTE of a constant string inside a DO block',
      sql: "DO $$\nBEGIN\n  EXECUTE 'DELETE FROM accounts';\nEND $$;",
      findings: [{ line: 3, message: 'accounts' }],
    },
  ],
});
