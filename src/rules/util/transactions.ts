// Which statements of a file run in the same transaction. A lock is held until its transaction
// ends, so "do X in a separate transaction" advice is only followed when a COMMIT (or autocommit)
// really separates the two statements.

import type { FileModel } from '../../lint/file-model.js';

/**
 * A transaction id per statement, indexed like `model.statements`: two statements with the same id
 * run in the same transaction. A statement outside any transaction is its own (autocommit)
 * transaction; the statements inside a DO block share the DO statement's.
 */
export function transactionIds(model: FileModel): readonly number[] {
  const ids: number[] = [];
  let next = 0;
  let open: number | undefined;
  for (const statement of model.statements) {
    const parent = statement.parsed.parentIndex;
    if (parent !== undefined) {
      // The DO statement comes before its inner statements, so its id is already known.
      ids.push(ids[parent]!);
    } else if (!statement.inTransaction) {
      // Between transactions (a BEGIN, or an autocommit statement): whatever opens next is new.
      open = undefined;
      ids.push(next++);
    } else {
      open ??= next++;
      ids.push(open);
    }
  }
  return ids;
}
