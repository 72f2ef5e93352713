// An index left invalid by a failed CREATE INDEX CONCURRENTLY: it costs every write and serves no
// read, and a migration that creates it again with IF NOT EXISTS silently does nothing.

import { definePlanRule } from './rule.js';

export default definePlanRule({
  meta: {
    id: 'target-invalid-index',
    description: 'An index in the target left invalid by a failed concurrent build.',
    severity: 'warning',
    risk: 'medium',
    kind: 'plan',
    messages: {
      invalid: {
        message: 'Index {{index}} on {{table}} is invalid in the target (a CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY that failed): writes maintain it, queries never use it, and CREATE INDEX IF NOT EXISTS skips it.',
        help: 'DROP INDEX CONCURRENTLY {{index}}; then build it again with CREATE INDEX CONCURRENTLY (or REINDEX INDEX CONCURRENTLY {{index}}).',
      },
    },
  },
});
