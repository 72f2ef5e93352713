import { testRule } from '../../test/rule-tester.js';

testRule('require-lock-timeout', {
  valid: [
    { sql: "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN email text;" },
    { name: 'SET LOCAL inside the transaction', sql: "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;" },
    { name: 'set_config', sql: "SELECT set_config('lock_timeout', '3s', false);\nDROP TABLE old_users;" },
    { name: 'statements that take no blocking lock', sql: "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nCREATE INDEX CONCURRENTLY users_email ON users (email);\nDROP INDEX CONCURRENTLY users_old;\nREINDEX TABLE CONCURRENTLY users;\nVACUUM users;\nLOCK TABLE users IN ROW EXCLUSIVE MODE;" },
    {
      name: 'every locking statement is on a table created earlier in the file',
      sql: 'CREATE TABLE events (id int, user_id int);\nALTER TABLE events ADD COLUMN at timestamptz;\nCREATE INDEX events_at ON events (at);\nCREATE TRIGGER t BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION f();\nALTER TABLE events RENAME COLUMN at TO happened_at;\nTRUNCATE events;\nDROP TABLE events;',
    },
    { name: 'self-referencing foreign key in a new table', sql: 'CREATE TABLE nodes (id int PRIMARY KEY, parent_id int REFERENCES nodes (id));' },
    {
      name: 'foreign key between two tables the file creates',
      sql: 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int, a_id int);\nALTER TABLE b ADD CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id);',
    },
    { name: 'temporary table', sql: 'CREATE TEMP TABLE scratch (id int);\nALTER TABLE scratch ADD COLUMN v int;' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ADD COLUMN email text;',
      findings: [{ line: 1, column: 1, message: 'ALTER TABLE on table users takes a lock' }],
    },
    {
      name: 'reported once, at the first locking statement on an existing table',
      sql: 'CREATE TABLE events (id int);\nCREATE INDEX events_id ON events (id);\nCREATE INDEX users_email ON users (email);\nDROP TABLE orders;',
      findings: [{ line: 3, column: 1, message: 'CREATE INDEX on table users' }],
    },
    {
      name: 'lock_timeout set after the statement',
      sql: "TRUNCATE audit.log;\nSET lock_timeout = '5s';",
      findings: [{ line: 1, column: 1, message: 'TRUNCATE on table audit.log' }],
    },
    {
      name: 'lock_timeout = 0 disables it',
      sql: "SET lock_timeout = 0;\nDROP TABLE old_users;",
      findings: [{ line: 2, column: 1, message: 'DROP TABLE on table old_users' }],
    },
    {
      name: 'RESET lock_timeout turns it off again',
      sql: "SET lock_timeout = '5s';\nALTER TABLE a ADD COLUMN x int;\nRESET lock_timeout;\nALTER TABLE b ADD COLUMN y int;",
      findings: [{ line: 4, column: 1, message: 'table b' }],
    },
    {
      name: 'SET LOCAL ends with the transaction',
      sql: "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSELECT 1;\nCOMMIT;\nALTER TABLE users RENAME COLUMN name TO full_name;",
      findings: [{ line: 5, column: 1, message: 'ALTER TABLE ... RENAME COLUMN on table users' }],
    },
    { sql: 'ALTER TABLE users RENAME TO accounts;', findings: [{ line: 1, column: 1, message: 'ALTER TABLE ... RENAME on table users' }] },
    { sql: 'DROP INDEX users_email;', findings: [{ line: 1, column: 1, message: 'DROP INDEX on index users_email' }] },
    { sql: 'REINDEX TABLE users;', findings: [{ line: 1, column: 1, message: 'REINDEX on table users' }] },
    {
      sql: 'CREATE TRIGGER audit BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION audit();',
      findings: [{ line: 1, column: 1, message: 'CREATE TRIGGER on table users' }],
    },
    { sql: 'VACUUM (FULL, ANALYZE) users;', findings: [{ line: 1, column: 1, message: 'VACUUM FULL on table users' }] },
    { sql: 'CLUSTER users USING users_pkey;', findings: [{ line: 1, column: 1, message: 'CLUSTER on table users' }] },
    { sql: 'LOCK TABLE users;', findings: [{ line: 1, column: 1, message: 'LOCK TABLE on table users' }] },
    {
      name: 'ATTACH PARTITION of an existing table to a new parent',
      sql: 'CREATE TABLE measurements (at date) PARTITION BY RANGE (at);\nALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM (\'2024-01-01\') TO (\'2025-01-01\');',
      findings: [{ line: 2, column: 1, message: 'ATTACH PARTITION on table measurements_2024' }],
    },
    {
      name: 'CREATE TABLE ... PARTITION OF an existing parent',
      sql: "CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
      findings: [{ line: 1, column: 1, message: 'PARTITION OF on table measurements' }],
    },
    {
      name: 'new table with a foreign key to an existing table: points at the referenced table',
      sql: 'CREATE TABLE orders (\n  id bigint,\n  user_id bigint REFERENCES users (id)\n);',
      findings: [{ line: 3, column: 29, message: 'adds a foreign key to table users' }],
    },
    {
      name: 'Prisma-style foreign key added after CREATE TABLE',
      sql: 'CREATE TABLE "Post" (id int, "authorId" int);\nALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");',
      findings: [{ line: 2, column: 92, message: 'table User' }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE users ADD COLUMN email text;\nEND $$;',
      findings: [{ line: 3, column: 3 }],
    },
  ],
});
