// An index with pg_index.indisvalid = false is ignored by every query plan yet still updated on every
// write. A failed CREATE INDEX CONCURRENTLY leaves one behind, and the next
// CREATE INDEX CONCURRENTLY IF NOT EXISTS of that name finds it and skips: Postgres reports success,
// the deploy passes, and the index the migration promised never serves a query. After each checked
// migration the database stage lists the invalid indexes it made, or found invalid and named.

import { defineDatabaseRule } from './rule.js';

export default defineDatabaseRule({
  meta: {
    id: 'invalid-index',
    description: 'A migration must not leave an index invalid (pg_index.indisvalid = false): one it builds, or one it finds invalid and skips.',
    severity: 'error',
    risk: 'high',
    kind: 'database',
    messages: {
      invalid: {
        message: 'After the migration, index {{index}} on {{table}} is invalid (pg_index.indisvalid = false): every query plan ignores it, while every write to {{table}} still pays for updating it.',
        help: 'Build it again, each statement on its own and outside a transaction ({{outside}}): DROP INDEX CONCURRENTLY IF EXISTS {{index}}; {{create}}; and if it is unique, remove the duplicate rows first.',
      },
      'left-invalid': {
        message:
          'Index {{index}} on {{table}} was already invalid before this statement (left by an earlier failed build) and still is after it: IF NOT EXISTS, or a statement that only alters it, takes the broken index for a built one, Postgres reports success, and every query plan ignores it.',
        help: 'Do not rely on IF NOT EXISTS for an index that may have failed: DROP INDEX CONCURRENTLY IF EXISTS {{index}}; {{create}}; each statement on its own and outside a transaction ({{outside}}).',
      },
      partitioned: {
        message: 'After the migration, index {{index}} on partitioned table {{table}} is invalid: an index created ON ONLY the parent stays invalid until an index of every partition is attached to it, and queries of the partitions without one scan them.',
        help: 'Create the index of each partition (CONCURRENTLY, outside a transaction) and attach each one with ALTER INDEX {{index}} ATTACH PARTITION <partition index>; the parent index becomes valid when the last partition is attached.',
      },
    },
  },
});
