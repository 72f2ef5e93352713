// The cheapest faithful way to apply a merged migration: its whole text as one query, not split
// into statements. One query is one transaction, so on success the result is what the runner gets, and
// on error nothing was kept and the caller applies the file again the careful way (parsed, statement
// by statement), which also locates the error. That holds only when the text cannot end or split a
// transaction, or scope a setting to one: files that may are not sent this way.
//
// What "may" means is read from Postgres's parser, so that a keyword inside a string, a dollar-quoted
// function body or a comment does not count (a plpgsql body's END, the commonest false alarm of a
// word search, would send a quarter of a typical history down the careful path). A DO block or a
// CALL runs code the parser does not see into, so it counts as "may" for both questions. (The
// scanner would do too, but it costs three times a parse.)

import type pg from 'pg';
import { parseSync, type Node } from 'libpg-query';
import { findAll, nameParts } from '../sql/ast.js';
import type { TransactionScope } from '../types.js';
import { guardParser } from '../sql/parser-guard.js';

/** What the parser tells about a file's text before it is sent whole. */
export interface WholeTextTraits {
  /** A statement that may end or split the transaction, or scope a setting to it (SET LOCAL, set_config). */
  controlsTransactions: boolean;
  /** A statement that may change session settings that would carry into the next file. */
  setsSessionState: boolean;
}

const MAY_BOTH: WholeTextTraits = { controlsTransactions: true, setsSessionState: true };

/** Both answers are "may" when the text does not parse: the careful path reports why. */
export function wholeTextTraits(text: string): WholeTextTraits {
  let statements: Node[];
  try {
    statements = (guardParser(text, () => parseSync(text)).stmts ?? []).flatMap((raw) => (raw.stmt ? [raw.stmt] : []));
  } catch {
    return MAY_BOTH;
  }
  const traits: WholeTextTraits = { controlsTransactions: false, setsSessionState: false };
  for (const statement of statements) {
    if ('TransactionStmt' in statement) traits.controlsTransactions = true;
    if ('DoStmt' in statement || 'CallStmt' in statement) return MAY_BOTH;
    if ('DiscardStmt' in statement) traits.setsSessionState = true;
    if ('VariableSetStmt' in statement) {
      const set = statement.VariableSetStmt;
      // SET LOCAL and SET TRANSACTION last to the end of the transaction, which here is the file's.
      if (set.is_local || set.kind === 'VAR_SET_MULTI') traits.controlsTransactions = true;
      else traits.setsSessionState = true;
    }
  }
  // A substring test first: walking every tree for a call that almost no file makes costs more.
  if (text.toLowerCase().includes('set_config') && callsSetConfig(statements)) return MAY_BOTH;
  return traits;
}

function callsSetConfig(statements: readonly Node[]): boolean {
  return findAll(statements, 'FuncCall').some((call) => nameParts(call.funcname).at(-1) === 'set_config');
}

/** True when the text was applied; false when it must be applied statement by statement instead. */
export async function applyWholeText(client: pg.Client, text: string, traits: WholeTextTraits, scope: TransactionScope): Promise<boolean> {
  if (traits.controlsTransactions) return false;
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
