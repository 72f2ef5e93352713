import { testDatabaseRule } from '../../test/db-rule-tester.js';

testDatabaseRule('reapply-failed', {
  valid: [
    { name: 'up, down, up gives the same schema', sql: 'CREATE TABLE audit (id bigint);\nCREATE INDEX audit_id ON audit (id);\n', rollback: 'DROP TABLE audit;\n' },
  ],
  invalid: [
    {
      name: 'the rollback leaves the table, so the second CREATE fails',
      sql: 'CREATE SEQUENCE audit_seq;\nCREATE TABLE audit (id bigint);\n',
      rollback: 'DROP SEQUENCE audit_seq;\n',
      findings: [{ line: 2, column: 1, message: 'relation "audit" already exists (SQLSTATE 42P07)' }],
    },
    {
      name: 'a rollback that renames instead of dropping',
      sql: 'CREATE TABLE audit (id bigint);\n',
      rollback: 'ALTER TABLE audit RENAME TO audit_old;\n',
      findings: [{ line: 1, column: 1, message: 'table audit_old: extra after applying again' }],
    },
  ],
});
