// A new migration that sorts before the newest merged one. Production has already applied the
// later version, so what the runner does with the "older" newcomer is runner-specific and rarely
// what the author wants; Drizzle's migrator silently skips it and reports success.

import { compareVersionKeys, type LayoutName, type Migration } from '../discover/index.js';
import { defineSetRule } from './rule.js';

const CONSEQUENCE: Record<LayoutName, string> = {
  plain: 'runners that track the last applied number never apply it',
  drizzle: "Drizzle's migrator applies it only if its journal `when` is later than every applied one",
  prisma: 'Prisma applies it after the later ones, and databases that already ran them report drift',
  'golang-migrate': 'golang-migrate only applies versions above the current one, so it is never applied',
  dbmate: 'dbmate applies it late, after migrations that may depend on it not existing',
  flyway: 'Flyway fails validation with "Detected resolved migration not applied" unless outOfOrder is on',
  goose: 'goose refuses to run a version below the newest applied one ("found N missing migrations before current version") unless run with -allow-missing (WithAllowMissing in code)',
};

export default defineSetRule({
  meta: {
    id: 'naming-out-of-order',
    description: 'A new migration sorts after every merged one (for Drizzle: its journal `when` is later than every merged entry).',
    severity: 'error',
    risk: 'high',
    kind: 'set',
    messages: {
      version: {
        message: '{{file}} (version {{version}}) sorts before {{newest}}, which is already merged: {{consequence}}.',
        help: 'Rename it with a version after {{newest}} (rebase on the base branch and regenerate or renumber the migration).',
      },
      'drizzle-when': {
        message: 'The journal entry of {{file}} has `when` {{when}}, not later than merged entry {{newest}} ({{newestWhen}}): Drizzle\'s migrator silently skips it in production and reports success.',
        help: 'Regenerate the migration after rebasing (drizzle-kit generate), or set its `when` in meta/_journal.json later than {{newestWhen}}.',
      },
    },
  },
  check({ set, report }) {
    if (!set.base || set.base.length === 0) return;
    const merged = set.base.filter((m) => m.kind === 'versioned');
    for (const { migration, status } of set.checked) {
      if (status !== 'new' || migration.kind !== 'versioned') continue;
      if (migration.journal) {
        const newest = maxBy(merged.filter((m) => m.journal), (m) => m.journal!.when);
        if (newest && migration.journal.when <= newest.journal!.when) {
          report({
            messageId: 'drizzle-when',
            path: migration.journal.journalPath,
            line: migration.journal.line,
            data: { file: migration.relativePath, when: migration.journal.when, newest: newest.relativePath, newestWhen: newest.journal!.when },
          });
        }
        continue;
      }
      const newest = merged.reduce<Migration | undefined>((max, m) => (!max || compareVersionKeys(m.versionKey, max.versionKey) > 0 ? m : max), undefined);
      if (newest && compareVersionKeys(migration.versionKey, newest.versionKey) < 0) {
        report({
          messageId: 'version',
          path: migration.path,
          data: { file: migration.relativePath, version: migration.version, newest: newest.relativePath, consequence: CONSEQUENCE[migration.layout] },
        });
      }
    }
  },
});

function maxBy<T>(items: readonly T[], key: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>((best, item) => (best === undefined || key(item) > key(best) ? item : best), undefined);
}
