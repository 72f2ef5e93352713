// The lock a statement that runs outside a transaction takes on the relation it names, as the
// manual documents it (the "Explicit Locking" table and each command's page). The tracer sees such a
// statement's locks only by polling while it runs (lock-poller.ts), and one faster than a poll
// interval (an index built on a small table) shows none: the trace would say "no locks" on one run
// and "SHARE UPDATE EXCLUSIVE" on the next, which makes the report, and the README's demo, change
// from machine to machine. So the tracer adds the documented lock when no poll saw it, marked as
// such (`observed: 'documented'`). Statements whose target the text does not name (VACUUM of the
// whole database, DROP INDEX CONCURRENTLY's table) get none.

import type { Node, RangeVar } from 'libpg-query';
import { as } from '../sql/ast.js';
import { isConcurrentReindex } from '../rules/util/concurrent-statements.js';
import { isOptionEnabled } from '../rules/util/option-flags.js';

export interface DocumentedLock {
  /** As written; undefined: found on the search_path. */
  schema: string | undefined;
  name: string;
  /** pg_locks spelling, e.g. `ShareUpdateExclusiveLock`. */
  mode: string;
}

const SHARE_UPDATE_EXCLUSIVE = 'ShareUpdateExclusiveLock';

export function documentedLocksOf(node: Node | undefined): DocumentedLock[] {
  if (!node) return [];
  const index = as(node, 'IndexStmt');
  // CREATE INDEX CONCURRENTLY: SHARE UPDATE EXCLUSIVE on the table for the whole build.
  if (index?.concurrent) return lockOn(index.relation, SHARE_UPDATE_EXCLUSIVE);
  const reindex = as(node, 'ReindexStmt');
  // REINDEX CONCURRENTLY TABLE/INDEX: SHARE UPDATE EXCLUSIVE on the table and its indexes.
  if (reindex && isConcurrentReindex(reindex)) return lockOn(reindex.relation, SHARE_UPDATE_EXCLUSIVE);
  const vacuum = as(node, 'VacuumStmt');
  if (vacuum?.is_vacuumcmd) {
    // VACUUM: SHARE UPDATE EXCLUSIVE; VACUUM FULL rewrites the table under ACCESS EXCLUSIVE.
    const mode = isOptionEnabled(vacuum.options, 'full') ? 'AccessExclusiveLock' : SHARE_UPDATE_EXCLUSIVE;
    return (vacuum.rels ?? []).flatMap((rel) => lockOn(as(rel, 'VacuumRelation')?.relation, mode));
  }
  return [];
}

function lockOn(relation: RangeVar | undefined, mode: string): DocumentedLock[] {
  return relation?.relname ? [{ schema: relation.schemaname, name: relation.relname, mode }] : [];
}
