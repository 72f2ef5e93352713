// The cheapest faithful way to apply a merged migration: its whole text as one query, without
// parsing it. One query is one transaction, so on success the result is what the runner gets, and
// on error nothing was kept and the caller applies the file again the careful way (parsed, statement
// by statement), which also locates the error. That holds only when the text cannot end or split a
// transaction, or scope a setting to one: files that may (COMMIT, ROLLBACK, END, SAVEPOINT, SET
// LOCAL, ...) are not sent this way. The words are matched anywhere, comments and function bodies
// included: a false match only costs the careful path.

import type pg from 'pg';
import type { TransactionScope } from '../types.js';

const MAY_CONTROL_TRANSACTIONS = /\b(commit|rollback|abort|end|prepare|savepoint|release|local|set_config)\b/i;

/** True when the text was applied; false when it must be applied statement by statement instead. */
export async function applyWholeText(client: pg.Client, text: string, scope: TransactionScope): Promise<boolean> {
  if (MAY_CONTROL_TRANSACTIONS.test(text)) return false;
  // Runners that open a real transaction: CONCURRENTLY and the like must fail here as they would there.
  const begin = scope.wrapsFile && scope.nonTransactional !== 'single-statement';
  try {
    if (begin) await client.query('BEGIN');
    await client.query(text);
    // A BEGIN without COMMIT leaves the transaction open: the careful path reports it.
    if (!begin && client.getTransactionStatus() !== 'I') throw new Error('transaction left open');
    if (begin) await client.query('COMMIT');
    return true;
  } catch {
    if (client.getTransactionStatus() !== 'I') await client.query('ROLLBACK').catch(() => undefined);
    return false;
  }
}

/**
 * Whether the text may change session settings that would carry into the next file: a line that
 * starts with SET, RESET or DISCARD, or a call of set_config. (An UPDATE's SET on a line of its own
 * also counts; that only costs a RESET ALL.)
 */
export function maySetSessionState(text: string): boolean {
  return /^\s*(set|reset|discard)\s|set_config/im.test(text);
}
