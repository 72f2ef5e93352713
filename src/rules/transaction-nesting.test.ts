import { TEST_SCOPES } from '../../test/lint-helpers.js';
import { testRule } from '../../test/rule-tester.js';

testRule('transaction-nesting', {
  valid: [
    { sql: 'BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;' },
    { name: 'two transactions one after the other', sql: 'BEGIN;\nSELECT 1;\nCOMMIT;\nSTART TRANSACTION;\nSELECT 2;\nROLLBACK;' },
    { name: 'END and ABORT close a transaction too', sql: 'BEGIN;\nSELECT 1;\nEND;\nBEGIN;\nSELECT 2;\nABORT;' },
    { name: 'savepoints are not nesting', sql: 'BEGIN;\nSAVEPOINT s;\nSELECT 1;\nROLLBACK TO SAVEPOINT s;\nRELEASE SAVEPOINT s;\nCOMMIT;' },
    { name: 'COMMIT AND CHAIN keeps a transaction open', sql: 'BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;\nSELECT 2;\nCOMMIT;' },
    {
      name: 'statement in a DO block',
      sql: 'DO $$\nBEGIN\n  INSERT INTO t VALUES (1);\n  COMMIT;\nEND $$;',
    },
    { name: 'Drizzle migration without transaction statements', sql: 'ALTER TABLE users ADD COLUMN email text;', scope: TEST_SCOPES.drizzle },
    { name: 'Prisma migration without transaction statements', sql: 'CREATE TABLE "User" (id int);', scope: TEST_SCOPES.prisma },
    {
      name: 'whole file sent as one query: BEGIN ... COMMIT around all of it only restates the implicit transaction',
      sql: 'BEGIN;\nCREATE TYPE mood AS ENUM (\'ok\');\nALTER TABLE users ADD COLUMN mood mood;\nCOMMIT;',
      scope: TEST_SCOPES.prisma,
    },
  ],
  invalid: [
    {
      sql: 'BEGIN;\nSELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\nCOMMIT;',
      findings: [
        { line: 3, column: 1, message: 'there is already a transaction in progress' },
        { line: 6, column: 1, message: 'COMMIT with no transaction open' },
      ],
    },
    {
      name: 'COMMIT without BEGIN in a psql-style file',
      sql: 'ALTER TABLE users ADD COLUMN email text;\n  COMMIT;',
      findings: [{ line: 2, column: 3, message: 'there is no transaction in progress' }],
    },
    {
      name: 'ROLLBACK without BEGIN',
      sql: 'ROLLBACK;',
      findings: [{ line: 1, column: 1, message: 'ROLLBACK with no transaction open' }],
    },
    {
      name: 'nested START TRANSACTION',
      sql: 'START TRANSACTION;\nSTART TRANSACTION;\nCOMMIT;',
      findings: [{ line: 2, column: 1, message: 'START TRANSACTION inside the transaction' }],
    },
    {
      name: 'Drizzle already wraps the file: BEGIN starts nothing, COMMIT commits Drizzle\'s transaction',
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;',
      scope: TEST_SCOPES.drizzle,
      findings: [
        { line: 1, column: 1, message: 'Drizzle runs every pending migration in one transaction, so this BEGIN starts no new one' },
        { line: 3, column: 1, message: 'commits the transaction Drizzle runs every pending migration in: the migrations before this one are committed with it' },
      ],
    },
    {
      name: 'Drizzle: COMMIT to get out of the batch transaction',
      sql: 'COMMIT;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 1, column: 1, message: 'every later pending migration) runs outside any transaction', help: 'unless a statement that cannot run in a transaction follows it' }],
    },
    {
      name: 'Drizzle: ROLLBACK undoes the earlier pending migrations too',
      sql: 'INSERT INTO t VALUES (1);\nROLLBACK;',
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 2, column: 1, message: 'the earlier pending migrations are undone along with their records' }],
    },
    {
      name: 'dbmate: COMMIT ends the transaction dbmate runs this migration in',
      sql: 'ALTER TABLE users ADD COLUMN a int;\nCOMMIT;\nALTER TABLE users ADD COLUMN b int;',
      scope: TEST_SCOPES.dbmate,
      findings: [{ line: 2, column: 1, message: 'commits the transaction dbmate runs this file in' }],
    },
    {
      name: 'Prisma: ROLLBACK rolls back the implicit transaction',
      sql: 'INSERT INTO t VALUES (1);\nROLLBACK;\nINSERT INTO t VALUES (2);',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 2, column: 1, message: 'rolls back the transaction Prisma Migrate runs this file in' }],
    },
    {
      name: 'whole file sent as one query: a COMMIT in the middle splits it in two transactions',
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMIT;\nALTER TABLE users ADD COLUMN b int;',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 3, column: 1, message: 'no longer atomic' }],
    },
    {
      name: 'whole file sent as one query: a BEGIN inside the file\'s own BEGIN is still nested',
      sql: 'BEGIN;\nBEGIN;\nSELECT 1;\nCOMMIT;',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 2, column: 1, message: 'there is already a transaction in progress' }],
    },
    {
      name: 'Flyway already wraps the file: BEGIN and COMMIT',
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;',
      scope: TEST_SCOPES.flyway,
      findings: [
        { line: 1, column: 1, message: 'Flyway already runs this file inside a transaction' },
        { line: 3, column: 1, message: 'commits the transaction Flyway runs this file in' },
      ],
    },
    {
      name: 'Flyway: a second COMMIT after ending Flyway\'s transaction does nothing',
      sql: 'COMMIT;\nSELECT 1;\nCOMMIT;',
      scope: TEST_SCOPES.flyway,
      findings: [
        { line: 1, column: 1, message: 'Flyway' },
        { line: 3, column: 1, message: 'no transaction open' },
      ],
    },
  ],
});
