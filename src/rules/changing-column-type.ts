// ALTER COLUMN ... TYPE usually rewrites every row and rebuilds every index of the table, under an
// ACCESS EXCLUSIVE lock that blocks all reads and writes for the whole copy. Postgres skips the
// rewrite only when the old and new types are binary-compatible (varchar(10) -> varchar(20) or
// text), which depends on the column's current type: a static check cannot see it for a table that
// existed before the file. So every change is reported, worded "may rewrite" for the target types
// that are often reached binary-compatibly; the database stage shows whether a rewrite happened.

import { as, displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { columnType } from './util/columns.js';
import { alterTableCommands } from './util/statements.js';
import { formatTypeName } from './util/type-names.js';

export default defineRule({
  meta: {
    id: 'changing-column-type',
    description: 'ALTER COLUMN TYPE on an existing table rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    scalesWithTableSize: true,
    messages: {
      rewrites: {
        message: 'ALTER COLUMN {{column}} TYPE {{type}} on existing table {{table}} rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking all reads and writes until it finishes.',
        help: 'Add a new column of the new type, backfill it in batches, switch the application to it, then drop the old column in a later migration.',
      },
      'may-rewrite': {
        message: 'ALTER COLUMN {{column}} TYPE {{type}} on existing table {{table}} may rewrite the table and rebuild its indexes under an ACCESS EXCLUSIVE lock: only a binary-compatible change (such as a longer varchar, or varchar to text) skips the rewrite.',
        help: 'If the old type is binary-compatible (varchar(n) to a longer varchar, or to text), confirm with the database stage and ignore this finding with that reason; otherwise add a new column of the new type, backfill it in batches, switch the application to it, and drop the old column later.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, relation, command, existing } of alterTableCommands(model)) {
      if (command.subtype !== 'AT_AlterColumnType') continue;
      // A table created earlier in this file is empty: rewriting it costs nothing.
      if (!existing) continue;
      const definition = as(command.def, 'ColumnDef');
      const type = columnType(definition?.typeName);
      const oftenBinaryCompatible = !type.isArray && (type.builtin === 'text' || type.builtin === 'varchar');
      report({
        messageId: oftenBinaryCompatible ? 'may-rewrite' : 'rewrites',
        statement,
        // The definition's location is the column name after ALTER [COLUMN].
        at: definition,
        data: { table: displayName(relation), column: command.name ?? '?', type: formatTypeName(definition?.typeName) },
      });
    }
  },
});
