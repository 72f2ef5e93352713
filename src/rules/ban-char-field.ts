// char(n) pads every value with spaces to n characters, ignores trailing spaces when comparing, and
// drops them again when casting to text: 'ab' = 'ab  ' is true, but LIKE and concatenation disagree.
// It is not faster or smaller than text or varchar in PostgreSQL (storage is variable-length anyway).

import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { columnDefinitions, columnType } from './util/columns.js';

export default defineRule({
  meta: {
    id: 'ban-char-field',
    description: 'Do not use char(n) (blank-padded character) columns.',
    severity: 'info',
    risk: 'low',
    kind: 'statement',
    messages: {
      'char-field': {
        message:
          'Column {{column}} of {{table}} is {{type}}: values are padded with spaces to the declared length, and trailing spaces are ignored by some comparisons and kept by others.',
        help: 'Declare {{column}} as text (or varchar), with a CHECK constraint if the length must be fixed.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, column, name, table } of columnDefinitions(model)) {
      const type = columnType(column.typeName);
      // `char(n)`, `character(n)` and `nchar(n)` all parse to bpchar; the quoted `"char"` is the
      // internal one-byte type (typeName `char`) and is not padded, so it is not reported.
      if (type.builtin !== 'bpchar') continue;
      const written = type.modifiers.length > 0 ? `character(${type.modifiers.join(', ')})` : 'bpchar';
      report({ messageId: 'char-field', statement, at: column, data: { column: name, table: displayName(table), type: written } });
    }
  },
});
