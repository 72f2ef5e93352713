// Two migrations that the runner records under one version: it refuses to start, or applies one
// and skips the other. The usual cause is two branches that both took the next number; the merged
// one may not even be in the PR's tree yet, so the base is compared too. Where the runner does not
// identify migrations by version (Prisma and Drizzle go by folder name or journal entry), two
// migrations with one timestamp are two migrations, and nothing is reported.

import { compareInRunnerOrder, runnerIdentity, type LayoutName, type Migration } from '../discover/index.js';
import { defineSetRule } from './rule.js';

/** What the runner does with two migrations of one version (from each runner's source). */
const CONSEQUENCE: Record<LayoutName, string | undefined> = {
  plain: 'the runner applies only one of them, or refuses to run',
  'golang-migrate': 'golang-migrate refuses to start ("duplicate migration file")',
  dbmate:
    'dbmate records migrations by version, so a database that already ran one never runs the other, and a fresh database fails on the second (duplicate key in schema_migrations)',
  flyway: 'Flyway refuses to migrate ("Found more than one migration with version")',
  goose: 'goose refuses to start ("found duplicate migration version")',
  prisma: undefined,
  drizzle: undefined,
};

export default defineSetRule({
  meta: {
    id: 'naming-duplicate-version',
    description: 'No two migrations share the version their runner records them under.',
    severity: 'error',
    risk: 'high',
    kind: 'set',
    messages: {
      duplicate: {
        message: '{{file}} has version {{version}}, like {{other}} ({{where}}): {{consequence}}.',
        help: 'Renumber {{file}} after the newest migration (rebase on the base branch first), and update any reference to its version.',
      },
    },
  },
  check({ set, report }) {
    const consequence = CONSEQUENCE[set.layout];
    if (consequence === undefined) return;
    // One pass to index every migration by identity, so a history of thousands stays linear.
    const checked = new Set(set.checked.map((c) => c.migration));
    const byIdentity = new Map<string, Array<{ migration: Migration; where: string }>>();
    const add = (migration: Migration, where: string) => {
      const identity = migration.kind === 'versioned' ? runnerIdentity(migration) : undefined;
      if (identity === undefined) return;
      byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), { migration, where }]);
    };
    for (const migration of set.base ?? []) add(migration, 'merged on the base branch');
    for (const migration of set.migrations) add(migration, checked.has(migration) ? 'also new in this change' : 'already merged');

    for (const { migration, status } of set.checked) {
      if (status !== 'new' || migration.kind !== 'versioned') continue;
      const identity = runnerIdentity(migration);
      const others = (byIdentity.get(identity ?? '') ?? []).filter((o) => o.migration.relativePath !== migration.relativePath);
      // Merged clashes first; another new file only when it comes earlier, so each pair is reported once.
      const clash =
        others.find((o) => o.where !== 'also new in this change') ??
        others.find((o) => compareInRunnerOrder(set.layout, o.migration, migration) < 0);
      if (!clash) continue;
      report({
        messageId: 'duplicate',
        path: migration.path,
        data: { file: migration.relativePath, version: migration.version, other: clash.migration.relativePath, where: clash.where, consequence },
      });
    }
  },
});
