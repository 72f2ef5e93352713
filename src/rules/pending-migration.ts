// What the deploy will do, one finding per migration, in the order the runner applies them: the
// plan a release manager reads before the migrate step.

import { definePlanRule } from './rule.js';

export default definePlanRule({
  meta: {
    id: 'pending-migration',
    description: 'Each migration the runner will apply to the target on the next deploy, in its order.',
    severity: 'info',
    risk: 'low',
    kind: 'plan',
    messages: {
      pending: {
        message: 'Step {{step}} of {{count}}: {{runner}} will apply {{name}} to the target.',
        help: 'Review it before the migrate step; `pg-migration-gate check` shows its locks and rollback.',
      },
    },
  },
});
