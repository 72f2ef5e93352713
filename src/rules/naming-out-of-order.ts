// A new migration that the runner orders before the newest merged one. Databases that already ran
// the merged one meet the newcomer after it, fresh databases before it; what the runner does then
// is its own (from each runner's source): golang-migrate and Drizzle's journal silently never apply
// it, Flyway and goose refuse to migrate, Prisma, dbmate and drizzle-kit 1.0 folders apply it late.
// Never applied or refused is an error; applied late is a warning, since the schema may still end
// the same either way.

import { compareInRunnerOrder, type LayoutName, type Migration } from '../discover/index.js';
import { defineSetRule } from './rule.js';

type Outcome = { messageId: 'never-applied' | 'refused'; consequence: string } | { messageId: 'applied-late'; runner: string; detail: string };

function outcomeOf(migration: Migration, newest: string): Outcome {
  const outcomes: Record<LayoutName, () => Outcome> = {
    plain: () => ({
      messageId: 'never-applied',
      consequence: `a runner that keeps only the newest applied version never applies it on databases that already ran ${newest}, and one that records every file applies it after ${newest} there but before it on fresh databases`,
    }),
    'golang-migrate': () => ({
      messageId: 'never-applied',
      consequence: `golang-migrate stores only the newest applied version and applies versions above it, so databases that already ran ${newest} never apply this one, without an error`,
    }),
    flyway: () => ({
      messageId: 'refused',
      consequence: 'Flyway\'s validation fails on databases that ran it ("Detected resolved migration not applied to database") and migrate stops, unless outOfOrder is true',
    }),
    prisma: () => ({ messageId: 'applied-late', runner: 'prisma migrate deploy', detail: '' }),
    dbmate: () => ({ messageId: 'applied-late', runner: 'dbmate', detail: ' (with --strict, dbmate refuses it instead)' }),
    drizzle: () => ({ messageId: 'applied-late', runner: "Drizzle's migrator", detail: ' (it runs every folder whose name it has not recorded)' }),
    goose: () => ({
      messageId: 'refused',
      consequence: 'goose refuses to migrate databases that ran a later version ("found 1 missing migrations before current version"), unless it runs with -allow-missing',
    }),
  };
  return outcomes[migration.layout]();
}

export default defineSetRule({
  meta: {
    id: 'naming-out-of-order',
    description: 'A new migration comes after every merged one in its runner\'s order (for a Drizzle journal: its `when` is later than every merged entry).',
    severity: 'error',
    risk: 'high',
    kind: 'set',
    messages: {
      'never-applied': {
        message: '{{file}} (version {{version}}) sorts before {{newest}}, which is already merged: {{consequence}}.',
        help: 'Rename it with a version after {{newest}} (rebase on the base branch and regenerate or renumber the migration).',
      },
      refused: {
        message: '{{file}} (version {{version}}) sorts before {{newest}}, which is already merged: {{consequence}}.',
        help: 'Rename it with a version after {{newest}} (rebase on the base branch and regenerate or renumber the migration).',
      },
      'applied-late': {
        message:
          '{{file}} sorts before {{newest}}, which is already merged: {{runner}} applies it after {{newest}} on databases that already ran that one{{detail}}, but before it on a fresh database, so the two can end with different schemas.',
        help: 'Rename it to sort after {{newest}} (rebase on the base branch and regenerate it), unless it is independent of every migration it now predates.',
        severity: 'warning',
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
    const newestMerged = merged.reduce<Migration | undefined>((max, m) => (!max || compareInRunnerOrder(set.layout, m, max) > 0 ? m : max), undefined);
    if (!newestMerged) return;
    for (const { migration, status } of set.checked) {
      if (status !== 'new' || migration.kind !== 'versioned') continue;
      const file = migration.relativePath;
      const newest = newestMerged.relativePath;
      if (migration.journal && newestMerged.journal) {
        // The migrator applies an entry only when its `when` is strictly later than the newest applied.
        if (migration.journal.when > newestMerged.journal.when) continue;
        report({
          messageId: 'drizzle-when',
          path: migration.journal.journalPath,
          line: migration.journal.line,
          data: { file, when: migration.journal.when, newest, newestWhen: newestMerged.journal.when },
        });
        continue;
      }
      if (compareInRunnerOrder(set.layout, migration, newestMerged) >= 0) continue;
      const outcome = outcomeOf(migration, newest);
      const { messageId, ...data } = outcome;
      report({ messageId, path: migration.path, data: { file, version: migration.version, newest, ...data } });
    }
  },
});
