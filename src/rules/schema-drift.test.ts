import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { testPlanRule, golangMigrateAt, USERS_FILES } from '../../test/plan-rule-tester.js';
import { drizzleJournal } from '../../test/plan/fixture.js';
import type { TargetDb } from '../../test/plan/target-db.js';

// The target as drizzle-orm's own migrator leaves it: drizzle.__drizzle_migrations and its sequence
// in schema drizzle, which are the runner's and never drift.
async function drizzleMigrate(target: TargetDb, root: string): Promise<void> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: join(root, 'drizzle') });
  } finally {
    await client.end();
  }
}

const DRIZZLE_FILES = {
  'drizzle/0000_users.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL, "nickname" text);\n',
  'drizzle/0001_orders.sql':
    'CREATE TABLE "orders" ("id" serial PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "total" numeric(12, 2));\n--> statement-breakpoint\n' +
    'CREATE INDEX "orders_user_id_idx" ON "orders" ("user_id");\n',
  'drizzle/meta/_journal.json': drizzleJournal([
    { tag: '0000_users', when: 1_700_000_000_000 },
    { tag: '0001_orders', when: 1_700_000_100_000 },
  ]),
};
// Merged after the last deploy: pending, so not part of what the target should have.
const DRIZZLE_PENDING = {
  'drizzle/0002_status.sql': 'ALTER TABLE "orders" ADD COLUMN "status" text;\n',
  'drizzle/meta/_journal.json': drizzleJournal([
    { tag: '0000_users', when: 1_700_000_000_000 },
    { tag: '0001_orders', when: 1_700_000_100_000 },
    { tag: '0002_status', when: 1_700_000_200_000 },
  ]),
};

// dbmate's own binary (the dbmate npm package) migrating the target: schema_migrations is its.
async function dbmateUp(target: TargetDb, root: string): Promise<void> {
  execFileSync(join(process.cwd(), 'node_modules/.bin/dbmate'), ['--url', `${target.url}?sslmode=disable`, '--migrations-dir', join(root, 'db/migrations'), '--no-dump-schema', 'up'], { stdio: 'pipe' });
}

const DBMATE_FILES = {
  'db/migrations/20240101000000_users.sql': '-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\n\n-- migrate:down\nDROP TABLE users;\n',
  'db/migrations/20240301000000_email_idx.sql': '-- migrate:up\nCREATE UNIQUE INDEX users_email_key ON users (email);\n\n-- migrate:down\nDROP INDEX users_email_key;\n',
};

// golang-migrate's target made by hand as `migrate up 2` leaves it (USERS_FILES 000001 and 000002).
const USERS_AT_2 = ['CREATE TABLE users (id bigint PRIMARY KEY, email text)', ...golangMigrateAt(2)];

testPlanRule('schema-drift', {
  valid: [
    { name: "nothing drifted: drizzle-orm's migrator applied both, one more is pending", layout: 'drizzle', dir: 'drizzle', files: DRIZZLE_FILES, migrate: drizzleMigrate, later: DRIZZLE_PENDING, target: [] },
    { name: 'nothing drifted: the dbmate binary applied both', layout: 'dbmate', dir: 'db/migrations', files: DBMATE_FILES, migrate: dbmateUp, target: [] },
    { name: 'nothing drifted: golang-migrate at version 2', layout: 'golang-migrate', files: USERS_FILES, target: USERS_AT_2 },
    { name: 'a new database: nothing applied, nothing to compare with', layout: 'golang-migrate', files: USERS_FILES, target: [] },
    {
      name: 'the rule off: a hotfix index is not looked for',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: [...USERS_AT_2, 'CREATE INDEX users_email_hotfix ON users (email)'],
      config: { rules: { 'schema-drift': 'off' } },
    },
  ],
  invalid: [
    {
      name: "a hotfix index made by hand after drizzle-orm's migrator ran",
      layout: 'drizzle',
      dir: 'drizzle',
      files: DRIZZLE_FILES,
      migrate: drizzleMigrate,
      later: DRIZZLE_PENDING,
      target: ['CREATE INDEX orders_hotfix_idx ON orders (user_id, id)'],
      findings: [{ path: 'drizzle', severity: 'error', message: 'index orders_hotfix_idx exists in the target; no migration creates it.' }],
    },
    {
      name: 'a column dropped by hand after dbmate ran, and an index the migrations make that the target lacks',
      layout: 'dbmate',
      dir: 'db/migrations',
      files: DBMATE_FILES,
      migrate: dbmateUp,
      target: ['DROP INDEX users_email_key'],
      findings: [{ path: 'db/migrations', message: 'index users_email_key: no migration drops it, the target lacks it.' }],
    },
    {
      name: 'a column the target lacks',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: ['CREATE TABLE users (id bigint PRIMARY KEY)', ...golangMigrateAt(2)],
      findings: [{ message: 'column users.email: no migration drops it, the target lacks it.' }],
    },
    {
      name: 'a column whose type was changed by hand',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: ['CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL)', ...golangMigrateAt(2)],
      findings: [{ message: 'column users.email differs from what the applied migrations make: not null none → yes; type text → character varying(200) (migrations → target).' }],
    },
    {
      name: 'a table made by hand is one finding, not one per column and index',
      layout: 'golang-migrate',
      files: USERS_FILES,
      target: [...USERS_AT_2, 'CREATE TABLE audit_log (id bigint PRIMARY KEY, at timestamptz NOT NULL)', 'CREATE INDEX audit_log_at ON audit_log (at)'],
      findings: [{ message: 'table audit_log exists in the target; no migration creates it.' }],
    },
  ],
});
