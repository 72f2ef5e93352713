// CREATE INDEX without CONCURRENTLY holds a SHARE lock on the table for the whole build: every
// INSERT, UPDATE and DELETE waits until the index is complete.

import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { insertAfter } from './util/rewrite.js';
import { isExistingTable, statementsOf } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'require-concurrent-index-creation',
    description: 'CREATE INDEX on an existing table must use CONCURRENTLY.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    scalesWithTableSize: true,
    messages: {
      'not-concurrent': {
        message: 'CREATE INDEX on existing table {{table}} without CONCURRENTLY blocks all writes to it until the index is built.',
        help: 'Use CREATE INDEX CONCURRENTLY, and {{recipe}}.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node } of statementsOf(model, 'IndexStmt')) {
      if (node.concurrent) continue;
      // An index on a table created earlier in this file cannot block anyone: the table is new and empty.
      if (!isExistingTable(model, node.relation, statement)) continue;
      report({
        messageId: 'not-concurrent',
        statement,
        data: { table: displayName(node.relation), recipe: model.scope.outsideTransaction },
        fix: (text) => insertAfter(text, ['INDEX'], 'CONCURRENTLY'),
        // CONCURRENTLY cannot run inside a transaction: there the fix is the statement to move out.
        fixInPlace: !statement.inTransaction,
      });
    }
  },
});
