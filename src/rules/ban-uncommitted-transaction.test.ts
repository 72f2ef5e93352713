import { TEST_SCOPES } from '../../test/lint-helpers.js';
import { testRule } from '../../test/rule-tester.js';

testRule('ban-uncommitted-transaction', {
  valid: [
    { sql: 'BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;' },
    { name: 'closed by ROLLBACK', sql: 'BEGIN;\nSELECT 1;\nROLLBACK;' },
    { name: 'closed by END', sql: 'START TRANSACTION;\nSELECT 1;\nEND;' },
    { name: 'no transaction at all', sql: 'ALTER TABLE users ADD COLUMN email text;' },
    {
      name: 'nested BEGIN closed once (transaction-nesting reports the inner BEGIN)',
      sql: 'BEGIN;\nBEGIN;\nSELECT 1;\nCOMMIT;',
    },
    {
      name: 'Drizzle: BEGIN re-opens a transaction for the runner to commit after the file committed its own',
      sql: 'COMMIT;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nBEGIN;',
      scope: TEST_SCOPES.drizzle,
    },
    {
      name: 'Flyway wraps the file: its BEGIN is nested, not left open',
      sql: 'BEGIN;\nSELECT 1;',
      scope: TEST_SCOPES.flyway,
    },
    {
      name: 'whole file sent as one query, BEGIN closed by COMMIT',
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;',
      scope: TEST_SCOPES.prisma,
    },
  ],
  invalid: [
    {
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN email text;',
      findings: [{ line: 1, column: 1, message: 'BEGIN opens a transaction that the file never commits' }],
    },
    {
      name: 'a second transaction left open after a committed one',
      sql: 'BEGIN;\nSELECT 1;\nCOMMIT;\n\n  START TRANSACTION;\nSELECT 2;',
      findings: [{ line: 5, column: 3, message: 'START TRANSACTION opens' }],
    },
    {
      name: 'reported at the outer BEGIN when an inner one is nested',
      sql: 'SELECT 0;\nBEGIN;\nBEGIN;\nSELECT 1;',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'whole file sent as one query: the BEGIN turns the implicit transaction into one left open',
      sql: 'ALTER TABLE users ADD COLUMN email text;\nBEGIN;\nALTER TABLE users ADD COLUMN name text;',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 2, column: 1, message: 'BEGIN opens a transaction' }],
    },
    {
      name: 'COMMIT AND CHAIN at the end leaves a new transaction open',
      sql: 'BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 3, column: 1, message: 'COMMIT AND CHAIN opens' }],
    },
  ],
});
