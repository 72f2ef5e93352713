// Advice, not a ban: many safe statements take ACCESS EXCLUSIVE for a moment. The reviewer should
// still know which statements block reads and writes on existing tables, and for how long.

import { defineDatabaseRule } from './rule.js';

export default defineDatabaseRule({
  meta: {
    id: 'access-exclusive-lock',
    description: 'Shows the statements that take an ACCESS EXCLUSIVE lock (blocking reads and writes) on a table that existed before the migration.',
    severity: 'info',
    risk: 'medium',
    kind: 'database',
    messages: {
      lock: {
        message: 'This statement takes an ACCESS EXCLUSIVE lock on existing {{tables}}: reads and writes wait until {{until}}, and so does every query queued behind it.',
        help: "Keep the lock short: set lock_timeout first (SET lock_timeout = '5s') so the migration gives up instead of queueing behind a long transaction, and do nothing slow while the lock is held.",
      },
      'lock-timeout-set': {
        message: 'This statement takes an ACCESS EXCLUSIVE lock on existing {{tables}}: reads and writes wait until {{until}}, and so does every query queued behind it.',
        help: 'Keep the lock short: lock_timeout ({{timeout}}) already bounds the wait for it; do nothing slow while it is held.',
      },
    },
  },
});
