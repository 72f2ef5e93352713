// Two migrations with one version: the runner applies one and skips, refuses or reorders the other.
// The usual cause is two branches that both took the next number; the merged one may not even be
// in the PR's tree yet, so the base is compared too.

import { compareVersionKeys, type Migration } from '../discover/index.js';
import { defineSetRule } from './rule.js';

export default defineSetRule({
  meta: {
    id: 'naming-duplicate-version',
    description: 'No two migrations share a version.',
    severity: 'error',
    risk: 'high',
    kind: 'set',
    messages: {
      duplicate: {
        message: '{{file}} has version {{version}}, like {{other}} ({{where}}): the runner applies only one of them, or refuses to run.',
        help: 'Renumber {{file}} after the newest migration (rebase on the base branch first), and update any reference to its version.',
      },
    },
  },
  check({ set, report }) {
    const merged = set.base ?? [];
    for (const { migration, status } of set.checked) {
      if (status !== 'new' || migration.kind !== 'versioned') continue;
      const sameVersion = (other: Migration) =>
        other.kind === 'versioned' && other.relativePath !== migration.relativePath && compareVersionKeys(other.versionKey, migration.versionKey) === 0;
      // Another new file only counts when it comes first, so each pair is reported once.
      const earlierNew = set.checked.find((c) => c.status === 'new' && c.migration !== migration && sameVersion(c.migration) && set.migrations.indexOf(c.migration) < set.migrations.indexOf(migration));
      const clash =
        merged.find(sameVersion) ??
        set.migrations.find((m) => sameVersion(m) && !set.checked.some((c) => c.migration === m)) ??
        earlierNew?.migration;
      if (!clash) continue;
      const where = merged.includes(clash) ? 'merged on the base branch' : set.checked.some((c) => c.migration === clash) ? 'also new in this change' : 'already merged';
      report({ messageId: 'duplicate', path: migration.path, data: { file: migration.relativePath, version: migration.version, other: clash.relativePath, where } });
    }
  },
});
