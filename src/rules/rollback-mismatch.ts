// A rollback that runs but leaves the schema different from before the migration (a column not
// dropped, an index left behind, a type not restored) makes the next deploy of the same migration,
// or the code of the previous release, meet a schema nobody tested. Only the column order is not
// held against it: Postgres cannot restore it without recreating the table.

import { defineDatabaseRule } from './rule.js';

const HELP = 'Make the down script undo every change of the migration, in reverse order: drop what it creates, recreate exactly what it drops or alters (types, defaults, constraints, indexes).';

export default defineDatabaseRule({
  meta: {
    id: 'rollback-mismatch',
    description: 'After migration and rollback, the schema must be exactly what it was before the migration.',
    severity: 'error',
    risk: 'medium',
    kind: 'database',
    messages: {
      mismatch: {
        message: 'The rollback does not restore the schema the migration started from ({{differenceCount}}): {{differences}}.',
        help: HELP,
      },
      // The reapply failure the mismatch causes is the same act: said here, not as reapply-failed too.
      'mismatch-reapply-failed': {
        message: 'The rollback does not restore the schema the migration started from ({{differenceCount}}): {{differences}}; so applying the migration again fails: {{error}}.',
        help: HELP,
      },
      'mismatch-reapply-differs': {
        message: 'The rollback does not restore the schema the migration started from ({{differenceCount}}): {{differences}}; so applied again, the migration gives another schema than the first time: {{reapplied}}.',
        help: HELP,
      },
      'column-order': {
        message:
          'The rollback restores every object, but {{columnCount}} come back at another position ({{differences}}): Postgres adds a re-created column at the end of its table and cannot move columns without recreating the table, so no rollback can do better; this is not an error.',
        help: 'Nothing to fix in the rollback. Code that depends on the column order (SELECT *, INSERT or COPY without a column list) should name its columns.',
        severity: 'info',
      },
    },
  },
});
