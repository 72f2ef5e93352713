import { testDatabaseRule } from '../../test/db-rule-tester.js';

testDatabaseRule('rollback-failed', {
  valid: [
    { name: 'a rollback that undoes the migration', sql: 'CREATE TABLE audit (id bigint);\n', rollback: 'DROP TABLE audit;\n' },
    { name: 'no rollback at all (rollback-missing decides whether one is required)', sql: 'CREATE TABLE audit (id bigint);\n' },
  ],
  invalid: [
    {
      name: 'the rollback names an object that does not exist',
      sql: 'CREATE TABLE audit (id bigint);\n',
      rollback: '-- undo\nDROP TABLE audit_log;\n',
      findings: [{ line: 2, column: 1, message: 'table "audit_log" does not exist (SQLSTATE 42P01)', inRollback: true }],
    },
    {
      name: 'the rollback fails at the position Postgres points to',
      before: ['CREATE TABLE users (id bigint);'],
      sql: 'ALTER TABLE users ADD COLUMN email text;\n',
      rollback: 'UPDATE users SET emial = NULL;\nALTER TABLE users DROP COLUMN email;\n',
      findings: [{ line: 1, column: 18, message: 'column "emial"', inRollback: true }],
    },
  ],
});
