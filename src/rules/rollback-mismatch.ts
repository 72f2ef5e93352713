// A rollback that runs but leaves the schema different from before the migration (a column not
// dropped, an index left behind, a type not restored) makes the next deploy of the same migration,
// or the code of the previous release, meet a schema nobody tested.

import { defineDatabaseRule } from './rule.js';

export default defineDatabaseRule({
  meta: {
    id: 'rollback-mismatch',
    description: 'After migration and rollback, the schema must be exactly what it was before the migration.',
    severity: 'error',
    risk: 'medium',
    kind: 'database',
    messages: {
      mismatch: {
        message: 'The rollback does not restore the schema the migration started from ({{count}} difference(s)): {{differences}}.',
        help: 'Make the down script undo every change of the migration, in reverse order: drop what it creates, recreate exactly what it drops or alters (types, defaults, constraints, indexes).',
      },
    },
  },
});
