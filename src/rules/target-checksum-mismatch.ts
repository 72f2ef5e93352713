// An applied migration whose file changed since: the edit never runs in that database, and runners
// that keep checksums refuse to go on.

import { definePlanRule } from './rule.js';

export default definePlanRule({
  meta: {
    id: 'target-checksum-mismatch',
    description: 'A migration applied in the target whose file has changed since, with what its runner does about it.',
    severity: 'error',
    risk: 'high',
    kind: 'plan',
    messages: {
      prisma: {
        message: '{{name}} changed after it was applied: its SHA-256 is not the checksum in _prisma_migrations. migrate deploy goes on without it (the edit never runs there); migrate dev asks to reset the database.',
        help: 'Restore the file as applied and put the change in a new migration.',
      },
      drizzle: {
        message: "{{name}} changed after it was applied: its SHA-256 is not the hash the migrator recorded. Drizzle's migrator never compares hashes, so the edit never runs in the target.",
        help: 'Restore the file as applied and put the change in a new migration (drizzle-kit generate).',
      },
      flyway: {
        message: '{{name}} (version {{version}}) changed after it was applied: Flyway\'s validation fails ("Migration checksum mismatch") and nothing is migrated.',
        help: 'Restore the file as applied and put the change in a new migration; only if the change is cosmetic, run flyway repair to record the new checksum.',
      },
      plain: {
        message: '{{name}} changed after it was applied: its checksum is not the one in {{column}}.',
        help: 'Restore the file as applied and put the change in a new migration.',
      },
    },
  },
});
