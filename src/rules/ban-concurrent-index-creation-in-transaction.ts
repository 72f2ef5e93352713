// CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY refuse to run inside a
// transaction block ("cannot run inside a transaction block"): they commit internally between
// phases. Whether a statement is inside one depends on the file (BEGIN, DO) and on how the runner
// sends it (DESIGN.md, runner table), so the migration that passes locally fails on deploy.

import type { StatementModel } from '../lint/file-model.js';
import type { TransactionScope } from '../types.js';
import { defineRule } from './rule.js';
import { concurrentOperationOf } from './util/concurrent-statements.js';
import { replayFileTransactions } from './util/file-transactions.js';

type Cause = 'do-block' | 'explicit-transaction' | 'runner-batch' | 'runner-transaction' | 'runner-single-query';

export default defineRule({
  meta: {
    id: 'ban-concurrent-index-creation-in-transaction',
    description: 'Concurrent index operations must not run inside a transaction, opened by the file or by the migration runner.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'explicit-transaction': {
        message: '{{operation}} inside the transaction opened by BEGIN fails: Postgres refuses to run it inside a transaction block.',
        help: 'Move {{operation}} out of BEGIN/COMMIT; under {{runner}}, {{recipe}}.',
      },
      'do-block': {
        message: '{{operation}} inside a DO block fails: a DO block always runs inside a transaction, where Postgres refuses it.',
        help: 'Run {{operation}} as a top-level statement instead of from a DO block; under {{runner}}, {{recipe}}.',
      },
      'runner-batch': {
        message: '{{runner}} runs every pending migration in one transaction, so {{operation}} fails there with "cannot run inside a transaction block".',
        help: 'To run {{operation}} under {{runner}}, {{recipe}}.',
      },
      'runner-transaction': {
        message: '{{runner}} runs each migration in a transaction of its own, so {{operation}} fails there with "cannot run inside a transaction block".',
        help: 'To run {{operation}} under {{runner}}, {{recipe}}.',
      },
      'runner-single-query': {
        message: '{{runner}} sends the whole file as one query, which Postgres runs as one implicit transaction, so {{operation}} fails unless it is the only statement in the file.',
        help: 'To run {{operation}} under {{runner}}, {{recipe}}.',
      },
    },
  },
  check({ model, report }) {
    const topLevelCount = model.statements.filter((statement) => statement.parsed.origin === 'file').length;
    const inFileTransaction = replayFileTransactions(model).inside;
    for (const statement of model.statements) {
      const operation = concurrentOperationOf(statement.parsed.node);
      if (!operation) continue;
      const cause = causeOf(statement, model.scope, topLevelCount, inFileTransaction.has(statement.index));
      if (!cause) continue;
      report({ messageId: cause, statement, data: { operation, runner: model.scope.runner, recipe: model.scope.outsideTransaction } });
    }
  },
});

/** Why the statement ends up inside a transaction block, or undefined when it does not. */
function causeOf(
  statement: StatementModel,
  scope: TransactionScope,
  topLevelCount: number,
  inFileTransaction: boolean,
): Cause | undefined {
  if (statement.parsed.origin === 'do-block') return 'do-block';
  if (statement.inExplicitTransaction) return 'explicit-transaction';
  // A runner that detects the statement (Flyway) runs the whole file without its own transaction,
  // so the file's BEGIN becomes a real transaction block even though the runner's was open first.
  if (scope.nonTransactional === 'detected' && inFileTransaction) return 'explicit-transaction';
  switch (scope.nonTransactional) {
    case 'never':
      // The runner's real transaction (per migration, or for Drizzle the whole batch); only a COMMIT
      // earlier in the file gets out of it, and the file model already counts that (inTransaction
      // is false after it).
      if (!statement.inTransaction) return undefined;
      return scope.spansPendingMigrations ? 'runner-batch' : 'runner-transaction';
    case 'single-statement':
      // Postgres wraps a multi-statement query in an implicit transaction block, and a COMMIT in the
      // file does not get out of it: each later statement starts a new implicit block.
      return topLevelCount > 1 ? 'runner-single-query' : undefined;
    case 'detected':
      // The runner (Flyway, psql-style) notices the statement and runs it outside a transaction.
      return undefined;
  }
}
