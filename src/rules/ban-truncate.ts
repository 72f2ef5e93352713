// TRUNCATE empties a table at once: every row is gone, no WHERE can narrow it, and the rows are
// not recoverable without a restore. It also takes an ACCESS EXCLUSIVE lock that blocks even
// reads of the table until the transaction ends. CASCADE widens it to every table whose foreign
// keys reference the truncated ones, which the statement does not name.

import { as, displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { objectList } from './util/object-list.js';
import { isExistingTable, statementsOf } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'ban-truncate',
    description: 'TRUNCATE of a table that existed before the migration deletes all its rows.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      truncate: {
        message: 'TRUNCATE permanently deletes every row of existing {{tables}} and blocks even reads of {{them}} with an ACCESS EXCLUSIVE lock until the transaction ends.',
        help: 'Delete only the rows that must go with DELETE ... WHERE, in batches by key range; if a table really must be emptied, do it by hand after a backup, not in a migration.',
      },
      'truncate-cascade': {
        message: 'TRUNCATE ... CASCADE permanently deletes every row of existing {{tables}} and of every table that references {{them}} through a foreign key, without naming those tables.',
        help: 'Name every table to empty explicitly and drop CASCADE, or delete only the rows that must go with DELETE ... WHERE in batches; empty production tables by hand after a backup, not in a migration.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node } of statementsOf(model, 'TruncateStmt')) {
      // Tables created earlier in this file hold only what this file put there: nothing is lost.
      const existing = (node.relations ?? []).flatMap((item) => {
        const relation = as(item, 'RangeVar');
        return relation && isExistingTable(model, relation, statement) ? [relation] : [];
      });
      const first = existing[0];
      if (!first) continue;
      const { phrase, them } = objectList('table', existing.map(displayName));
      report({
        messageId: node.behavior === 'DROP_CASCADE' ? 'truncate-cascade' : 'truncate',
        statement,
        at: first,
        data: { tables: phrase, them },
      });
    }
  },
});
