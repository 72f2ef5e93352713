// DROP DATABASE deletes a whole database, every schema and row in it, at once and for good. A
// migration runs against one database; removing a database is an operations task, never a
// schema change, and a stray one in a migration (often copied from a local reset script) is
// catastrophic when it runs against production.

import { as } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { statementsOf } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'ban-drop-database',
    description: 'Migrations must not drop databases.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'drop-database': {
        message: 'DROP DATABASE permanently deletes database {{database}} with every schema, table and row in it.',
        help: 'Remove this statement from the migration; decommission a database by hand, after a backup, outside the migration pipeline.',
      },
      'drop-database-force': {
        message: 'DROP DATABASE ... WITH (FORCE) terminates every session connected to database {{database}} and permanently deletes it with every schema, table and row in it.',
        help: 'Remove this statement from the migration; decommission a database by hand, after a backup and once no application connects to it, outside the migration pipeline.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node } of statementsOf(model, 'DropdbStmt')) {
      const force = (node.options ?? []).some((option) => as(option, 'DefElem')?.defname === 'force');
      report({ messageId: force ? 'drop-database-force' : 'drop-database', statement, data: { database: node.dbname ?? '?' } });
    }
  },
});
