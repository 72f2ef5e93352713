// ALTER TABLE ... ATTACH PARTITION checks that every row of the table being attached fits the
// partition's bounds: a full scan under an ACCESS EXCLUSIVE lock on that table (and, before
// Postgres 12, on the partitioned table too). Postgres skips the scan when a validated CHECK
// constraint of the table already proves the bounds. Attaching an existing table (converting a
// live table into a partition, or a staging table loaded earlier) is where the scan hurts; a table
// the change itself creates is not in use yet. Which CHECK "matches" is Postgres's proof
// (predicate_implied_by); statically the rule asks for a validated CHECK that states the bounds'
// values: util/partition-bounds.ts.

import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { checkConstraintsBefore } from './util/check-constraints.js';
import { checkStatesBound } from './util/partition-bounds.js';
import { partitionCommands } from './util/partitions.js';
import { isExistingTable } from './util/statements.js';

/** From Postgres 12 ATTACH PARTITION locks the partitioned table SHARE UPDATE EXCLUSIVE, not ACCESS EXCLUSIVE. */
const WEAK_PARENT_LOCK_SINCE = 12;

const DEFAULT_PARTITION = 'If {{parent}} has a default partition, that one is scanned too, for rows that now belong to {{partition}}, under an ACCESS EXCLUSIVE lock that blocks its reads and writes.';

export default defineRule({
  meta: {
    id: 'require-check-before-attach-partition',
    description: 'ATTACH PARTITION of an existing table needs a validated CHECK constraint matching the partition bounds, or it scans the table under ACCESS EXCLUSIVE.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'no-check': {
        message: `ATTACH PARTITION scans every row of existing table {{partition}} to prove it fits the bounds, holding an ACCESS EXCLUSIVE lock on it{{parentLock}} until the scan ends: no validated CHECK constraint stating those bounds was added before. ${DEFAULT_PARTITION}`,
        help: 'Before attaching, {{recipe}}; the ATTACH then skips the scan, and the CHECK can be dropped after it.',
      },
      'check-not-valid': {
        message: `ATTACH PARTITION scans every row of existing table {{partition}}, holding an ACCESS EXCLUSIVE lock on it{{parentLock}} until the scan ends: CHECK constraint {{constraint}} states the bounds but is NOT VALID, and Postgres skips the scan only for a validated one. ${DEFAULT_PARTITION}`,
        help: 'Run ALTER TABLE {{partition}} VALIDATE CONSTRAINT {{constraint}} {{validateWhen}} (it scans under SHARE UPDATE EXCLUSIVE, which lets reads and writes go on), and attach after it.',
      },
    },
  },
  check({ model, postgresVersion, report }) {
    const parentLock = (parent: string): string => (postgresVersion < WEAK_PARENT_LOCK_SINCE ? ` and on partitioned table ${parent}` : '');
    // Where VALIDATE must run so that ADD CONSTRAINT's ACCESS EXCLUSIVE lock is not held through its scan.
    const { scope } = model;
    const validateWhen = scope.batchesPending
      ? `in a later migration deployed on its own (${scope.runner} runs every pending migration in one transaction), or after \`COMMIT;\` and a \`--> statement-breakpoint\` line`
      : scope.wrapsFile
        ? `in a later migration (${scope.runner} runs each migration in one transaction)`
        : 'in a transaction of its own, after the one that added the constraint';
    const recipe = `add a CHECK constraint stating the bounds with NOT VALID, then VALIDATE CONSTRAINT it ${validateWhen}`;

    for (const command of partitionCommands(model)) {
      if (command.kind !== 'attach') continue;
      const { statement, partition } = command;
      // A table the change creates holds only what it loaded, and nobody else uses it yet.
      if (!isExistingTable(model, partition, statement)) continue;
      // A constraint added by an earlier migration and validated here (the recipe where the runner
      // wraps each migration) cannot be read: the file validating it right before is taken as its purpose.
      const matching = checkConstraintsBefore(model, partition, statement).filter((check) => check.expression === undefined || checkStatesBound(check.expression, command.bound));
      if (matching.some((check) => check.validated)) continue;
      const parent = displayName(command.parent);
      const data = { partition: displayName(partition), parent, parentLock: parentLock(parent), recipe, validateWhen };
      const notValid = matching.find((check) => check.name !== undefined);
      if (notValid) report({ messageId: 'check-not-valid', statement, at: partition, data: { ...data, constraint: notValid.name! } });
      else report({ messageId: 'no-check', statement, at: partition, data });
    }
  },
});
