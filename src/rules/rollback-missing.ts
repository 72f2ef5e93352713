// With `rollback.required`, every new migration comes with the way back, in the form its runner
// uses, so an incident at deploy time does not start with writing SQL under pressure.

import type { LayoutName, Migration } from '../discover/index.js';
import { defineSetRule } from './rule.js';

export default defineSetRule({
  meta: {
    id: 'rollback-missing',
    description: 'With rollback.required, every new migration has a rollback with at least one statement.',
    severity: 'error',
    risk: 'medium',
    kind: 'set',
    messages: {
      missing: {
        message: '{{file}} has no rollback, and rollback.required is set.',
        help: 'Add {{expected}} that undoes it; the gate checks that it restores the schema exactly.',
      },
      empty: {
        message: 'The rollback of {{file}} holds no SQL statement, and rollback.required is set.',
        help: 'Write the statements that undo {{file}} in {{expected}}.',
      },
      unsupported: {
        message: '{{file}} has no rollback: {{runner}} has no down migrations, and rollback.required is set.',
        help: 'Turn rollback.required off for this directory, or keep a reviewed rollback script alongside (the gate cannot run it for {{runner}}).',
      },
    },
  },
  check({ set, config, report }) {
    if (!config.rollback.required) return;
    for (const { migration, status, hasRollback } of set.checked) {
      if (status !== 'new' || migration.kind !== 'versioned' || hasRollback) continue;
      const data = { file: migration.relativePath, expected: expectedRollback(migration, config.rollback.suffix), runner: migration.scope.runner };
      if (migration.layout === 'prisma' || migration.layout === 'drizzle') report({ messageId: 'unsupported', path: migration.path, data });
      else report({ messageId: migration.rollback.kind === 'none' ? 'missing' : 'empty', path: migration.path, data });
    }
  },
});

const stem = (migration: Migration) => migration.relativePath.replace(/\.sql$/, '');

function expectedRollback(migration: Migration, suffix: string): string {
  const forms: Record<LayoutName, () => string> = {
    plain: () => `${stem(migration)}${suffix}`,
    'golang-migrate': () => `${stem(migration).replace(/\.up$/, '')}.down.sql`,
    dbmate: () => 'a `-- migrate:down` section',
    flyway: () => `U${migration.version}__${migration.name}.sql`,
    prisma: () => 'a rollback script',
    drizzle: () => 'a rollback script',
    goose: () => 'a `-- +goose Down` section',
  };
  return forms[migration.layout]();
}
