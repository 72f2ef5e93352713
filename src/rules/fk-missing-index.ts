// Postgres indexes the referenced side of a foreign key (it must be unique) but not the referencing
// side. Without that index, every delete or key update in the referenced table scans the whole
// referencing table, holding its locks meanwhile.

import { defineDatabaseRule } from './rule.js';

export default defineDatabaseRule({
  meta: {
    id: 'fk-missing-index',
    description: 'The referencing columns of a foreign key must be the leading columns of an index.',
    severity: 'warning',
    risk: 'medium',
    kind: 'database',
    messages: {
      'missing-index': {
        message: 'Foreign key {{constraint}} on {{table}} ({{columns}}) has no index on its referencing columns: every delete or key update in {{referenced}} scans {{table}}.',
        help: 'Index the referencing columns: CREATE INDEX CONCURRENTLY ON {{table}} ({{columns}}); (plain CREATE INDEX when the table is created in the same migration).',
      },
    },
  },
});
