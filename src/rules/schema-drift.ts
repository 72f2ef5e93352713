// The target's schema is not what its applied migrations make: a hotfix by hand, a console session,
// another tool, or a migration edited after it ran. The pending migrations were written (and the
// gate checked them) against the schema the migrations make, not this one.

import { definePlanRule } from './rule.js';

const HELP =
  'Bring the two together before the deploy: put the change into a migration (an object made by hand: a migration that creates it IF NOT EXISTS, so the target skips it and every other database gets it), or undo it in the target.';

export default definePlanRule({
  meta: {
    id: 'schema-drift',
    description: "The target's schema differs from what its applied migrations produce.",
    severity: 'error',
    risk: 'medium',
    kind: 'plan',
    messages: {
      extra: {
        message: '{{object}} exists in the target; no migration creates it.',
        help: HELP,
      },
      missing: {
        message: '{{object}}: no migration drops it, the target lacks it.',
        help: HELP,
      },
      changed: {
        message: '{{object}} differs from what the applied migrations make: {{details}} (migrations → target).',
        help: HELP,
      },
    },
  },
});
