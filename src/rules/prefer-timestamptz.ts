// timestamp (without time zone) stores a wall-clock reading with no offset: the same value means
// different instants for writers in different time zones, and an hour a year is ambiguous around
// the DST change. timestamptz stores the instant (UTC) and converts on the way in and out.

import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { columnDefinitions, columnType } from './util/columns.js';

export default defineRule({
  meta: {
    id: 'prefer-timestamptz',
    description: 'Use timestamptz instead of timestamp without time zone.',
    severity: 'info',
    risk: 'low',
    kind: 'statement',
    messages: {
      timestamp: {
        message:
          'Column {{column}} of {{table}} is timestamp without time zone: it stores a wall-clock time with no offset, so the instant it means depends on the time zone of whoever wrote it.',
        help: 'Declare {{column}} as timestamptz (timestamp with time zone), which stores an absolute instant and converts to each session\'s time zone.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, column, name, table } of columnDefinitions(model)) {
      // The parser spells both `timestamp` and `timestamp without time zone` as pg_catalog.timestamp.
      if (columnType(column.typeName).builtin !== 'timestamp') continue;
      report({ messageId: 'timestamp', statement, at: column, data: { column: name, table: displayName(table) } });
    }
  },
});
