// At plan time, a session that the deploy's locks would queue behind (and every query after them),
// or a transaction open so long that any lock it holds is a risk.

import { definePlanRule } from './rule.js';

export default definePlanRule({
  meta: {
    id: 'blocking-session',
    description: 'A session holds or waits for a lock on a table the pending migrations touch, or a transaction has been open too long.',
    severity: 'warning',
    risk: 'medium',
    kind: 'plan',
    messages: {
      lock: {
        message: '{{what}} in {{path}}:{{line}} will queue behind pid {{pid}}{{who}}, which {{holds}} {{mode}} on {{table}}{{age}}.',
        help: 'Wait until that transaction ends (pg_stat_activity, pid {{pid}}), or end it; keep lock_timeout short in the migration so it fails fast instead of blocking every query behind it.',
      },
      'long-transaction': {
        message: 'pid {{pid}}{{who}} has had a transaction open for {{age}} (longer than {{limit}}){{state}}.',
        help: 'A migration that needs a lock this transaction holds will wait for it, and every query behind the migration too: end it, or deploy when it is gone.',
      },
    },
  },
});
