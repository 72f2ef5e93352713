import { testRule } from '../../test/rule-tester.js';
import { TEST_SCOPES } from '../../test/lint-helpers.js';

testRule('prefer-robust-stmts', {
  valid: [
    { sql: 'CREATE TABLE IF NOT EXISTS users (id bigint);' },
    { sql: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);' },
    { sql: 'DROP TABLE IF EXISTS old_users;\nDROP INDEX CONCURRENTLY IF EXISTS users_email_idx;' },
    { sql: 'ALTER TABLE users ADD COLUMN IF NOT EXISTS email text, DROP COLUMN IF EXISTS legacy;' },
    { sql: 'ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_check;' },
    {
      name: 'a transaction rolls a partial run back, so a retry starts clean',
      sql: 'BEGIN;\nCREATE TABLE users (id bigint);\nCREATE INDEX users_id ON users (id);\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;',
    },
    {
      name: 'a runner that wraps the file in a transaction',
      sql: 'CREATE TABLE users (id bigint);\nDROP TABLE old_users;',
      scope: TEST_SCOPES.prisma,
    },
    { name: 'inside a DO block', sql: 'DO $$\nBEGIN\n  CREATE TABLE users (id bigint);\nEND $$;' },
    {
      name: 'constraint dropped with IF EXISTS first, in the same statement',
      sql: 'ALTER TABLE users\n  DROP CONSTRAINT IF EXISTS users_email_check,\n  ADD CONSTRAINT users_email_check CHECK (email <> \'\') NOT VALID;',
    },
    {
      name: 'constraint dropped with IF EXISTS in an earlier statement',
      sql: 'ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_org_fk;\nALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;',
    },
    {
      name: 'concurrent index dropped with IF EXISTS first (clears an INVALID leftover)',
      sql: 'DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
    },
    {
      name: 'the drop ran in a transaction before the create',
      sql: 'BEGIN;\nDROP TABLE IF EXISTS staging;\nCOMMIT;\nCREATE TABLE staging (id bigint);',
    },
    {
      name: 'drop and recreate',
      sql: 'DROP TABLE IF EXISTS staging;\nCREATE TABLE staging (id bigint);\nDROP MATERIALIZED VIEW IF EXISTS totals;\nCREATE MATERIALIZED VIEW totals AS SELECT 1;',
    },
    { name: 'temporary table', sql: 'CREATE TEMP TABLE scratch (id int);\nCREATE INDEX scratch_id ON scratch (id);' },
    { name: 'statements that are idempotent anyway', sql: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nCREATE OR REPLACE VIEW v AS SELECT 1;' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE users (id bigint);',
      findings: [{ line: 1, column: 1, message: 'CREATE TABLE users without IF NOT EXISTS' }],
    },
    {
      name: 'a table created in the same file is still re-created on retry',
      sql: 'CREATE TABLE IF NOT EXISTS users (id bigint);\nCREATE INDEX users_id_idx ON users (id);',
      findings: [{ line: 2, column: 1, message: 'CREATE INDEX users_id_idx' }],
    },
    {
      name: 'concurrent index',
      sql: 'SELECT 1;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      findings: [{ line: 2, column: 1, message: 'CREATE INDEX CONCURRENTLY users_email_idx' }],
    },
    {
      name: 'unnamed index',
      sql: 'CREATE INDEX ON users (email);',
      findings: [{ line: 1, column: 1, message: 'duplicate index' }],
    },
    {
      name: 'other CREATEs with an IF NOT EXISTS form',
      sql: 'CREATE SCHEMA billing;\nCREATE SEQUENCE billing.invoice_no;\nCREATE EXTENSION pg_trgm;\nCREATE MATERIALIZED VIEW totals AS SELECT 1;',
      findings: [
        { line: 1, column: 1, message: 'SCHEMA billing' },
        { line: 2, column: 1, message: 'SEQUENCE billing.invoice_no' },
        { line: 3, column: 1, message: 'EXTENSION pg_trgm' },
        { line: 4, column: 1, message: 'MATERIALIZED VIEW totals' },
      ],
    },
    {
      name: 'DROPs',
      sql: 'DROP TABLE users, audit.events;\nDROP INDEX CONCURRENTLY users_email_idx;\nDROP TYPE mood;\nDROP TRIGGER set_updated ON users;',
      findings: [
        { line: 1, column: 1, message: 'DROP TABLE users, audit.events without IF EXISTS' },
        { line: 2, column: 1, message: 'DROP INDEX CONCURRENTLY users_email_idx' },
        { line: 3, column: 1, message: 'DROP TYPE mood' },
        { line: 4, column: 1, message: 'DROP TRIGGER set_updated ON users' },
      ],
    },
    {
      name: 'ALTER TABLE sub-commands',
      sql: 'ALTER TABLE users\n  ADD COLUMN email text,\n  DROP COLUMN legacy,\n  DROP CONSTRAINT users_old_check;',
      findings: [
        { line: 1, column: 1, message: 'DROP COLUMN legacy of users' },
        { line: 1, column: 1, message: 'DROP CONSTRAINT users_old_check on users' },
        { line: 2, column: 14, message: 'ADD COLUMN email to users' },
      ],
    },
    {
      name: 'ADD CONSTRAINT has no IF NOT EXISTS',
      sql: 'ALTER TABLE orders\n  ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;',
      findings: [{ line: 2, column: 7, message: 'ADD CONSTRAINT orders_total_check on orders' }],
    },
    {
      name: 'unnamed constraint',
      sql: 'ALTER TABLE orders\n  ADD CHECK (total >= 0);',
      findings: [{ line: 2, column: 7, message: 'unnamed constraint' }],
    },
    {
      name: 'the IF EXISTS drop is of another table\'s constraint',
      sql: 'ALTER TABLE a DROP CONSTRAINT IF EXISTS c;\nALTER TABLE b ADD CONSTRAINT c CHECK (x > 0);',
      findings: [{ line: 2, column: 19 }],
    },
    {
      name: 'after COMMIT the statements run outside the transaction',
      sql: 'BEGIN;\nCREATE TABLE IF NOT EXISTS t (id bigint);\nCOMMIT;\nCREATE INDEX CONCURRENTLY t_id ON t (id);',
      findings: [{ line: 4, column: 1 }],
    },
  ],
});
