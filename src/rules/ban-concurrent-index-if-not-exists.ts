// A concurrent index build that fails (a duplicate in a UNIQUE index, a deadlock, a cancelled
// deploy, a lock_timeout) does not roll back: it leaves the index behind, marked INVALID. The retry
// of `CREATE INDEX CONCURRENTLY IF NOT EXISTS` then finds that name, says "already exists,
// skipping" and succeeds: the migration is recorded as applied, and the table keeps an index that
// no query uses. Dropping the name first (DROP INDEX CONCURRENTLY IF EXISTS) removes an INVALID
// leftover, so the build after it always runs.

import { as, displayName } from '../sql/ast.js';
import type { StatementModel } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { droppedIndexNames } from './util/index-names.js';
import { isExistingTable, statementsOf } from './util/statements.js';
import { transactionBlockCauses } from './util/transaction-block.js';

export default defineRule({
  meta: {
    id: 'ban-concurrent-index-if-not-exists',
    description: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS on an existing table must be preceded by DROP INDEX CONCURRENTLY IF EXISTS of the same index.',
    severity: 'warning',
    risk: 'medium',
    kind: 'statement',
    messages: {
      'if-not-exists': {
        message:
          'CREATE INDEX CONCURRENTLY IF NOT EXISTS {{index}} on existing table {{table}} does nothing when an index of that name exists, also the INVALID one a failed concurrent build leaves behind: the retry then succeeds and the table keeps an index no query uses.',
        help: 'Run DROP INDEX CONCURRENTLY IF EXISTS {{index}}; right before it in the same migration (it removes an INVALID leftover, so IF NOT EXISTS is no longer needed); for both statements, {{recipe}}.',
      },
      'if-not-exists-single-statement': {
        message:
          'CREATE INDEX CONCURRENTLY IF NOT EXISTS {{index}} on existing table {{table}} does nothing when an index of that name exists, also the INVALID one a failed concurrent build leaves behind: the retry then succeeds and the table keeps an index no query uses.',
        // The file must hold only this statement, so a DROP cannot share it, and a DROP in an earlier
        // migration does not run again on the retry: the runner records that one as applied.
        help: '{{runner}} runs this file outside a transaction only while it holds this one statement, so a DROP cannot go before it here: remove IF NOT EXISTS, so that a retry over an INVALID leftover fails with "already exists" instead of passing, and then drop that index (DROP INDEX CONCURRENTLY {{index}}) before you retry.',
      },
    },
  },
  check({ model, report }) {
    const causeOf = transactionBlockCauses(model);
    // Indexes (`schema.name`) the file has dropped with IF EXISTS so far, by the statement that dropped them.
    const droppedBefore = new Map<string, number>();
    for (const statement of model.statements) {
      const drop = as(statement.parsed.node, 'DropStmt');
      if (drop?.missing_ok) {
        for (const name of droppedIndexNames(drop)) droppedBefore.set(qualified(name, statement), statement.index);
      }
    }
    for (const { statement, node } of statementsOf(model, 'IndexStmt')) {
      if (!node.concurrent || !node.if_not_exists || !node.idxname) continue;
      // Inside a transaction block the build fails outright: ban-concurrent-index-creation-in-transaction says so.
      if (causeOf(statement)) continue;
      // A table created by this file or this change is new: no earlier attempt can have left an index on it.
      if (!isExistingTable(model, node.relation, statement)) continue;
      // An index lives in its table's schema.
      const index = node.relation?.schemaname ? `${node.relation.schemaname}.${node.idxname}` : node.idxname;
      const droppedAt = droppedBefore.get(qualified(index, statement));
      if (droppedAt !== undefined && droppedAt < statement.index) continue;
      report({
        messageId: model.scope.nonTransactional === 'single-statement' ? 'if-not-exists-single-statement' : 'if-not-exists',
        statement,
        data: { index, table: displayName(node.relation), runner: model.scope.runner, recipe: model.scope.outsideTransaction },
      });
    }
  },
});

function qualified(name: string, statement: StatementModel): string {
  return name.includes('.') ? name : `${statement.defaultSchema}.${name}`;
}
