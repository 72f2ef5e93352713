// A statement that needs a conflicting lock waits for every transaction already holding one on the
// table, and while it waits, every later query that conflicts with it queues behind it. Without a
// lock_timeout, one long-running transaction turns a millisecond ALTER TABLE into an outage for as
// long as it lasts. Reported once per file: one SET at the top covers the whole file.

import { defineRule } from './rule.js';
import { blockingLockOf } from './util/blocking-locks.js';

export default defineRule({
  meta: {
    id: 'require-lock-timeout',
    description: 'Set lock_timeout before the first statement that locks an existing table.',
    severity: 'warning',
    risk: 'medium',
    kind: 'statement',
    messages: {
      'missing-lock-timeout': {
        message: '{{kind}} on {{target}} takes a lock that blocks other sessions, and lock_timeout is not set: while it waits for running transactions, the queries that arrive after it queue behind it.',
        help: 'Put SET lock_timeout = \'5s\'; before this statement (and retry the migration if it times out): a waiting ACCESS EXCLUSIVE request queues every later query on the table, even plain SELECTs, behind it.',
      },
      'missing-lock-timeout-reference': {
        message: '{{kind}} adds a foreign key to {{target}}, which locks that table against writes, and lock_timeout is not set: while it waits for running transactions, every write to it queues behind it.',
        help: 'Put SET lock_timeout = \'5s\'; before this statement (and retry the migration if it times out), so that a long transaction on the referenced table makes the migration fail fast instead of stalling its writes.',
      },
    },
  },
  check({ model, report }) {
    for (const statement of model.statements) {
      if (statement.lockTimeoutSet) continue;
      const lock = blockingLockOf(model, statement);
      if (!lock) continue;
      report({
        messageId: lock.reference ? 'missing-lock-timeout-reference' : 'missing-lock-timeout',
        statement,
        ...(lock.at ? { at: lock.at } : {}),
        data: { kind: lock.kind, target: lock.target },
      });
      return;
    }
  },
});
