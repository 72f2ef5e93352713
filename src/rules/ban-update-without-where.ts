// UPDATE without WHERE rewrites every row of the table in one statement: each row is locked until
// the transaction ends (blocking every other writer of any row), a new version of each row is
// written (the table doubles in size until vacuum catches up, with WAL and replication lag to
// match), and a mistaken SET cannot be undone. It is usually a lost WHERE, or a backfill that
// should run in batches.

import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { executedModifications } from './util/executed-modifications.js';
import { isExistingTable } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'ban-update-without-where',
    description: 'UPDATE without a WHERE clause on a table that existed before the migration.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'no-where': {
        message: 'UPDATE without WHERE rewrites every row of existing table {{table}}, holding a lock on each row until the transaction ends and leaving a dead copy of every row behind.',
        help: 'Add a WHERE clause that selects only the rows to change; to backfill the whole table, update it in batches by key range (WHERE id >= ... AND id < ...), each batch in its own transaction.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node, cte } of executedModifications(model, 'UpdateStmt')) {
      // Any WHERE, even `WHERE true`, is the author's explicit choice of rows (WHERE CURRENT OF too).
      if (node.whereClause) continue;
      // A table created earlier in this file is new: nobody else reads or writes its rows yet.
      if (!isExistingTable(model, node.relation, statement)) continue;
      // Inside a data-modifying CTE, point at the CTE; otherwise at the UPDATE itself.
      report({ messageId: 'no-where', statement, at: cte, data: { table: displayName(node.relation) } });
    }
  },
});
