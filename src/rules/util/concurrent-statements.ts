// The index operations that have a CONCURRENTLY form. They share two facts rules depend on: the
// concurrent form cannot run inside a transaction block, and the plain form blocks writes.

import type { Node, ReindexStmt } from 'libpg-query';
import { as } from '../../sql/ast.js';
import { isOptionEnabled } from './option-flags.js';

export type ConcurrentOperation = 'CREATE INDEX CONCURRENTLY' | 'DROP INDEX CONCURRENTLY' | 'REINDEX CONCURRENTLY';

/** `REINDEX ... CONCURRENTLY` or `REINDEX (CONCURRENTLY) ...` (the parser stores both as an option). */
export function isConcurrentReindex(reindex: ReindexStmt): boolean {
  return isOptionEnabled(reindex.params, 'concurrently');
}

/** Which concurrent index operation `node` is, or undefined when it is none. */
export function concurrentOperationOf(node: Node): ConcurrentOperation | undefined {
  if (as(node, 'IndexStmt')?.concurrent) return 'CREATE INDEX CONCURRENTLY';
  const drop = as(node, 'DropStmt');
  if (drop?.removeType === 'OBJECT_INDEX' && drop.concurrent) return 'DROP INDEX CONCURRENTLY';
  const reindex = as(node, 'ReindexStmt');
  if (reindex && isConcurrentReindex(reindex)) return 'REINDEX CONCURRENTLY';
  return undefined;
}
