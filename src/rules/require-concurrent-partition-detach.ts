// ALTER TABLE ... DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table (and the
// partition): every query on any partition of it waits, and while the DETACH waits for running
// queries, every later one queues behind it. From Postgres 14, DETACH ... CONCURRENTLY takes only
// SHARE UPDATE EXCLUSIVE on the partitioned table, in two transactions of its own, so it refuses
// to run inside a transaction block or a function (SQLSTATE 25001), which depends on the file and
// on how the runner sends it. Flyway does not know this statement: it runs it in its transaction.

import type { TransactionScope } from '../types.js';
import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { partitionCommands } from './util/partitions.js';
import { appendAfterLastToken } from './util/rewrite.js';
import { transactionBlockCauses, type TransactionBlockCause } from './util/transaction-block.js';

/** DETACH PARTITION ... CONCURRENTLY exists from Postgres 14. */
const CONCURRENT_DETACH_SINCE = 14;

type InTransactionId = 'concurrent-in-begin' | 'concurrent-in-do-block' | 'concurrent-in-runner-batch' | 'concurrent-in-runner-transaction' | 'concurrent-in-single-query';

const IN_TRANSACTION_MESSAGE: Record<TransactionBlockCause, InTransactionId> = {
  'explicit-transaction': 'concurrent-in-begin',
  'do-block': 'concurrent-in-do-block',
  'runner-batch': 'concurrent-in-runner-batch',
  'runner-transaction': 'concurrent-in-runner-transaction',
  'runner-single-query': 'concurrent-in-single-query',
};

const NO_DEFAULT = 'CONCURRENTLY also refuses a partitioned table that has a default partition.';

/** The runner's way to run a statement outside its transaction; Flyway's detection does not cover this one. */
function outsideTransaction(scope: TransactionScope): string {
  if (scope.wrapsFile && scope.nonTransactional === 'detected') {
    return 'put it in a migration of its own and run that one with `executeInTransaction=false` (a script config file beside it): Flyway does not recognise DETACH ... CONCURRENTLY and would run it in its transaction';
  }
  return scope.outsideTransaction;
}

export default defineRule<'not-concurrent' | InTransactionId>({
  meta: {
    id: 'require-concurrent-partition-detach',
    description: 'DETACH PARTITION from an existing partitioned table should use CONCURRENTLY (Postgres 14+), outside any transaction block.',
    severity: 'warning',
    risk: 'medium',
    kind: 'statement',
    messages: {
      'not-concurrent': {
        message: 'DETACH PARTITION {{partition}} without CONCURRENTLY locks partitioned table {{parent}} ACCESS EXCLUSIVE: every read and write of it and of all its partitions waits until the detach is done, and queues behind it while it waits for running queries.',
        help: `Use ALTER TABLE {{parent}} DETACH PARTITION {{partition}} CONCURRENTLY, which lets reads and writes go on, and {{recipe}}. ${NO_DEFAULT}`,
      },
      'concurrent-in-begin': {
        message: 'DETACH PARTITION ... CONCURRENTLY inside the transaction opened by BEGIN fails: Postgres refuses to run it inside a transaction block.',
        help: 'Move it out of BEGIN/COMMIT; under {{runner}}, {{recipe}}.',
        severity: 'error',
      },
      'concurrent-in-do-block': {
        message: 'DETACH PARTITION ... CONCURRENTLY inside a DO block fails: Postgres refuses to run it from a function or inside a transaction block, and a DO block is both.',
        help: 'Run it as a top-level statement instead of from a DO block; under {{runner}}, {{recipe}}.',
        severity: 'error',
      },
      'concurrent-in-runner-batch': {
        message: '{{runner}} runs every pending migration in one transaction, so DETACH PARTITION ... CONCURRENTLY fails there with "cannot run inside a transaction block".',
        help: 'To run it under {{runner}}, {{recipe}}.',
        severity: 'error',
      },
      'concurrent-in-runner-transaction': {
        message: '{{runner}} runs this migration in a transaction, so DETACH PARTITION ... CONCURRENTLY fails there with "cannot run inside a transaction block".',
        help: 'To run it under {{runner}}, {{recipe}}.',
        severity: 'error',
      },
      'concurrent-in-single-query': {
        message: '{{runner}} sends the whole file as one query, which Postgres runs as one implicit transaction, so DETACH PARTITION ... CONCURRENTLY fails unless it is the only statement in the file.',
        help: 'To run it under {{runner}}, {{recipe}}.',
        severity: 'error',
      },
    },
  },
  check({ model, postgresVersion, report }) {
    // Before 14 there is no concurrent form to ask for (and nothing that could be in a transaction).
    if (postgresVersion < CONCURRENT_DETACH_SINCE) return;
    const causeOf = transactionBlockCauses(model, { detectedByRunner: false });
    const recipe = outsideTransaction(model.scope);
    for (const command of partitionCommands(model)) {
      if (command.kind !== 'detach') continue;
      const { statement, partition } = command;
      const data = { partition: displayName(partition), parent: displayName(command.parent), runner: model.scope.runner, recipe };
      if (command.concurrent) {
        const cause = causeOf(statement);
        if (cause) report({ messageId: IN_TRANSACTION_MESSAGE[cause], statement, at: partition, data });
        continue;
      }
      // A partitioned table the change creates is not in use yet: its lock blocks no one.
      if (!command.parentExisting) continue;
      report({ messageId: 'not-concurrent', statement, at: partition, data, fix: (text) => appendAfterLastToken(text, 'CONCURRENTLY') });
    }
  },
});
