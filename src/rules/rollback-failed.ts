// A rollback that errors is discovered during an incident, when it is needed most. The gate runs it
// right after the migration, in a scratch database, as its runner would.

import { defineDatabaseRule } from './rule.js';

export default defineDatabaseRule({
  meta: {
    id: 'rollback-failed',
    description: 'The rollback (down script) must run without error right after its migration.',
    severity: 'error',
    risk: 'medium',
    kind: 'database',
    messages: {
      failed: {
        message: 'The rollback fails here when run right after its migration: {{error}}.',
        help: '{{remedy}}',
      },
    },
  },
});
