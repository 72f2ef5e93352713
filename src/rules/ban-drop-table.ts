// DROP TABLE deletes the table and every row in it, and cannot be undone without a restore. Code
// still deployed that queries the table fails at once, and the rollback of the migration can
// recreate the table but not its data.

import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { droppedTables } from './util/dropped-objects.js';
import { objectList } from './util/object-list.js';
import { isExistingTable, statementsOf } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'ban-drop-table',
    description: 'DROP TABLE of a table that existed before the migration deletes its data.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'drop-table': {
        message: 'DROP TABLE permanently deletes existing {{tables}} and every row in {{them}}, and code still querying {{them}} fails.',
        help: 'Stop using the table in application code and deploy that first; drop it in a later migration, after taking a backup of its data.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node } of statementsOf(model, 'DropStmt')) {
      // A table created earlier in this file holds only what this file put there: nothing is lost.
      const existing = droppedTables(node).filter((table) => isExistingTable(model, table, statement));
      if (existing.length === 0) continue;
      // DropStmt carries no locations for its names: the finding points at the statement.
      const { phrase, them } = objectList('table', existing.map(displayName));
      report({ messageId: 'drop-table', statement, data: { tables: phrase, them } });
    }
  },
});
