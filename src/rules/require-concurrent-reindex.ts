// REINDEX without CONCURRENTLY holds a SHARE lock on the table for the whole rebuild (every write
// waits) and an ACCESS EXCLUSIVE lock on each index it rebuilds. The planner locks every index of a
// table it plans a query for, not only those the plan uses, so nearly every query on the table waits,
// reads included. REINDEX ... CONCURRENTLY, from Postgres 12, rebuilds without blocking either.

import type { ReindexStmt } from 'libpg-query';
import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { isConcurrentReindex } from './util/concurrent-statements.js';
import { indexNameOf, isIndexOnNewTable } from './util/index-names.js';
import { isExistingTable, statementsOf } from './util/statements.js';

/** The version that introduced REINDEX CONCURRENTLY: before it there is no alternative to suggest. */
const CONCURRENT_REINDEX_SINCE = 12;

export default defineRule({
  meta: {
    id: 'require-concurrent-reindex',
    description: 'REINDEX must use CONCURRENTLY (Postgres 12 and later).',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    scalesWithTableSize: true,
    messages: {
      'not-concurrent': {
        message: 'REINDEX {{target}} without CONCURRENTLY blocks writes to {{table}} and, because planning a query on a table locks all of its indexes, nearly every read of it too, until the rebuild is done.',
        help: 'Use REINDEX {{kind}} CONCURRENTLY, and {{recipe}}.',
      },
      system: {
        message: 'REINDEX SYSTEM rebuilds the system catalog indexes with exclusive locks, which stalls every session of the database, and it cannot run CONCURRENTLY.',
        help: 'Do not reindex system catalogs from a migration; run REINDEX SYSTEM by hand in a maintenance window if it is really needed.',
      },
    },
  },
  check({ model, postgresVersion, report }) {
    if (postgresVersion < CONCURRENT_REINDEX_SINCE) return;
    for (const { statement, node } of statementsOf(model, 'ReindexStmt')) {
      if (isConcurrentReindex(node)) continue;
      if (node.kind === 'REINDEX_OBJECT_SYSTEM') {
        report({ messageId: 'system', statement });
        continue;
      }
      // A table (or an index on a table) that this file created is new and empty: nothing waits.
      if (node.kind === 'REINDEX_OBJECT_TABLE' && !isExistingTable(model, node.relation, statement)) continue;
      if (node.kind === 'REINDEX_OBJECT_INDEX' && isIndexOnNewTable(model, indexNameOf(node.relation), statement)) continue;
      report({ messageId: 'not-concurrent', statement, data: { ...describe(node), recipe: model.scope.outsideTransaction } });
    }
  },
});

function describe(node: ReindexStmt): { kind: string; target: string; table: string } {
  switch (node.kind) {
    case 'REINDEX_OBJECT_INDEX':
      return { kind: 'INDEX', target: `INDEX ${displayName(node.relation)}`, table: 'its table' };
    case 'REINDEX_OBJECT_TABLE':
      return { kind: 'TABLE', target: `TABLE ${displayName(node.relation)}`, table: displayName(node.relation) };
    case 'REINDEX_OBJECT_SCHEMA':
      return { kind: 'SCHEMA', target: `SCHEMA ${node.name ?? ''}`, table: `each table of schema ${node.name ?? ''}` };
    default:
      // REINDEX DATABASE may omit the name (Postgres 15+): it then means the current database.
      return {
        kind: 'DATABASE',
        target: node.name ? `DATABASE ${node.name}` : 'DATABASE',
        table: 'each table of the database',
      };
  }
}
