// Renaming a table is instant for Postgres, but the application code that is running when the
// migration commits still uses the old name: every query on the table fails until the new code is
// deployed everywhere. A view with the old name keeps old code working while the new code rolls out.

import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { isCreatedInFile } from '../lint/file-model.js';
import { statementsOf } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'renaming-table',
    description: 'Renaming an existing table breaks the application code still using the old name.',
    severity: 'warning',
    risk: 'medium',
    kind: 'statement',
    messages: {
      'rename-table': {
        message: 'RENAME TO {{newName}} on existing table {{table}} breaks every query of running application code that still uses {{table}}, from the moment the migration commits until the new code is deployed.',
        help: 'In the same transaction as the rename, CREATE VIEW {{table}} AS SELECT * FROM {{newTable}} (a simple view is updatable) and drop it once no code uses the old name; or expand and contract with a new table.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node } of statementsOf(model, 'RenameStmt')) {
      if (node.renameType !== 'OBJECT_TABLE' || !node.newname) continue;
      // A table created earlier in this file is not used by any deployed code yet. (Asked by
      // replaying the file: the file model knows a created table by its name after this rename.)
      if (isCreatedInFile(model, node.relation, statement)) continue;
      // RENAME TO keeps the table in its schema; the view must read from there, whatever search_path.
      const schema = node.relation?.schemaname;
      report({
        messageId: 'rename-table',
        statement,
        data: {
          table: displayName(node.relation),
          newName: node.newname,
          newTable: schema ? `${schema}.${node.newname}` : node.newname,
        },
      });
    }
  },
});
