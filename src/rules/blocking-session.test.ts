import pg from 'pg';
import { testPlanRule, golangMigrateAt, USERS_FILES } from '../../test/plan-rule-tester.js';
import type { TargetDb } from '../../test/plan/target-db.js';

/** Another session of the target, in a transaction that holds `lock` until released. */
function holding(lock: string) {
  return async (target: TargetDb) => {
    const client = new pg.Client({ connectionString: target.url, application_name: 'billing-worker' });
    await client.connect();
    await client.query('BEGIN');
    await client.query(lock);
    return async () => {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    };
  };
}

testPlanRule('blocking-session', {
  valid: [
    { name: 'a quiet target', layout: 'golang-migrate', files: USERS_FILES, target: ['CREATE TABLE users (id bigint PRIMARY KEY)', ...golangMigrateAt(1)] },
    {
      name: 'a lock on a table no pending migration touches',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: ['CREATE TABLE users (id bigint PRIMARY KEY)', 'CREATE TABLE audit (id bigint)', ...golangMigrateAt(1)],
      during: holding('LOCK TABLE audit IN ACCESS SHARE MODE'),
    },
  ],
  invalid: [
    {
      name: 'a transaction holding a lock on the table the pending ALTER changes',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: ['CREATE TABLE users (id bigint PRIMARY KEY)', ...golangMigrateAt(1)],
      during: holding('SELECT * FROM users'),
      findings: [{ path: 'migrations/000002_email.up.sql', severity: 'warning', message: 'the ALTER TABLE in migrations/000002_email.up.sql:1 will queue behind pid' }],
    },
    {
      name: 'a transaction open longer than plan.long-transaction',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: ['CREATE TABLE users (id bigint PRIMARY KEY)', 'CREATE TABLE audit (id bigint)', ...golangMigrateAt(3)],
      config: { plan: { 'long-transaction': 0 } },
      during: async (target) => {
        const release = await holding('SELECT 1 FROM audit')(target);
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        return release;
      },
      findings: [{ path: 'migrations', message: '(user ' }],
    },
  ],
});
