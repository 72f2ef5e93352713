// What each runner's tracking table says is applied, compared with the repository as that runner
// compares it. Drizzle's state is made by drizzle-orm's own migrator and dbmate's by the dbmate
// binary (both dev dependencies); for Prisma, golang-migrate, Flyway and goose the table is created
// exactly as the runner's source creates it (cited at each), with the rows the runner writes.

import { execFileSync } from 'node:child_process';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverMigrations } from '../../src/discover/index.js';
import type { LayoutName } from '../../src/discover/types.js';
import { flywayChecksum, sha256Hex } from '../../src/plan/checksums.js';
import { PlanTargetError } from '../../src/plan/errors.js';
import { readRunnerPlan } from '../../src/plan/read-applied.js';
import type { RunnerPlan, TrackingSettings } from '../../src/plan/runners/types.js';
import { withTarget } from '../../src/plan/target.js';
import { createTargetDb, type TargetDb } from './target-db.js';
import { drizzleJournal, project, type Project } from './fixture.js';

let target: TargetDb;
let repo: Project;
beforeEach(async () => {
  target = await createTargetDb();
});
afterEach(async () => {
  repo?.cleanup();
  await target.cleanup();
});

async function planOf(layout: LayoutName, dir: string, settings: Partial<TrackingSettings> = {}): Promise<RunnerPlan> {
  const discovery = await discoverMigrations(dir, { cwd: repo.root, layout });
  return withTarget(target.url, (session) => readRunnerPlan(session, discovery, { checksum: 'sha256', ...settings }));
}

const names = (plan: RunnerPlan) => ({
  applied: plan.appliedCount,
  pending: plan.pending.map((m) => m.relativePath),
  skipped: plan.skipped.map((i) => [i.messageId, i.migration?.relativePath]),
  missing: plan.missing.map((i) => [i.messageId, i.recorded]),
  mismatched: plan.mismatched.map((i) => [i.messageId, i.migration?.relativePath]),
  failed: plan.failed.map((i) => [i.messageId, i.migration?.relativePath ?? i.recorded]),
});

describe('Prisma Migrate: _prisma_migrations', () => {
  // prisma-engines, schema-engine/connectors/sql-schema-connector/src/flavour/postgres.rs, create_migrations_table.
  const TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
  )`;
  const record = (name: string, checksum: string, state: 'finished' | 'failed' | 'rolled-back' = 'finished') =>
    target.exec(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, $1, ${state === 'finished' ? 'now()' : 'NULL'}, $2, $3, ${state === 'rolled-back' ? 'now()' : 'NULL'}, ${state === 'finished' ? 1 : 0})`,
      [checksum, name, state === 'failed' ? 'Database error code: 42P07\nrelation "orders" already exists' : null],
    );

  it('pending folders in name order, an edited applied one, a deleted one, a failed one', async () => {
    const users = '-- CreateTable\nCREATE TABLE "users" ("id" SERIAL NOT NULL, CONSTRAINT "users_pkey" PRIMARY KEY ("id"));\n';
    repo = project({
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20240101000000_init/migration.sql': users,
      'prisma/migrations/20240201000000_orders/migration.sql': 'CREATE TABLE "orders" ("id" SERIAL NOT NULL);\n',
      'prisma/migrations/20240301000000_email/migration.sql': 'ALTER TABLE "users" ADD COLUMN "email" TEXT;\n',
      'prisma/migrations/20240401000000_name/migration.sql': 'ALTER TABLE "users" ADD COLUMN "name" TEXT;\n',
    });
    await target.exec(TABLE);
    // Applied from a checkout with CRLF line endings: Prisma still takes the LF file for it.
    await record('20240101000000_init', sha256Hex(users.replaceAll('\n', '\r\n')));
    await record('20240201000000_orders', sha256Hex('CREATE TABLE "orders" ("id" SERIAL NOT NULL, "total" INT);\n'));
    await record('20231201000000_hotfix', sha256Hex('SELECT 1;\n'));
    await record('20240301000000_email', sha256Hex('x'), 'rolled-back');
    const plan = await planOf('prisma', 'prisma/migrations');
    expect(plan.table).toBe('public._prisma_migrations');
    expect(names(plan)).toEqual({
      applied: 3,
      pending: ['20240301000000_email/migration.sql', '20240401000000_name/migration.sql'],
      skipped: [],
      missing: [['prisma', '20231201000000_hotfix']],
      mismatched: [['prisma', '20240201000000_orders/migration.sql']],
      failed: [],
    });
    await record('20240301000000_email', sha256Hex('ALTER TABLE "users" ADD COLUMN "email" TEXT;\n'), 'failed');
    const failed = await planOf('prisma', 'prisma/migrations');
    expect(names(failed).failed).toEqual([['prisma-failed', '20240301000000_email/migration.sql']]);
    expect(failed.failed[0]!.data['logs']).toBe(' (Database error code: 42P07)');
  });
});

describe("Drizzle: drizzle.__drizzle_migrations, written by drizzle-orm's migrator", () => {
  async function runMigrator(dir: string): Promise<void> {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await migrate(drizzle(client), { migrationsFolder: join(repo.root, dir) });
    } finally {
      await client.end();
    }
  }

  it('a later entry is pending; one whose `when` is not later than the newest applied is skipped for good; an edit and a removal are found', async () => {
    repo = project({
      'drizzle/0000_users.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL);\n',
      'drizzle/0001_orders.sql': 'CREATE TABLE "orders" ("id" serial PRIMARY KEY NOT NULL);\n--> statement-breakpoint\nCREATE INDEX "orders_id" ON "orders" ("id");\n',
      'drizzle/meta/_journal.json': drizzleJournal([{ tag: '0000_users', when: 1_700_000_000_000 }, { tag: '0001_orders', when: 1_700_000_100_000 }]),
    });
    await runMigrator('drizzle');
    expect(names(await planOf('drizzle', 'drizzle'))).toMatchObject({ applied: 2, pending: [], skipped: [] });

    // A branch merged late: its entry's `when` is older than the newest applied one.
    repo.write('drizzle/0002_late.sql', 'ALTER TABLE "users" ADD COLUMN "late" text;\n');
    repo.write('drizzle/0003_email.sql', 'ALTER TABLE "users" ADD COLUMN "email" text;\n');
    repo.write('drizzle/0000_users.sql', 'CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL, "name" text);\n');
    repo.write(
      'drizzle/meta/_journal.json',
      drizzleJournal([
        { tag: '0000_users', when: 1_700_000_000_000 },
        { tag: '0002_late', when: 1_700_000_050_000 },
        { tag: '0003_email', when: 1_700_000_200_000 },
      ]),
    );
    repo.remove('drizzle/0001_orders.sql');
    const plan = await planOf('drizzle', 'drizzle');
    expect(plan.table).toBe('drizzle.__drizzle_migrations');
    expect(names(plan)).toEqual({
      applied: 2,
      pending: ['0003_email.sql'],
      skipped: [['drizzle-when', '0002_late.sql']],
      missing: [['drizzle', 'created_at 1700000100000']],
      mismatched: [['drizzle', '0000_users.sql']],
      failed: [],
    });
    // What the migrator really does: it applies 0003 and never 0002.
    await runMigrator('drizzle');
    const columns = await target.exec("SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY column_name");
    expect(columns.map((c) => c['column_name'])).toEqual(['email', 'id']);
  });
});

describe('golang-migrate: schema_migrations(version, dirty)', () => {
  // golang-migrate/migrate, database/postgres/postgres.go, ensureVersionTable.
  const TABLE = 'CREATE TABLE IF NOT EXISTS "public"."schema_migrations" (version bigint not null primary key, dirty boolean not null)';
  beforeEach(() => {
    repo = project({
      'migrations/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/000001_users.down.sql': 'DROP TABLE users;\n',
      'migrations/000002_email.up.sql': 'ALTER TABLE users ADD COLUMN email text;\n',
      'migrations/000003_name.up.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
    });
  });

  it('the files above the one recorded version are pending', async () => {
    await target.exec(TABLE);
    await target.exec('INSERT INTO schema_migrations VALUES (2, false)');
    expect(names(await planOf('golang-migrate', 'migrations'))).toEqual({ applied: 2, pending: ['000003_name.up.sql'], skipped: [], missing: [], mismatched: [], failed: [] });
  });

  it('a dirty version is a failed state; a version without its file is missing', async () => {
    await target.exec(TABLE);
    await target.exec('INSERT INTO schema_migrations VALUES (2, true)');
    expect(names(await planOf('golang-migrate', 'migrations')).failed).toEqual([['golang-migrate-dirty', '000002_email.up.sql']]);
    await target.exec('TRUNCATE schema_migrations; INSERT INTO schema_migrations VALUES (7, false)');
    expect(names(await planOf('golang-migrate', 'migrations'))).toMatchObject({ applied: 3, pending: [], missing: [['golang-migrate-current', '7']] });
  });
});

describe('dbmate: schema_migrations(version), written by the dbmate binary', () => {
  const dbmate = (dir: string) =>
    execFileSync(join(process.cwd(), 'node_modules/.bin/dbmate'), ['--url', `${target.url}?sslmode=disable`, '--migrations-dir', join(repo.root, dir), '--no-dump-schema', 'up'], { stdio: 'pipe' });

  it('an unapplied older version is pending by default and refused with strict; a removed file is missing', async () => {
    repo = project({
      'db/migrations/20240101000000_users.sql': '-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE users;\n',
      'db/migrations/20240301000000_email.sql': '-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n\n-- migrate:down\nALTER TABLE users DROP COLUMN email;\n',
    });
    dbmate('db/migrations');
    repo.write('db/migrations/20240201000000_late.sql', '-- migrate:up\nALTER TABLE users ADD COLUMN late text;\n\n-- migrate:down\n');
    repo.write('db/migrations/20240401000000_name.sql', '-- migrate:up\nALTER TABLE users ADD COLUMN name text;\n\n-- migrate:down\n');
    expect(names(await planOf('dbmate', 'db/migrations'))).toMatchObject({ applied: 2, pending: ['20240201000000_late.sql', '20240401000000_name.sql'], skipped: [] });
    expect(names(await planOf('dbmate', 'db/migrations', { outOfOrder: false }))).toMatchObject({ pending: ['20240401000000_name.sql'], skipped: [['dbmate-strict', '20240201000000_late.sql']] });
    repo.remove('db/migrations/20240101000000_users.sql');
    expect(names(await planOf('dbmate', 'db/migrations')).missing).toEqual([['missing', '20240101000000']]);
  });
});

describe('Flyway: flyway_schema_history', () => {
  // flyway-core, resources org/flywaydb/database/postgresql/createMetaDataTable.sql.
  const TABLE = `CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
  );
  ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
  CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");`;
  let rank = 0;
  const history = (version: string | null, script: string, checksum: number | null, success = true, type = 'SQL') =>
    target.exec(`INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES ($1, $2, $3, $4, $5, $6, 'deploy', 12, $7)`, [
      ++rank,
      version,
      script.replace(/^[VR]\d*(?:_\d+)*__|\.sql$/g, '').replaceAll('_', ' '),
      type,
      script,
      checksum,
      success,
    ]);
  const V1 = 'CREATE TABLE users (id bigint PRIMARY KEY);\n';
  beforeEach(async () => {
    rank = 0;
    repo = project({
      'db/migration/V1__users.sql': V1,
      'db/migration/V1_1__late.sql': 'ALTER TABLE users ADD COLUMN late text;\n',
      'db/migration/V2__email.sql': 'ALTER TABLE users ADD COLUMN email text;\n',
      'db/migration/V3__name.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
      'db/migration/R__users_view.sql': 'CREATE OR REPLACE VIEW user_emails AS SELECT email FROM users;\n',
    });
    await target.exec(TABLE);
  });

  it("computes Flyway's checksum: CRC32 over the lines' UTF-8 bytes, line endings left out, as a signed int", () => {
    const signed = (value: number) => value | 0;
    expect(flywayChecksum(Buffer.from('CREATE TABLE a (id int);\r\nSELECT 1;\n'))).toBe(signed(crc32('CREATE TABLE a (id int);SELECT 1;')));
    expect(flywayChecksum(Buffer.from('\uFEFFSELECT 1;\rSELECT 2;'))).toBe(signed(crc32('SELECT 1;SELECT 2;')));
    expect(flywayChecksum(Buffer.from('SELECT 1;\n'))).not.toBe(flywayChecksum(Buffer.from('SELECT  1;\n')));
  });

  it('pending in version order, an out-of-order one refused without outOfOrder, a changed checksum, a failed row, a missing file', async () => {
    await history(null, '<< Flyway Schema Creation >>', null, true, 'SCHEMA');
    await history('1', 'V1__users.sql', flywayChecksum(Buffer.from(V1.replaceAll('\n', '\r\n'))));
    await history('2', 'V2__email.sql', flywayChecksum(Buffer.from('ALTER TABLE users ADD COLUMN email varchar;\n')));
    await history(null, 'R__users_view.sql', flywayChecksum(Buffer.from('CREATE OR REPLACE VIEW user_emails AS SELECT email FROM users;\n')));
    expect(names(await planOf('flyway', 'db/migration'))).toEqual({
      applied: 2,
      pending: ['V3__name.sql'],
      skipped: [['flyway-out-of-order', 'V1_1__late.sql']],
      missing: [],
      mismatched: [['flyway', 'V2__email.sql']],
      failed: [],
    });
    expect(names(await planOf('flyway', 'db/migration', { outOfOrder: true })).pending).toEqual(['V1_1__late.sql', 'V3__name.sql']);
    await history('2.5', 'V2_5__removed.sql', 1);
    await history('3', 'V3__name.sql', flywayChecksum(Buffer.from('ALTER TABLE users ADD COLUMN name text;\n')), false);
    expect(names(await planOf('flyway', 'db/migration'))).toMatchObject({ missing: [['flyway-missing', 'V2_5__removed.sql']], failed: [['flyway-failed', 'V3__name.sql']] });
  });
});

describe('goose: goose_db_version', () => {
  // pressly/goose, internal/dialect/dialectquery/postgres.go, CreateTable and InsertVersion; goose inserts version 0 with the table.
  const TABLE = `CREATE TABLE goose_db_version (
		id serial NOT NULL,
		version_id bigint NOT NULL,
		is_applied boolean NOT NULL,
		tstamp timestamp NULL default now(),
		PRIMARY KEY(id)
	)`;
  const file = (up: string) => `-- +goose Up\n${up}\n\n-- +goose Down\nSELECT 1;\n`;

  it('a missing version below the newest applied is refused without -allow-missing; versions above are pending', async () => {
    repo = project({
      'migrations/00001_users.sql': file('CREATE TABLE users (id bigint PRIMARY KEY);'),
      'migrations/00002_late.sql': file('ALTER TABLE users ADD COLUMN late text;'),
      'migrations/00003_email.sql': file('ALTER TABLE users ADD COLUMN email text;'),
      'migrations/00004_name.sql': file('ALTER TABLE users ADD COLUMN name text;'),
    });
    await target.exec(TABLE);
    await target.exec('INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (3, true)');
    expect(names(await planOf('goose', 'migrations'))).toEqual({
      applied: 2,
      pending: ['00004_name.sql'],
      skipped: [['goose-missing', '00002_late.sql']],
      missing: [],
      mismatched: [],
      failed: [],
    });
    expect(names(await planOf('goose', 'migrations', { outOfOrder: true })).pending).toEqual(['00002_late.sql', '00004_name.sql']);
    // A version applied from a file that is gone now: and goose counts it as the current version.
    await target.exec('INSERT INTO goose_db_version (version_id, is_applied) VALUES (9, true)');
    expect(names(await planOf('goose', 'migrations'))).toMatchObject({ missing: [['missing', '9']], skipped: [['goose-missing', '00002_late.sql'], ['goose-missing', '00004_name.sql']] });
  });
});

describe('plain files: the configured table', () => {
  it('matches names and SHA-256 checksums in __migration_tracking(migration_name, checksum)', async () => {
    const first = 'CREATE TABLE users (id bigint PRIMARY KEY);\n';
    repo = project({ 'migrations/0001_users.sql': first, 'migrations/0002_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n', 'migrations/0003_name.sql': 'SELECT 1;\n' });
    await target.exec('CREATE TABLE __migration_tracking (migration_name text PRIMARY KEY, checksum text NOT NULL)');
    await target.exec("INSERT INTO __migration_tracking VALUES ('0001_users.sql', $1), ('0002_email.sql', 'abc')", [sha256Hex(first).toUpperCase()]);
    const settings = { table: '__migration_tracking', nameColumn: 'migration_name', checksumColumn: 'checksum' };
    expect(names(await planOf('plain', 'migrations', settings))).toEqual({ applied: 2, pending: ['0003_name.sql'], skipped: [], missing: [], mismatched: [['plain', '0002_email.sql']], failed: [] });
    const wrongColumn = await planOf('plain', 'migrations', { ...settings, nameColumn: 'name' }).catch((e: unknown) => e);
    expect((wrongColumn as Error).message).toContain('public.__migration_tracking in ');
    expect((wrongColumn as Error).message).toContain('has no column name (it has migration_name, checksum)');
  });

  it('without tracking.table the plan says how to configure it', async () => {
    repo = project({ 'migrations/0001_users.sql': 'SELECT 1;\n' });
    await expect(planOf('plain', 'migrations')).rejects.toThrow(/tracking: \{ table: schema\.table, name-column/);
  });
});

describe('no tracking table', () => {
  beforeEach(() => {
    repo = project({ 'migrations/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n' });
  });

  it('in a database with tables of its own: names the table looked for and how to configure it', async () => {
    await target.exec('CREATE TABLE orders (id bigint)');
    const error = await planOf('golang-migrate', 'migrations').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanTargetError);
    expect((error as Error).message).toMatch(/^no tracking table in postgres:\/\/[^:@]+@[^/]+\/pgmg_scratch_\w+: looked for the current schema \(schema_migrations\), where golang-migrate records applied migrations, and the database has tables of its own; golang-migrate keeps it in the current schema/);
  });

  it('in an empty database: everything is pending, with a note', async () => {
    const plan = await planOf('golang-migrate', 'migrations');
    expect(plan.pending.map((m) => m.relativePath)).toEqual(['000001_users.up.sql']);
    expect(plan.notes[0]).toContain('a new database, every migration is pending');
  });
});
