// Two migrations with one version: the runner applies one and skips, refuses or reorders the other.
// The usual cause is two branches that both took the next number; the merged one may not even be
// in the PR's tree yet, so the base is compared too.

import type { Migration } from '../discover/index.js';
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
    // One pass to index every migration by version, so a history of thousands stays linear.
    const checked = new Set(set.checked.map((c) => c.migration));
    const byVersion = new Map<string, Array<{ migration: Migration; where: string }>>();
    const add = (migration: Migration, where: string) => {
      if (migration.kind !== 'versioned') return;
      const key = versionIdentity(migration);
      byVersion.set(key, [...(byVersion.get(key) ?? []), { migration, where }]);
    };
    for (const migration of set.base ?? []) add(migration, 'merged on the base branch');
    for (const migration of set.migrations) add(migration, checked.has(migration) ? 'also new in this change' : 'already merged');

    for (const { migration, status } of set.checked) {
      if (status !== 'new' || migration.kind !== 'versioned') continue;
      const others = (byVersion.get(versionIdentity(migration)) ?? []).filter((o) => o.migration.relativePath !== migration.relativePath);
      // Merged clashes first; another new file only when it comes earlier, so each pair is reported once.
      const clash =
        others.find((o) => o.where !== 'also new in this change') ??
        others.find((o) => set.migrations.indexOf(o.migration) < set.migrations.indexOf(migration));
      if (!clash) continue;
      report({ messageId: 'duplicate', path: migration.path, data: { file: migration.relativePath, version: migration.version, other: clash.migration.relativePath, where: clash.where } });
    }
  },
});

/** Versions equal under compareVersionKeys map to one string: `1`, `1.0` and `0001` are one version. */
function versionIdentity(migration: Migration): string {
  const parts = [...migration.versionKey];
  while (parts.length > 1 && /^0*$/.test(parts.at(-1)!)) parts.pop();
  return parts.map((part) => part.replace(/^0+(?=\d)/, '')).join('.');
}
