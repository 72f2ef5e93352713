import { testPlanRule, golangMigrateAt, USERS_FILES } from '../../test/plan-rule-tester.js';

testPlanRule('pending-migration', {
  valid: [{ name: 'nothing pending: the target is at the newest version', layout: 'golang-migrate', files: USERS_FILES, target: ['CREATE TABLE users (id bigint)', ...golangMigrateAt(3)] }],
  invalid: [
    {
      name: 'two pending, in the runner\'s order',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: ['CREATE TABLE users (id bigint)', ...golangMigrateAt(1)],
      findings: [
        { path: 'migrations/000002_email.up.sql', severity: 'info', message: 'Step 1 of 2: golang-migrate will apply 000002_email.up.sql to the target.' },
        { path: 'migrations/000003_orders.up.sql', message: 'Step 2 of 2' },
      ],
    },
  ],
});
