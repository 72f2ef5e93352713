// A migration that is in the repository, not applied in the target, and that the runner will not
// apply: silently (Drizzle), or by refusing to run at all (Flyway, goose, dbmate --strict).

import { definePlanRule } from './rule.js';

export default definePlanRule({
  meta: {
    id: 'pending-skipped-by-runner',
    description: 'A migration not applied in the target that its runner will skip or refuse to apply.',
    severity: 'error',
    risk: 'high',
    kind: 'plan',
    messages: {
      'drizzle-when': {
        message:
          "{{name}} is not applied in the target, and Drizzle's migrator will never apply it: its journal `when` ({{when}}) is not later than the newest applied migration's created_at ({{newest}}).",
        help: 'Give the entry a `when` later than {{newest}} in meta/_journal.json (or regenerate the migration with drizzle-kit after the latest one), and deploy again.',
      },
      'flyway-out-of-order': {
        message: '{{name}} is older than the newest applied version {{newest}}: Flyway\'s validation fails ("Detected resolved migration not applied to database") and nothing is migrated.',
        help: 'Renumber it after {{newest}}, or run Flyway with outOfOrder=true (and set tracking.out-of-order: true).',
      },
      'goose-missing': {
        message: '{{name}} is older than the current version {{current}}: goose up refuses to run ("found missing migrations before current version").',
        help: 'Renumber it after {{current}}, or run goose with -allow-missing (and set tracking.out-of-order: true).',
      },
      'dbmate-strict': {
        message: '{{name}} is older than the newest applied migration {{newest}}: dbmate --strict refuses to apply it.',
        help: 'Renumber it after {{newest}}, or run dbmate without --strict (tracking.out-of-order unset).',
      },
      'plain-out-of-order': {
        message: '{{name}} is older than the newest applied migration {{newest}}; a runner that tracks the newest version never applies it.',
        help: 'Renumber it after {{newest}}; if your runner applies every unrecorded file, set tracking.out-of-order: true.',
      },
    },
  },
});
