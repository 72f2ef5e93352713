import { testRule } from '../../test/rule-tester.js';

testRule('require-concurrent-reindex', {
  valid: [
    { sql: 'REINDEX INDEX CONCURRENTLY users_email_idx;' },
    { sql: 'REINDEX TABLE CONCURRENTLY users;' },
    { sql: 'REINDEX SCHEMA CONCURRENTLY billing;' },
    { sql: 'REINDEX DATABASE CONCURRENTLY app;' },
    { name: 'option-list form (Postgres 14+)', sql: 'REINDEX (CONCURRENTLY, VERBOSE) TABLE users;' },
    { name: 'CONCURRENTLY did not exist before Postgres 12', sql: 'REINDEX TABLE users;', postgresVersion: 11 },
    { name: 'REINDEX SYSTEM before Postgres 12 as well', sql: 'REINDEX SYSTEM app;', postgresVersion: 11 },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE events (id int);\nCREATE INDEX events_id ON events (id);\nREINDEX TABLE events;',
    },
    {
      name: 'index on a table created earlier in the same file',
      sql: 'CREATE TABLE events (id int);\nCREATE INDEX events_id ON events (id);\nREINDEX INDEX events_id;',
    },
  ],
  invalid: [
    {
      sql: 'REINDEX TABLE users;',
      findings: [{ line: 1, column: 1, message: 'blocks writes to users' }],
    },
    {
      sql: 'REINDEX INDEX billing.invoices_due_idx;',
      findings: [{ line: 1, column: 1, message: 'REINDEX INDEX billing.invoices_due_idx' }],
    },
    { sql: 'REINDEX SCHEMA billing;', findings: [{ line: 1, column: 1, message: 'each table of schema billing' }] },
    { sql: 'REINDEX DATABASE app;', findings: [{ line: 1, column: 1, message: 'REINDEX DATABASE app' }] },
    { sql: 'REINDEX SYSTEM app;', findings: [{ line: 1, column: 1, message: 'cannot run CONCURRENTLY' }] },
    {
      name: 'CONCURRENTLY switched off in the option list',
      sql: 'REINDEX (CONCURRENTLY false) TABLE users;',
      findings: [{ line: 1, column: 1 }],
    },
    {
      name: 'Postgres 12 is the first version with CONCURRENTLY',
      sql: 'SELECT 1;\nREINDEX TABLE users;',
      postgresVersion: 12,
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'index created in the file on an existing table still blocks that table',
      sql: 'CREATE INDEX CONCURRENTLY users_email ON users (email);\nREINDEX INDEX users_email;',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'table created later in the file',
      sql: 'REINDEX TABLE events;\nCREATE TABLE events2 (id int);',
      findings: [{ line: 1, column: 1 }],
    },
  ],
});
