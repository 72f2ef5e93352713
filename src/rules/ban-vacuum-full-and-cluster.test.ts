import { testRule } from '../../test/rule-tester.js';

const RULE = 'ban-vacuum-full-and-cluster';

testRule(RULE, {
  valid: [
    { name: 'plain VACUUM and VACUUM ANALYZE take SHARE UPDATE EXCLUSIVE', sql: 'VACUUM framework_docs;\nVACUUM (ANALYZE, VERBOSE) orders;\nVACUUM ANALYZE;' },
    { name: 'VACUUM (FULL false) is no VACUUM FULL', sql: 'VACUUM (FULL false, ANALYZE) orders;' },
    { name: 'ANALYZE alone', sql: 'ANALYZE orders;' },
    {
      name: 'a table created earlier in the file: nobody reads it yet',
      sql: 'CREATE TABLE import_rows (id bigint PRIMARY KEY, payload jsonb);\nINSERT INTO import_rows SELECT id, payload FROM raw_rows;\nCLUSTER import_rows USING import_rows_pkey;\nVACUUM FULL import_rows;',
    },
    { name: 'ALTER TABLE ... CLUSTER ON only marks the index (no rewrite)', sql: 'ALTER TABLE variants CLUSTER ON variants_pkey;' },
    { name: 'a temporary table', sql: 'CREATE TEMP TABLE scratch (id int);\nVACUUM FULL scratch;' },
  ],
  invalid: [
    {
      name: 'a cleanup script: DELETE, then VACUUM FULL to give the space back',
      sql: "-- Remove the NextJS framework docs\nDELETE FROM framework_docs WHERE framework = 'nextjs';\n\n-- Run VACUUM to reclaim space\nVACUUM FULL framework_docs;\n",
      findings: [{ line: 5, column: 13, message: 'VACUUM FULL rewrites existing table framework_docs into a new copy under an ACCESS EXCLUSIVE lock', help: 'the pg_repack extension' }],
    },
    {
      name: 'the option-list form, several tables: one finding naming the existing ones, at the first',
      sql: 'CREATE TABLE staging (id int);\nVACUUM (FULL, ANALYZE) staging, public.orders, order_items;',
      findings: [{ line: 2, column: 33, message: 'existing tables public.orders, order_items' }],
    },
    { name: 'VACUUM FULL of the whole database', sql: 'VACUUM FULL;', findings: [{ line: 1, column: 1, message: 'every table of the database' }] },
    {
      name: 'a Sequel migration\'s CLUSTER ... USING the primary key',
      sql: 'CLUSTER variants USING variants_pkey;',
      findings: [{ line: 1, column: 9, message: 'CLUSTER rewrites existing table variants in index order under an ACCESS EXCLUSIVE lock', help: 'pg_repack --order-by' }],
    },
    { name: 'CLUSTER VERBOSE of a table the table clustered before', sql: 'CLUSTER VERBOSE orders;', findings: [{ line: 1, column: 17 }] },
    { name: 'CLUSTER of every clustered table', sql: '\nCLUSTER;', findings: [{ line: 2, column: 1, message: 'every table of the database that was clustered before' }] },
    {
      name: 'PostgreSQL 19: the help names REPACK (CONCURRENTLY)',
      sql: 'VACUUM FULL orders;',
      postgresVersion: 19,
      findings: [{ line: 1, column: 13, help: 'REPACK (CONCURRENTLY) or the pg_repack extension' }],
    },
  ],
});
