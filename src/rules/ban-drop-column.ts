// ALTER TABLE ... DROP COLUMN deletes the column's data, and the application version that is still
// running when the migration applies (every deploy has one) selects and inserts the column by name:
// its queries fail from that moment. The rollback can add the column back, not its values.

import { as, displayName } from '../sql/ast.js';
import { relationKey } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { alterTableCommands } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'ban-drop-column',
    description: 'ALTER TABLE ... DROP COLUMN on an existing table deletes data and breaks code still using the column.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'drop-column': {
        message: 'Dropping column {{column}} of existing table {{table}} permanently deletes its data, and application code that still selects or writes {{column}} fails as soon as the migration runs.',
        help: 'Stop using the column in application code and deploy that first; drop it in a later migration, once no running code references it.',
      },
    },
  },
  check({ model, report }) {
    // Columns this file added to existing tables (`schema.table.column`): they hold only what the
    // file wrote and no deployed code knows them, so dropping one again loses nothing.
    const addedColumns = new Set<string>();
    for (const { statement, relation, command, existing } of alterTableCommands(model)) {
      if (!existing) continue; // a table created earlier in the file: none of its data is anyone else's
      const table = relationKey(relation, statement.defaultSchema);
      if (command.subtype === 'AT_AddColumn') {
        const column = as(command.def, 'ColumnDef')?.colname;
        // ADD COLUMN IF NOT EXISTS may have found the column already there, with its data.
        if (column && !command.missing_ok) addedColumns.add(`${table}.${column}`);
        continue;
      }
      if (command.subtype !== 'AT_DropColumn' || !command.name) continue;
      if (addedColumns.has(`${table}.${command.name}`)) continue;
      // AlterTableCmd carries no location: the finding points at the ALTER TABLE statement.
      report({ messageId: 'drop-column', statement, data: { table: displayName(relation), column: command.name } });
    }
  },
});
