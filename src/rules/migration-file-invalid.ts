// A file in the migrations directory that its runner refuses, or that cannot be what it looks
// like: dbmate stops at a file without `-- migrate:up`, Prisma and drizzle-kit stop at a folder
// without migration.sql, golang-migrate refuses two down files for one version. Discovery finds
// these (with the runner's own reason); this rule is what reports them.

import type { DiscoveryProblemCode } from '../discover/index.js';
import { defineSetRule } from './rule.js';

type MessageId = 'refused' | 'orphan-rollback' | 'unreadable';

const MESSAGE_OF: Partial<Record<DiscoveryProblemCode, MessageId>> = {
  'dbmate-invalid': 'refused',
  'goose-invalid': 'refused',
  'missing-migration-sql': 'refused',
  'duplicate-rollback': 'refused',
  'orphan-rollback': 'orphan-rollback',
  'unreadable-file': 'unreadable',
  'refused-file': 'unreadable',
};

export default defineSetRule({
  meta: {
    id: 'migration-file-invalid',
    description: 'Every file in the migrations directory is one its runner can run: no file it refuses, no rollback without its migration, none it cannot read.',
    severity: 'error',
    risk: 'high',
    kind: 'set',
    messages: {
      refused: {
        message: '{{detail}}.',
        help: 'Fix the file as said, so that the deploy does not stop at it; the runner stops before it applies any later migration.',
      },
      'orphan-rollback': {
        message: '{{detail}}.',
        help: 'A rollback that no migration owns is never run: usually its migration was renamed without it.',
        severity: 'warning',
      },
      unreadable: {
        message: '{{detail}}.',
        help: 'The runner cannot read it either; the gate checks nothing else about the file until it can.',
      },
    },
  },
  check({ set, report }) {
    for (const problem of set.problems) {
      const messageId = MESSAGE_OF[problem.code];
      if (!messageId) continue;
      report({ messageId, path: problem.path, line: problem.line, column: problem.column, data: { detail: problem.message }, subject: { problem } });
    }
  },
});

