// Renaming a column is instant for Postgres, but the application code that is running when the
// migration commits still uses the old name: every query naming it fails until the new code is
// deployed everywhere (and a rollback of the code breaks again). Expand/contract, or a view that
// keeps the old name, lets old and new code run side by side.

import type { RangeVar } from 'libpg-query';
import { displayName } from '../sql/ast.js';
import { relationKey, type StatementModel } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { addedColumn } from './util/constraints.js';
import { alterTableCommands, isExistingTable, statementsOf } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'renaming-column',
    description: 'Renaming a column of an existing table breaks the application code still using the old name.',
    severity: 'warning',
    risk: 'medium',
    kind: 'statement',
    messages: {
      'rename-column': {
        message: 'RENAME COLUMN {{column}} TO {{newName}} on existing table {{table}} breaks every query of running application code that still uses {{column}}, from the moment the migration commits until the new code is deployed.',
        help: 'Expand and contract: add the new column, write to both, backfill, switch reads to the new column, and drop the old one in a later migration; or keep serving the old name through a view.',
      },
    },
  },
  check({ model, report }) {
    // Columns this file adds to existing tables, by the index of the adding statement: no deployed
    // code can use them yet, so renaming them (a typo fixed in the same file) breaks nothing.
    const addedAt = new Map<string, number>();
    for (const { statement, relation, command } of alterTableCommands(model)) {
      const column = addedColumn(command);
      const key = column?.colname === undefined ? undefined : columnKey(relation, statement, column.colname);
      if (key !== undefined && !addedAt.has(key)) addedAt.set(key, statement.index);
    }

    for (const { statement, node } of statementsOf(model, 'RenameStmt')) {
      if (node.renameType !== 'OBJECT_COLUMN' || node.relationType !== 'OBJECT_TABLE') continue;
      if (!node.subname || !node.newname) continue;
      // A table created earlier in this file is not used by any deployed code yet.
      if (!isExistingTable(model, node.relation, statement)) continue;
      const added = addedAt.get(columnKey(node.relation, statement, node.subname));
      if (added !== undefined && added < statement.index) {
        // The column keeps its "new in this file" status under its new name.
        addedAt.set(columnKey(node.relation, statement, node.newname), added);
        continue;
      }
      report({
        messageId: 'rename-column',
        statement,
        data: { table: displayName(node.relation), column: node.subname, newName: node.newname },
      });
    }
  },
});

function columnKey(relation: RangeVar | undefined, statement: StatementModel, column: string): string {
  return JSON.stringify([relationKey(relation, statement.defaultSchema), column]);
}
