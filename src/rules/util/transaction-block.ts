// Why a statement that Postgres refuses inside a transaction block (CREATE INDEX CONCURRENTLY; ALTER
// TYPE ... ADD VALUE before Postgres 12) ends up inside one: the file's own BEGIN, a DO block, or the
// way the runner sends the file (DESIGN.md, runner table).

import type { FileModel, StatementModel } from '../../lint/file-model.js';
import { replayFileTransactions } from './file-transactions.js';
import { runnerDropsTransaction } from './held-locks.js';

export type TransactionBlockCause = 'do-block' | 'explicit-transaction' | 'runner-batch' | 'runner-transaction' | 'runner-single-query';

/**
 * The cause for each statement of `model` that runs inside a transaction block, as a function of
 * the statement: undefined when it runs outside one. A runner that detects such statements (Flyway)
 * runs the file without its own transaction, so only the file's BEGIN and DO blocks count there.
 * `detectedByRunner: false` is for a statement that runner does not know to run outside
 * (DETACH PARTITION ... CONCURRENTLY): it stays in the runner's transaction, unless the file holds
 * another statement the runner detects.
 */
export function transactionBlockCauses(model: FileModel, { detectedByRunner = true } = {}): (statement: StatementModel) => TransactionBlockCause | undefined {
  const topLevelCount = model.statements.filter((statement) => statement.parsed.origin === 'file').length;
  const inFileTransaction = replayFileTransactions(model).inside;
  const { scope } = model;
  return (statement) => {
    if (statement.parsed.origin === 'do-block') return 'do-block';
    if (statement.inExplicitTransaction) return 'explicit-transaction';
    // A runner that detects the statement (Flyway) runs the whole file without its own transaction,
    // so the file's BEGIN becomes a real transaction block even though the runner's was open first.
    if (scope.nonTransactional === 'detected' && inFileTransaction.has(statement.index)) return 'explicit-transaction';
    switch (scope.nonTransactional) {
      case 'never':
        // The runner's real transaction (per migration, or for Drizzle the whole batch); only a COMMIT
        // earlier in the file gets out of it, and the file model already counts that (inTransaction
        // is false after it).
        if (!statement.inTransaction) return undefined;
        return scope.batchesPending ? 'runner-batch' : 'runner-transaction';
      case 'single-statement':
        // Postgres wraps a multi-statement query in an implicit transaction block, and a COMMIT in the
        // file does not get out of it: each later statement starts a new implicit block.
        return topLevelCount > 1 ? 'runner-single-query' : undefined;
      case 'detected':
        // The runner (Flyway, psql-style) notices the statement and runs it outside a transaction.
        if (detectedByRunner || !scope.wrapsFile || runnerDropsTransaction(model)) return undefined;
        return statement.inTransaction ? 'runner-transaction' : undefined;
    }
  };
}
