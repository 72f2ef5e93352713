// A migration that fails on a real Postgres fails the deploy: found here, in a scratch database,
// with the runner's transaction semantics, at the statement and the position Postgres points to.

import { defineDatabaseRule } from './rule.js';

export default defineDatabaseRule({
  meta: {
    id: 'apply-failed',
    description: 'The migration must apply to a real Postgres, on top of the migrations before it, as its runner runs it.',
    severity: 'error',
    risk: 'high',
    kind: 'database',
    messages: {
      failed: {
        message: 'The migration fails here when {{runner}} applies it: {{error}}.',
        help: '{{remedy}}',
      },
      'pending-batch': {
        message:
          'The migration applies in a transaction of its own, but fails here because {{runner}} runs all pending migrations in one transaction, this one with {{before}}: {{error}}.',
        help: '{{remedy}}',
      },
      'lock-timeout': {
        message:
          'The statement waited longer than lock_timeout for a lock that another session holds, and Postgres cancelled it (SQLSTATE 55P03).',
        help: 'In production this statement would queue behind that session and block every query behind it: keep lock_timeout short in the migration, retry when the table is quiet, and find the long transaction holding the lock in pg_stat_activity.',
      },
      'statement-timeout': {
        message: 'The statement ran longer than statement_timeout and Postgres cancelled it (SQLSTATE 57014).',
        help: 'Make it cheaper (batches, CONCURRENTLY), or raise `database: { statement-timeout }` in the config when the scratch database is slow.',
      },
      'query-timeout': {
        message: 'The statement did not finish within {{seconds}} s, so the gate stopped waiting for it.',
        help: 'The migration may turn lock_timeout or statement_timeout off, or wait on itself; keep both timeouts set, or raise `database: { statement-timeout }` in the config.',
      },
    },
  },
});
