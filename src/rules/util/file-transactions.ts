// The transaction blocks the file's own BEGIN/COMMIT statements open and close, replayed as if no
// runner wrapped the file. The file model answers "is a transaction open" for the runner the
// layout names; this answers "did the file itself open one", which matters where the runner's
// transaction is not what the model assumes: Flyway drops its own for migrations with CONCURRENTLY
// statements, and a runner that sends the whole file as one query has an implicit transaction that
// a BEGIN silently turns into the file's own.

import { as } from '../../sql/ast.js';
import type { FileModel, StatementModel } from '../../lint/file-model.js';

export interface FileTransactions {
  /** Indexes of the statements inside a block opened by the file's BEGIN (or kept open by AND CHAIN). */
  inside: Set<number>;
  /** The statement that opened the block still open when the file ends, if any. */
  openAtEnd: StatementModel | undefined;
}

export function replayFileTransactions(model: FileModel): FileTransactions {
  const inside = new Set<number>();
  let openedBy: StatementModel | undefined;
  for (const statement of model.statements) {
    if (openedBy) inside.add(statement.index);
    if (statement.parsed.origin !== 'file') continue;
    const transaction = as(statement.parsed.node, 'TransactionStmt');
    switch (transaction?.kind) {
      case 'TRANS_STMT_BEGIN':
      case 'TRANS_STMT_START':
        openedBy ??= statement;
        break;
      case 'TRANS_STMT_COMMIT':
      case 'TRANS_STMT_ROLLBACK':
        // AND CHAIN starts a new transaction block at once (the file model treats it as closed).
        openedBy = transaction.chain === true && (openedBy !== undefined || statement.inTransaction) ? statement : undefined;
        break;
      case 'TRANS_STMT_PREPARE':
        openedBy = undefined;
        break;
      default:
        break;
    }
  }
  return { inside, openAtEnd: openedBy };
}

/** `BEGIN`, `START TRANSACTION`, `COMMIT` (also for END), `ROLLBACK` (also for ABORT), `... AND CHAIN`. */
export function transactionCommandOf(statement: StatementModel): string | undefined {
  const transaction = as(statement.parsed.node, 'TransactionStmt');
  const chain = transaction?.chain ? ' AND CHAIN' : '';
  switch (transaction?.kind) {
    case 'TRANS_STMT_BEGIN':
      return 'BEGIN';
    case 'TRANS_STMT_START':
      return 'START TRANSACTION';
    case 'TRANS_STMT_COMMIT':
      return `COMMIT${chain}`;
    case 'TRANS_STMT_ROLLBACK':
      return `ROLLBACK${chain}`;
    default:
      return undefined;
  }
}
