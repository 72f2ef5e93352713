import { testPlanRule, golangMigrateAt, USERS_FILES } from '../../test/plan-rule-tester.js';

const PRISMA = `CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`;

testPlanRule('target-migration-missing', {
  valid: [{ name: 'every applied version has its file', layout: 'golang-migrate', files: USERS_FILES, target: golangMigrateAt(2) }],
  invalid: [
    {
      name: 'golang-migrate at a version whose file was deleted',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: golangMigrateAt(4),
      findings: [{ path: 'migrations/4', message: 'The target is at version 4, and the repository has no file of that version' }],
    },
    {
      name: 'a Prisma migration applied from another branch',
      layout: 'prisma',
      dir: 'prisma/migrations',
      files: { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "a" ("id" INT);\n' },
      target: [PRISMA, "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ('1', 'x', now(), '20240105000000_hotfix')"],
      findings: [{ path: 'prisma/migrations/20240105000000_hotfix', message: '20240105000000_hotfix is applied in the target, but prisma/migrations has no such folder' }],
    },
  ],
});
