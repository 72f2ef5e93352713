// A statement that needs a conflicting lock waits for every transaction already holding one on the
// table, and while it waits, every later request that conflicts with it queues behind it. Without a
// lock_timeout, one long-running transaction turns a millisecond ALTER TABLE into an outage for as
// long as it lasts. What queues depends on the lock (blocking-locks.ts): everything behind ACCESS
// EXCLUSIVE, the writes behind SHARE ... EXCLUSIVE, and behind SHARE UPDATE EXCLUSIVE (VALIDATE
// CONSTRAINT, SET STATISTICS) only other schema changes, index builds and VACUUM: reads and writes go
// on. Reported once per file, at the first statement of the worst kind: one SET at the top covers
// the whole file. A lock_timeout the file or the runner (config runner.settings) sets is never
// asked for again (StatementModel.lockTimeoutSet).

import type { StatementModel } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { blockingLockOf, LOCK_IMPACT_RANK, type BlockingLock } from './util/blocking-locks.js';

const AT_THE_TOP = "Put SET lock_timeout = '5s'; at the top of the file, before line {{first}} (and retry the migration if it times out)";

export default defineRule({
  meta: {
    id: 'require-lock-timeout',
    description: 'Set lock_timeout before the first statement that locks an existing table.',
    severity: 'warning',
    risk: 'medium',
    kind: 'statement',
    messages: {
      'missing-lock-timeout': {
        message:
          '{{kind}} on {{target}} takes {{lock}}, and lock_timeout is not set: while it waits for running transactions, every later query on the table queues behind it, plain SELECTs included.',
        help: `${AT_THE_TOP}: a waiting ACCESS EXCLUSIVE request makes the table unavailable for as long as the longest running transaction lasts.`,
      },
      'missing-lock-timeout-writes': {
        message:
          '{{kind}} on {{target}} takes {{lock}}, and lock_timeout is not set: while it waits for running transactions, every later INSERT, UPDATE and DELETE on the table queues behind it (plain SELECTs go on).',
        help: `${AT_THE_TOP}, so that a long transaction on the table makes the migration fail fast instead of stalling its writes.`,
      },
      'missing-lock-timeout-schema-changes': {
        message:
          '{{kind}} on {{target}} takes {{lock}}, and lock_timeout is not set. Reads and writes of the table go on while it waits; what queues behind it is other schema changes of the table, index builds, and VACUUM and ANALYZE (autovacuum included).',
        help: `${AT_THE_TOP}, so that a long transaction on the table makes the migration fail fast instead of holding up the table's vacuuming and the next schema change.`,
        // The table's traffic does not wait: worth knowing, not worth blocking a merge for.
        severity: 'info',
      },
      'missing-lock-timeout-reference': {
        message: '{{kind}} adds a foreign key to {{target}}, which locks that table against writes, and lock_timeout is not set: while it waits for running transactions, every write to it queues behind it.',
        help: `${AT_THE_TOP}, so that a long transaction on the referenced table makes the migration fail fast instead of stalling its writes.`,
      },
    },
  },
  check({ model, report, lineOf }) {
    let first: StatementModel | undefined;
    let worst: { statement: StatementModel; lock: BlockingLock } | undefined;
    for (const statement of model.statements) {
      if (statement.lockTimeoutSet) continue;
      const lock = blockingLockOf(model, statement);
      if (!lock) continue;
      first ??= statement;
      if (!worst || LOCK_IMPACT_RANK[lock.blocks] > LOCK_IMPACT_RANK[worst.lock.blocks]) worst = { statement, lock };
    }
    if (!worst || !first) return;
    const { statement, lock } = worst;
    const messageId = lock.reference
      ? 'missing-lock-timeout-reference'
      : lock.blocks === 'everything'
        ? 'missing-lock-timeout'
        : lock.blocks === 'writes'
          ? 'missing-lock-timeout-writes'
          : 'missing-lock-timeout-schema-changes';
    report({
      messageId,
      statement,
      ...(lock.at ? { at: lock.at } : {}),
      data: { kind: lock.kind, target: lock.target, lock: lock.lock, first: lineOf(first) },
    });
  },
});
