// The database stage sees what the server really did: a table whose relfilenode changed was
// rewritten (every row copied into a new file) under an ACCESS EXCLUSIVE lock, whatever statement
// caused it, including the causes no static rule knows.

import { defineDatabaseRule } from './rule.js';

export default defineDatabaseRule({
  meta: {
    id: 'table-rewrite',
    description: 'A statement must not rewrite a table that existed before the migration.',
    severity: 'error',
    risk: 'high',
    kind: 'database',
    scalesWithTableSize: true,
    messages: {
      rewrite: {
        message:
          'This statement rewrites existing {{tables}}: every row is copied into a new file (and every index rebuilt) while an ACCESS EXCLUSIVE lock blocks reads and writes, for as long as that takes on the production data.',
        help: 'Reach the same schema without a rewrite (a new column backfilled in batches, a constant default, a NOT VALID constraint validated later); if the table is known to be small, ignore this finding with the reason.',
      },
    },
  },
});
