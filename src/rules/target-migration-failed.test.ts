import { testPlanRule, golangMigrateAt, USERS_FILES } from '../../test/plan-rule-tester.js';

testPlanRule('target-migration-failed', {
  valid: [{ name: 'a clean version', layout: 'golang-migrate', files: USERS_FILES, target: golangMigrateAt(2) }],
  invalid: [
    {
      name: 'golang-migrate left dirty by a failed migration',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: golangMigrateAt(2, true),
      findings: [{ path: 'migrations/000002_email.up.sql', severity: 'error', message: 'The target is dirty at version 2' }],
    },
  ],
});
