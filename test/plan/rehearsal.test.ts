// The rehearsal at production size: a target migrated by the real dbmate binary, with rows in it,
// and pending migrations written afterwards. The pending ones go through check's lint and database
// stages on a scratch database built from the applied migrations (on the test server, never the
// target), and every lock and rewrite on an existing table is weighed by the target's size of it.
// "Large" and "small" come from thresholds set low in the config, not from gigabytes of rows.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../../src/config.js';
import { formatPlanText } from '../../src/plan/format-plan-text.js';
import { runPlan } from '../../src/plan/run-plan.js';
import type { Report } from '../../src/report/report.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { drizzleJournal, project, type Project } from './fixture.js';
import { createTargetDb, type TargetDb } from './target-db.js';

const DIR = 'db/migrations';
const REWRITE = `${DIR}/20240301120000_orders_amount_numeric.sql`;
const INDEX = `${DIR}/20240302120000_countries_name_index.sql`;
const FAILS = `${DIR}/20240303120000_orders_customer_fk.sql`;

let target: TargetDb;
let repo: Project;
let report: Report;
let text: string;
let before: { tuples: number; schema: unknown; tracking: unknown };

/** What the target holds that the rehearsal would change if it ran there, and its write counter. */
async function targetState() {
  await new Promise((resolve) => setTimeout(resolve, 700));
  const [row] = await target.exec(
    `SELECT pg_stat_clear_snapshot(), (SELECT tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = current_database())::int AS tuples`,
  );
  const schema = await target.exec(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const indexes = await target.exec(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`);
  const tracking = await target.exec('SELECT version FROM schema_migrations ORDER BY version');
  return { tuples: row!['tuples'] as number, schema: [schema, indexes], tracking };
}

beforeAll(async () => {
  target = await createTargetDb();
  repo = project({
    [`${DIR}/20240101120000_create_orders.sql`]:
      '-- migrate:up\nCREATE TABLE orders (id bigint PRIMARY KEY, amount integer NOT NULL, note text);\n' +
      'CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);\n\n' +
      '-- migrate:down\nDROP TABLE countries;\nDROP TABLE orders;\n',
  });
  execFileSync(join(process.cwd(), 'node_modules/.bin/dbmate'), ['--url', `${target.url}?sslmode=disable`, '--migrations-dir', join(repo.root, DIR), '--no-dump-schema', 'up'], {
    stdio: 'pipe',
  });
  await target.exec("INSERT INTO orders SELECT g, g % 1000, 'order ' || g FROM generate_series(1, 5000) g; ANALYZE orders");
  await target.exec("INSERT INTO countries SELECT 'c' || g, 'Country ' || g FROM generate_series(1, 200) g; ANALYZE countries");
  // Written after `dbmate up`: what the next deploy applies.
  repo.write(
    REWRITE,
    "-- migrate:up\nSET lock_timeout = '5s';\nALTER TABLE orders ALTER COLUMN amount TYPE numeric(12, 2);\n\n-- migrate:down\nALTER TABLE orders ALTER COLUMN amount TYPE integer;\n",
  );
  repo.write(INDEX, "-- migrate:up\nSET lock_timeout = '5s';\nCREATE INDEX countries_name_idx ON countries (name);\n\n-- migrate:down\nDROP INDEX countries_name_idx;\n");
  repo.write(FAILS, "-- migrate:up\nSET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customer (id);\n\n-- migrate:down\nALTER TABLE orders DROP COLUMN customer_id;\n");
  before = await targetState();
  const config: Config = {
    ...defaultConfig(),
    layout: 'dbmate',
    migrations: DIR,
    // orders (5000 rows) is large at these limits; countries (200 rows, a few kB) is small.
    plan: { 'long-transaction': 300_000, 'large-table': { rows: 1_000, bytes: 1024 ** 3 }, 'small-table': { rows: 500, bytes: 1024 ** 2 } },
  };
  report = await runPlan({ cwd: repo.root, config, targetUrl: target.url, databaseUrl: testDatabaseUrl() });
  text = formatPlanText(report, { color: false });
}, 120_000);
afterAll(async () => {
  repo?.cleanup();
  await target?.cleanup();
});

const row = (path: string) => report.migrations.find((m) => m.path === path)!;
const step = (path: string) => report.plan!.sets[0]!.pending.find((s) => s.path === path)!;

describe('the rehearsal of the pending migrations', () => {
  it("runs on the gate's server, the pending ones in dbmate's order, after the applied one replayed", () => {
    expect(report.plan!.rehearsal).toMatchObject({ status: 'ran', server: expect.stringMatching(/\(database URL\)$/) });
    expect(report.plan!.sets[0]!.pending.map((s) => [s.step, s.path])).toEqual([
      [1, REWRITE],
      [2, INDEX],
      [3, FAILS],
    ]);
    expect(report.plan!.sizeLimits).toEqual({ large: { rows: 1_000, bytes: 1024 ** 3 }, small: { rows: 500, bytes: 1024 ** 2 } });
  });

  it('a rewrite of a large table is high risk, with the target\'s size shown', () => {
    expect(step(REWRITE)).toMatchObject({
      risk: 'high',
      apply: { status: 'applied' },
      rollback: { status: 'verified' },
      locks: [{ line: 3, table: 'public.orders', mode: 'AccessExclusiveLock', rewrite: true, rows: 5000, size: 'large', risk: 'high' }],
    });
    const rewrite = row(REWRITE).findings.find((f) => f.rule === 'changing-column-type')!;
    expect(rewrite).toMatchObject({ severity: 'error', risk: 'high', line: 3 });
    expect(rewrite.message).toMatch(/Observed: the table was rewritten/);
    expect(rewrite.message).toMatch(/On the target, orders: 5k rows, [\d.]+ kB: at or above plan\.large-table/);
    expect(text).toMatch(/  1\. db\/migrations\/20240301120000_orders_amount_numeric\.sql  risk high\n     rehearsal: applied, rollback verified\n     line 3: ACCESS EXCLUSIVE, rewrite, on orders: 5k rows, [\d.]+ kB \(large table\): high risk\n/);
  });

  it('a plain CREATE INDEX on a small lookup table is low risk, a note, with its size', () => {
    expect(step(INDEX)).toMatchObject({
      risk: 'low',
      apply: { status: 'applied' },
      rollback: { status: 'verified' },
      locks: [{ line: 3, table: 'public.countries', mode: 'ShareLock', rewrite: false, rows: 200, size: 'small', risk: 'low' }],
    });
    const index = row(INDEX).findings.find((f) => f.rule === 'require-concurrent-index-creation')!;
    expect(index).toMatchObject({ severity: 'info', risk: 'low', line: 3, column: 1 });
    expect(index.message).toMatch(/On the target, countries: 200 rows, [\d.]+ kB: under plan\.small-table, so the lock is brief there\.$/);
    expect(text).toMatch(/  2\. db\/migrations\/20240302120000_countries_name_index\.sql  risk low\n     rehearsal: applied, rollback verified\n     line 3: SHARE on countries: 200 rows, [\d.]+ kB \(small table\): low risk\n/);
  });

  it('a pending migration that fails to apply is reported on its file, at its line', () => {
    const failed = row(FAILS).findings.find((f) => f.rule === 'apply-failed')!;
    expect(failed).toMatchObject({ severity: 'error', line: 3 });
    expect(failed.message).toContain('relation "customer" does not exist');
    expect(row(FAILS)).toMatchObject({ status: 'new', apply: { status: 'failed' } });
    expect(step(FAILS)).toMatchObject({ risk: 'high', apply: { status: 'failed' }, locks: [] });
    expect(text).toContain('  3. db/migrations/20240303120000_orders_customer_fk.sql  risk high\n     rehearsal: fails to apply: ');
    expect(text).toMatch(/\ndb\/migrations\/20240303120000_orders_customer_fk\.sql:3  error  apply-failed  /);
  });

  it('never writes to the target: no tuple, no schema change, the tracking table as dbmate left it', async () => {
    const after = await targetState();
    expect(after.tuples).toBe(before.tuples);
    expect(after.schema).toEqual(before.schema);
    expect(after.tracking).toEqual([{ version: '20240101120000' }]);
  });
});

describe('without a database URL', () => {
  it('the drift replay and the rehearsal share one temporary server, started and announced once', async () => {
    const own = await createTargetDb();
    const files = project({
      [`${DIR}/20240101120000_create_orders.sql`]: '-- migrate:up\nCREATE TABLE orders (id bigint PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE orders;\n',
    });
    try {
      execFileSync(join(process.cwd(), 'node_modules/.bin/dbmate'), ['--url', `${own.url}?sslmode=disable`, '--migrations-dir', join(files.root, DIR), '--no-dump-schema', 'up'], { stdio: 'pipe' });
      files.write(`${DIR}/20240201120000_orders_note.sql`, "-- migrate:up\nSET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;\n\n-- migrate:down\nALTER TABLE orders DROP COLUMN note;\n");
      const log: string[] = [];
      const planned = await runPlan({ cwd: files.root, config: { ...defaultConfig(), layout: 'dbmate', migrations: DIR }, targetUrl: own.url, log: (line) => log.push(line) });
      expect(log.filter((line) => line.startsWith('started a temporary PostgreSQL'))).toEqual([expect.stringContaining('to replay and rehearse the migrations; it is removed when the plan ends')]);
      expect(planned.plan!.drift).toMatchObject({ status: 'compared', server: expect.stringMatching(/\(temporary server\)$/) });
      expect(planned.plan!.rehearsal).toMatchObject({ status: 'ran', server: expect.stringMatching(/\(temporary server\)$/) });
      expect(planned.plan!.sets[0]!.pending[0]).toMatchObject({ apply: { status: 'applied' }, rollback: { status: 'verified' } });
    } finally {
      files.cleanup();
      await own.cleanup();
    }
  }, 60_000);
});

describe("Drizzle: the pending migrations rehearsed in one transaction, as drizzle-orm's migrator runs them", () => {
  it('finds what fails only in the batch, and the real migrator then fails the same way', async () => {
    const own = await createTargetDb();
    const files = project({
      'drizzle/0000_orders.sql': 'CREATE TYPE "status" AS ENUM(\'new\');\n--> statement-breakpoint\nCREATE TABLE "orders" ("id" serial PRIMARY KEY NOT NULL, "status" "status" DEFAULT \'new\' NOT NULL);\n',
      'drizzle/meta/_journal.json': drizzleJournal([{ tag: '0000_orders', when: 1_700_000_000_000 }]),
    });
    const runMigrator = async () => {
      const client = new pg.Client({ connectionString: own.url });
      await client.connect();
      try {
        await migrate(drizzle(client), { migrationsFolder: join(files.root, 'drizzle') });
      } finally {
        await client.end();
      }
    };
    try {
      await runMigrator();
      // Two pending files, each fine alone: the second uses the value the first adds, in the one transaction of the batch.
      files.write('drizzle/0001_shipped.sql', 'ALTER TYPE "status" ADD VALUE \'shipped\';\n');
      files.write('drizzle/0002_default.sql', 'ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT \'shipped\';\n');
      files.write(
        'drizzle/meta/_journal.json',
        drizzleJournal([
          { tag: '0000_orders', when: 1_700_000_000_000 },
          { tag: '0001_shipped', when: 1_700_000_100_000 },
          { tag: '0002_default', when: 1_700_000_200_000 },
        ]),
      );
      const planned = await runPlan({ cwd: files.root, config: { ...defaultConfig(), layout: 'drizzle', migrations: 'drizzle' }, targetUrl: own.url, databaseUrl: testDatabaseUrl() });
      expect(planned.plan!.rehearsal).toMatchObject({ status: 'ran', notes: [expect.stringContaining('all together in one transaction, as Drizzle does')] });
      const second = planned.migrations.find((m) => m.path === 'drizzle/0002_default.sql')!;
      expect(second.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.line])).toEqual([['enum-add-value-in-transaction', 1]]);
      expect(second.findings.find((f) => f.rule === 'enum-add-value-in-transaction')!.message).toContain("'shipped'");
      // What the deploy would do: the migrator fails on it, and the target keeps its one applied migration.
      await expect(runMigrator()).rejects.toThrow();
      expect(await own.exec('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).toEqual([{ n: 1 }]);
    } finally {
      files.cleanup();
      await own.cleanup();
    }
  }, 60_000);
});
