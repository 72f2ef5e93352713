// A BEGIN that the file never closes leaves the migration's work in an open transaction. A
// psql-style runner then ends the session and Postgres rolls it all back, or the next migration on
// the same connection silently joins it; either way what the runner records as applied is not
// what the database holds.

import type { StatementModel } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { replayFileTransactions, transactionCommandOf } from './util/file-transactions.js';

export default defineRule({
  meta: {
    id: 'ban-uncommitted-transaction',
    description: 'A transaction the file opens with BEGIN must be closed by COMMIT or ROLLBACK in the same file.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'not-committed': {
        message: '{{command}} opens a transaction that the file never commits: everything after it is rolled back when the session ends, or joins whatever runs next on the connection.',
        help: 'Add COMMIT; after the last statement that belongs in the transaction, or remove the {{command}}.',
      },
    },
  },
  check({ model, report }) {
    const { scope } = model;
    let opener: StatementModel | undefined;
    if (scope.nonTransactional === 'single-statement') {
      // The whole file is one query: a BEGIN in it turns the query's implicit transaction into an
      // explicit one, which stays open after the query, with the runner's bookkeeping inside it.
      opener = replayFileTransactions(model).openAtEnd;
    } else if (!scope.wrapsFile && model.openAtEnd?.explicit) {
      opener = model.statements[model.openAtEnd.statementIndex];
    }
    // A runner that wraps the file in its own transaction (Drizzle, Flyway) commits whatever is open
    // when the file ends: a BEGIN left open after the file's own COMMIT hands it back a transaction.
    if (!opener) return;
    report({ messageId: 'not-committed', statement: opener, data: { command: transactionCommandOf(opener) ?? 'BEGIN' } });
  },
});
