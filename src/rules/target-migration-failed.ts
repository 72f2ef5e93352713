// The target is in the state a failed migration left: the runner refuses to run until someone
// looks at what was half applied.

import { definePlanRule } from './rule.js';

export default definePlanRule({
  meta: {
    id: 'target-migration-failed',
    description: 'The target is in a failed or dirty migration state that its runner refuses to run from.',
    severity: 'error',
    risk: 'high',
    kind: 'plan',
    messages: {
      'prisma-failed': {
        message: '{{name}} failed in the target{{logs}}: migrate deploy refuses to run (P3009) until it is resolved.',
        help: 'Check what it left applied, then `prisma migrate resolve --rolled-back {{name}}` (after undoing it) or `--applied {{name}}` (after finishing it by hand).',
      },
      'golang-migrate-dirty': {
        message: 'The target is dirty at version {{version}}: that migration failed partway, and golang-migrate refuses to run ("Dirty database version {{version}}. Fix and force version.").',
        help: 'Check what version {{version}} left applied, finish or undo it by hand, then `migrate force` the version the schema is really at.',
      },
      'flyway-failed': {
        message: 'Version {{version}} failed in the target (success = false in flyway_schema_history): Flyway refuses to migrate until it is repaired.',
        help: 'Undo what it left applied (PostgreSQL rolls back a failed transactional migration; a non-transactional one may be partial), then run flyway repair.',
      },
    },
  },
});
