import { TEST_SCOPES } from '../../test/lint-helpers.js';
import { testRule } from '../../test/rule-tester.js';

testRule('ban-concurrent-index-creation-in-transaction', {
  valid: [
    { sql: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);' },
    {
      name: 'psql-style runner sends statement by statement: no transaction without BEGIN',
      sql: 'SET lock_timeout = \'5s\';\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nDROP INDEX CONCURRENTLY users_old_idx;\nREINDEX INDEX CONCURRENTLY users_name_idx;',
    },
    {
      name: 'after the explicit transaction was committed',
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
    },
    { name: 'non-concurrent index in a transaction is another rule\'s business', sql: 'BEGIN;\nCREATE INDEX i ON t (id);\nCOMMIT;' },
    {
      name: 'Drizzle: the file ends the batch transaction with COMMIT first',
      sql: 'COMMIT;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      scope: TEST_SCOPES.drizzle,
    },
    {
      name: 'Prisma: the concurrent index is the file\'s only statement',
      sql: '-- CreateIndex\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n',
      scope: TEST_SCOPES.prisma,
    },
    {
      name: 'Flyway detects concurrent statements and runs them outside its transaction',
      sql: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nREINDEX TABLE CONCURRENTLY users;',
      scope: TEST_SCOPES.flyway,
    },
    { name: 'REINDEX with CONCURRENTLY switched off', sql: 'BEGIN;\nREINDEX (CONCURRENTLY false) TABLE users;\nCOMMIT;' },
    {
      name: 'goose with NO TRANSACTION sends each statement on its own, in autocommit',
      sql: '-- +goose NO TRANSACTION\n-- +goose Up\n-- +goose StatementBegin\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_schema_version ON schema_definitions (version);\n-- +goose StatementEnd\n',
      scope: TEST_SCOPES['goose-no-transaction'],
    },
  ],
  invalid: [
    {
      sql: 'BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;',
      findings: [{ line: 2, column: 1, message: 'CREATE INDEX CONCURRENTLY inside the transaction opened by BEGIN' }],
    },
    {
      name: 'DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY after START TRANSACTION',
      sql: 'START TRANSACTION;\nDROP INDEX CONCURRENTLY a;\n  REINDEX TABLE CONCURRENTLY t;\nCOMMIT;',
      findings: [
        { line: 2, column: 1, message: 'DROP INDEX CONCURRENTLY' },
        { line: 3, column: 3, message: 'REINDEX CONCURRENTLY' },
      ],
    },
    {
      name: 'explicit transaction in a Flyway migration',
      sql: 'BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (id);\nCOMMIT;',
      scope: TEST_SCOPES.flyway,
      findings: [{ line: 2, column: 1, message: 'opened by BEGIN' }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  CREATE INDEX CONCURRENTLY i ON t (id);\nEND $$;',
      findings: [{ line: 3, column: 3, message: 'inside a DO block' }],
    },
    {
      name: 'Drizzle runs the whole batch in one transaction, even a one-statement file',
      sql: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 1, column: 1, message: 'Drizzle runs every pending migration in one transaction' }],
    },
    {
      name: 'goose runs each migration in a transaction of its own: the recipe is a NO TRANSACTION migration',
      sql: '-- +goose Up\nCREATE INDEX CONCURRENTLY posts_user_id_key ON posts (user_id);\n\n-- +goose Down\n',
      scope: TEST_SCOPES.goose,
      findings: [
        {
          line: 2,
          column: 1,
          message: 'goose runs each migration in a transaction of its own',
          help: 'To run CREATE INDEX CONCURRENTLY under goose, put it in a migration of its own that starts with `-- +goose NO TRANSACTION`.',
        },
      ],
    },
    {
      name: 'dbmate opens a transaction per section: its own recipe',
      sql: '-- migrate:up\nCREATE INDEX CONCURRENTLY i ON t (id);\n',
      scope: TEST_SCOPES.dbmate,
      findings: [{ line: 2, column: 1, message: 'dbmate runs each migration in a transaction of its own', help: '`-- migrate:up transaction:false`' }],
    },
    {
      name: 'goose NO TRANSACTION does not undo the file\'s own BEGIN',
      sql: '-- +goose NO TRANSACTION\n-- +goose Up\nBEGIN;\nCREATE INDEX CONCURRENTLY i ON t (id);\nCOMMIT;\n',
      scope: TEST_SCOPES['goose-no-transaction'],
      findings: [{ line: 4, column: 1, message: 'opened by BEGIN' }],
    },
    {
      name: 'Drizzle: statement breakpoints do not get out of the transaction',
      sql: 'ALTER TABLE users ADD COLUMN email text;--> statement-breakpoint\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 2, column: 1, message: 'Drizzle' }],
    },
    {
      name: 'Prisma sends the whole file as one query: implicit transaction',
      sql: '-- AlterTable\nALTER TABLE "User" ADD COLUMN "email" TEXT;\n\n-- CreateIndex\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 5, column: 1, message: 'Prisma Migrate sends the whole file as one query' }],
    },
    {
      name: 'Prisma: a COMMIT does not get out of the implicit transaction of a multi-statement query',
      sql: 'COMMIT;\nCREATE INDEX CONCURRENTLY i ON t (id);',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 2, column: 1, message: 'Prisma Migrate' }],
    },
  ],
});
