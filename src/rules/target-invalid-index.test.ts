import { testPlanRule, golangMigrateAt, USERS_FILES } from '../../test/plan-rule-tester.js';

testPlanRule('target-invalid-index', {
  valid: [{ name: 'valid indexes only', layout: 'golang-migrate', files: USERS_FILES, target: ['CREATE TABLE users (id bigint PRIMARY KEY, email text)', 'CREATE INDEX users_email ON users (email)', ...golangMigrateAt(2)] }],
  invalid: [
    {
      name: 'an index a failed CREATE INDEX CONCURRENTLY left behind',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: [
        'CREATE TABLE users (id bigint PRIMARY KEY, email text)',
        "INSERT INTO users VALUES (1, 'a'), (2, 'a')",
        ...golangMigrateAt(2),
        // Fails on the duplicate and leaves the index behind, invalid: what the deploy left in production.
        `DO $$ BEGIN PERFORM 1; END $$`,
      ],
      during: async (target) => {
        await target.exec('CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)').catch(() => undefined);
        return async () => undefined;
      },
      findings: [{ path: 'migrations', severity: 'warning', message: 'Index public.users_email_key on public.users is invalid in the target' }],
    },
  ],
});
