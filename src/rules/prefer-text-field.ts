// Changing a varchar(n) limit is ALTER COLUMN ... TYPE: it takes an ACCESS EXCLUSIVE lock (no reads
// or writes) even when only raising the limit, and lowering it rewrites the whole table. A text
// column with a CHECK on its length can have the check replaced NOT VALID and validated afterwards,
// which never blocks reads and blocks writes only for a moment.

import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { columnDefinitions, columnType } from './util/columns.js';

export default defineRule({
  meta: {
    id: 'prefer-text-field',
    description: 'Use text with a CHECK constraint instead of varchar(n).',
    severity: 'info',
    risk: 'low',
    kind: 'statement',
    messages: {
      'varchar-length': {
        message:
          'Column {{column}} of {{table}} is varchar({{length}}): changing that limit later takes an ACCESS EXCLUSIVE lock on the table, and lowering it rewrites the table.',
        help: 'Declare {{column}} as text with CHECK (char_length({{column}}) <= {{length}}): that check can later be replaced NOT VALID and validated without blocking the table.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, column, name, table } of columnDefinitions(model)) {
      const type = columnType(column.typeName);
      // varchar without a length is text under another name: nothing to change later.
      if (type.builtin !== 'varchar' || type.modifiers.length === 0) continue;
      report({
        messageId: 'varchar-length',
        statement,
        at: column,
        data: { column: name, table: displayName(table), length: type.modifiers.join(', ') },
      });
    }
  },
});
