// VACUUM FULL and CLUSTER write a new copy of the table (in index order, for CLUSTER), rebuild its
// indexes, and swap the files, all under an ACCESS EXCLUSIVE lock: every read and write of the
// table waits for the whole copy, and the disk needs room for a second one. Plain VACUUM takes
// SHARE UPDATE EXCLUSIVE and lets traffic go on. Without a table name both work through every
// table of the database (CLUSTER: every table clustered before), one after another.

import type { RangeVar } from 'libpg-query';
import { as, displayName } from '../sql/ast.js';
import type { StatementModel } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { objectList } from './util/object-list.js';
import { isOptionEnabled } from './util/option-flags.js';
import { isExistingTable, statementsOf } from './util/statements.js';

/** The first PostgreSQL whose REPACK (CONCURRENTLY) rebuilds a table without blocking it. */
const REPACK_CONCURRENTLY_SINCE = 19;

export default defineRule({
  meta: {
    id: 'ban-vacuum-full-and-cluster',
    description: 'VACUUM FULL and CLUSTER rewrite existing tables under an ACCESS EXCLUSIVE lock.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'vacuum-full': {
        message: 'VACUUM FULL rewrites existing {{tables}} into a new copy under an ACCESS EXCLUSIVE lock: every read and write of {{them}} waits until the copy and its indexes are rebuilt, and the disk needs room for both copies meanwhile.',
        help: 'Use plain VACUUM, which lets reads and writes go on; to give the space back to the operating system, rebuild the table online with {{online}}, outside the migration.',
      },
      'vacuum-full-database': {
        message: 'VACUUM FULL without a table rewrites every table of the database, one after another, each under an ACCESS EXCLUSIVE lock that blocks its reads and writes until its copy is done.',
        help: 'Leave VACUUM FULL out of the migration: plain VACUUM (or autovacuum) keeps tables healthy without blocking, and {{online}} rebuilds one bloated table online.',
      },
      cluster: {
        message: 'CLUSTER rewrites existing {{tables}} in index order under an ACCESS EXCLUSIVE lock: every read and write of {{them}} waits until the copy and its indexes are rebuilt, and the disk needs room for both copies meanwhile.',
        help: 'Leave physical ordering out of the migration: rebuild the table in index order online with {{online}} (pg_repack --order-by), in a maintenance window if at all.',
      },
      'cluster-database': {
        message: 'CLUSTER without a table rewrites every table of the database that was clustered before, one after another, each under an ACCESS EXCLUSIVE lock that blocks its reads and writes until its copy is done.',
        help: 'Leave CLUSTER out of the migration; rebuild the one table that needs it online with {{online}}, in a maintenance window if at all.',
      },
    },
  },
  check({ model, postgresVersion, report }) {
    const online = postgresVersion >= REPACK_CONCURRENTLY_SINCE ? 'REPACK (CONCURRENTLY) or the pg_repack extension' : 'the pg_repack extension';
    // Tables created earlier in this file (or by an earlier new migration) hold only what the change wrote: nobody waits.
    const existingOf = (relations: RangeVar[], statement: StatementModel) =>
      relations.filter((relation) => isExistingTable(model, relation, statement));

    for (const { statement, node } of statementsOf(model, 'VacuumStmt')) {
      if (!node.is_vacuumcmd || !isOptionEnabled(node.options, 'full')) continue;
      const named = (node.rels ?? []).flatMap((rel) => {
        const relation = as(rel, 'VacuumRelation')?.relation;
        return relation ? [relation] : [];
      });
      if (named.length === 0) {
        report({ messageId: 'vacuum-full-database', statement, data: { online } });
        continue;
      }
      const existing = existingOf(named, statement);
      if (existing.length === 0) continue;
      const { phrase, them } = objectList('table', existing.map(displayName));
      report({ messageId: 'vacuum-full', statement, at: existing[0], data: { tables: phrase, them, online } });
    }

    for (const { statement, node } of statementsOf(model, 'ClusterStmt')) {
      if (!node.relation) {
        report({ messageId: 'cluster-database', statement, data: { online } });
        continue;
      }
      if (existingOf([node.relation], statement).length === 0) continue;
      report({ messageId: 'cluster', statement, at: node.relation, data: { tables: `table ${displayName(node.relation)}`, them: 'it', online } });
    }
  },
});
