import { createHash } from 'node:crypto';
import { testPlanRule } from '../../test/plan-rule-tester.js';

const PRISMA = `CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`;
const INIT = 'CREATE TABLE "users" ("id" INT);\n';
const applied = (text: string) => `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ('1', '${createHash('sha256').update(text).digest('hex')}', now(), '20240101000000_init')`;
const files = { 'prisma/migrations/20240101000000_init/migration.sql': INIT };

testPlanRule('target-checksum-mismatch', {
  valid: [{ name: 'the file is as applied', layout: 'prisma', dir: 'prisma/migrations', files, target: [PRISMA, applied(INIT)] }],
  invalid: [
    {
      name: 'the applied migration was edited since',
      layout: 'prisma',
      dir: 'prisma/migrations',
      files,
      target: [PRISMA, applied('CREATE TABLE "users" ("id" BIGINT);\n')],
      findings: [{ path: 'prisma/migrations/20240101000000_init/migration.sql', message: 'changed after it was applied: its SHA-256 is not the checksum in _prisma_migrations. migrate deploy goes on without it' }],
    },
  ],
});
