// DELETE without WHERE removes every row of the table. In a migration it is almost always a
// mistake (a WHERE lost in editing, a script meant for a dev database); in production it is data
// loss that only a restore undoes. `DELETE ... USING` without WHERE is the same: the join has no
// condition, so every row is deleted as soon as the USING side has one row.

import type { Node } from 'libpg-query';
import { as, displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { executedModifications } from './util/executed-modifications.js';
import { isExistingTable } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'ban-delete-without-where',
    description: 'DELETE without a WHERE clause on a table that existed before the migration.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'no-where': {
        message: 'DELETE without WHERE permanently deletes every row of existing table {{table}}.',
        help: 'Add a WHERE clause that selects only the rows to delete, and on a large table delete in batches by key range.',
      },
      'using-no-where': {
        message: 'DELETE ... USING without WHERE joins without a condition and permanently deletes every row of existing table {{table}} as soon as {{using}} has a row.',
        help: 'Add a WHERE clause that joins {{table}} to {{using}} and selects only the rows to delete, and on a large table delete in batches by key range.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node, cte } of executedModifications(model, 'DeleteStmt')) {
      // Any WHERE, even `WHERE true`, is the author's explicit choice of rows (WHERE CURRENT OF too).
      if (node.whereClause) continue;
      // A table created earlier in this file holds only what this file put there.
      if (!isExistingTable(model, node.relation, statement)) continue;
      const table = displayName(node.relation);
      // Inside a data-modifying CTE, point at the CTE; otherwise at the DELETE itself.
      if (!node.usingClause?.length) {
        report({ messageId: 'no-where', statement, at: cte, data: { table } });
      } else {
        report({ messageId: 'using-no-where', statement, at: cte, data: { table, using: describeUsing(node.usingClause) } });
      }
    }
  },
});

/** `orders, customers` when USING lists plain tables; a neutral phrase for subqueries and joins. */
function describeUsing(items: Node[]): string {
  const names = items.map((item) => as(item, 'RangeVar'));
  if (names.every((name) => name !== undefined)) return names.map(displayName).join(', ');
  return 'the USING list';
}
