import { testRule } from '../../test/rule-tester.js';

testRule('ban-truncate', {
  valid: [
    { name: 'DELETE with WHERE is not TRUNCATE', sql: 'DELETE FROM sessions WHERE expires_at < now();' },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE import_batch (id int);\nINSERT INTO import_batch VALUES (1);\nTRUNCATE import_batch;',
    },
    { name: 'temporary table', sql: 'CREATE TEMP TABLE scratch (id int);\nTRUNCATE TABLE scratch;' },
  ],
  invalid: [
    {
      sql: 'TRUNCATE sessions;',
      findings: [{ line: 1, column: 10, message: 'every row of existing table sessions' }],
    },
    {
      name: 'points at the name of the first existing table (after ONLY); multi-line, not on line 1',
      sql: 'CREATE TABLE tmp (id int);\n\nTRUNCATE TABLE\n  tmp,\n  ONLY audit.events,\n  orders;',
      findings: [{ line: 5, column: 8, message: 'existing tables audit.events, orders' }],
    },
    {
      name: 'CASCADE is named in the message',
      sql: 'TRUNCATE customers RESTART IDENTITY CASCADE;',
      findings: [{ line: 1, column: 10, message: 'CASCADE permanently deletes every row of existing table customers' }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  TRUNCATE accounts;\nEND $$;',
      findings: [{ line: 3, column: 12, message: 'accounts' }],
    },
  ],
});
