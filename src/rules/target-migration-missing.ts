// The target records a migration the repository does not have: deleted or renamed after it ran, or
// applied from another branch. Fresh databases will not get its changes.

import { definePlanRule } from './rule.js';

export default definePlanRule({
  meta: {
    id: 'target-migration-missing',
    description: 'A migration applied in the target is absent from the repository.',
    severity: 'error',
    risk: 'high',
    kind: 'plan',
    messages: {
      missing: {
        message: '{{name}} is applied in the target ({{table}}), but the repository has no such migration.',
        help: 'Restore the file as it was applied (from git history or the branch it came from); to undo it, write a new migration.',
      },
      prisma: {
        message: '{{name}} is applied in the target, but prisma/migrations has no such folder; migrate deploy ignores it, migrate dev and migrate status report drift.',
        help: 'Restore the folder as it was applied; to undo it, write a new migration.',
      },
      drizzle: {
        message: 'The target records a migration ({{name}}) that no journal entry of the repository matches.',
        help: 'Restore the file and its journal entry as they were applied; to undo it, write a new migration.',
      },
      'golang-migrate-current': {
        message: 'The target is at version {{version}}, and the repository has no file of that version: golang-migrate cannot read it and stops ("no migration found for version {{version}}").',
        help: 'Restore the migration of version {{version}}, or, if it is gone for good, `migrate force` a version whose file exists.',
      },
      'flyway-missing': {
        message: '{{name}} (version {{version}}) is applied in the target, but not in the repository: Flyway\'s validation fails ("Detected applied migration not resolved locally").',
        help: 'Restore the file; if it is gone on purpose, set ignoreMigrationPatterns="*:missing" or run flyway repair.',
      },
      'flyway-future': {
        message: '{{name}} (version {{version}}) is applied in the target and newer than every migration of the repository: Flyway ignores it by default ("*:future"), but this checkout is behind the database.',
        help: 'Deploy from a checkout that has the migration, or restore it.',
      },
    },
  },
});
