// Statements Postgres refuses inside a transaction block (SQLSTATE 25001): what Flyway detects and
// runs outside its transaction (so a migration holding one runs without Flyway's transaction, which
// the rules need to know), and what the gate must send on its own instead of wrapping it in the
// BEGIN ... COMMIT it uses to read a statement's locks. The executor also falls back when the
// server answers 25001 for something not listed here, so this list only saves a round trip.

import type { Node } from 'libpg-query';
import { as } from '../../sql/ast.js';
import { concurrentOperationOf } from './concurrent-statements.js';
import { isOptionEnabled } from './option-flags.js';

export function cannotRunInTransaction(node: Node): boolean {
  if (concurrentOperationOf(node)) return true;
  const vacuum = as(node, 'VacuumStmt');
  // ANALYZE alone may run in a transaction; VACUUM may not.
  if (vacuum) return vacuum.is_vacuumcmd === true;
  const reindex = as(node, 'ReindexStmt');
  if (reindex) return reindex.kind === 'REINDEX_OBJECT_SYSTEM' || reindex.kind === 'REINDEX_OBJECT_DATABASE';
  const cluster = as(node, 'ClusterStmt');
  if (cluster) return cluster.relation === undefined;
  const discard = as(node, 'DiscardStmt');
  if (discard) return discard.target === 'DISCARD_ALL';
  return (
    'CreatedbStmt' in node ||
    'DropdbStmt' in node ||
    'AlterSystemStmt' in node ||
    'CreateTableSpaceStmt' in node ||
    'DropTableSpaceStmt' in node ||
    ('CreateSubscriptionStmt' in node && !isOptionEnabledFalse(node))
  );
}

/** CREATE SUBSCRIPTION ... WITH (connect = false) may run in a transaction. */
function isOptionEnabledFalse(node: Node): boolean {
  const options = as(node, 'CreateSubscriptionStmt')?.options;
  return (options ?? []).some((option) => as(option, 'DefElem')?.defname === 'connect') && !isOptionEnabled(options, 'connect');
}
