// schema-drift beyond its table tests: the target's snapshot is read inside the READ ONLY
// transaction (also by a role with no grants at all: the catalog is everyone's), a history that does
// not replay is a note and no finding, and `database.setup` builds what the history needs first, as
// it does for `check`.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../../src/config.js';
import { runPlan } from '../../src/plan/run-plan.js';
import { withTarget } from '../../src/plan/target.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { project, type Project } from './fixture.js';
import { createTargetDb, type TargetDb } from './target-db.js';

let target: TargetDb;
let repo: Project;
beforeEach(async () => {
  target = await createTargetDb();
  // The platform makes schema `app` (a managed database's template, say); the migrations assume it.
  repo = project({
    'migrations/000001_users.up.sql': 'CREATE TABLE app.users (id bigint PRIMARY KEY, email text);\n',
    'migrations/000002_orders.up.sql': 'CREATE TABLE app.orders (id bigint PRIMARY KEY);\n',
  });
  await target.exec('CREATE SCHEMA app');
  await target.exec('CREATE TABLE app.users (id bigint PRIMARY KEY, email text)');
  // golang-migrate/migrate, database/postgres/postgres.go, ensureVersionTable; after `migrate up 1`.
  await target.exec('CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)');
  await target.exec('INSERT INTO schema_migrations VALUES (1, false)');
});
afterEach(async () => {
  repo.cleanup();
  await target.cleanup();
});

const plan = (config: Partial<Config> = {}) =>
  runPlan({ cwd: repo.root, config: { ...defaultConfig(), layout: 'golang-migrate', ...config } as Config, targetUrl: target.url, databaseUrl: testDatabaseUrl() });
const driftFindings = (report: Awaited<ReturnType<typeof plan>>) => report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === 'schema-drift').map((f) => f.message));

describe('schema-drift', () => {
  it('a history that does not replay is a note, not a finding', async () => {
    const report = await plan();
    expect(driftFindings(report)).toEqual([]);
    expect(report.plan!.drift).toMatchObject({ status: 'not-compared', reason: expect.stringContaining('the applied migrations do not replay: ') });
    expect(report.plan!.drift.reason).toContain('schema "app" does not exist');
    expect(report.plan!.notes).toContainEqual(expect.stringMatching(/^schema-drift: not compared: the applied migrations do not replay: .*database\.setup/));
    // The rehearsal builds on the same history: it fails the same way, in the plan's words, and the pending step is not applied.
    expect(report.plan!.rehearsal).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^the applied migrations do not apply: migrations\/000001_users\.up\.sql:1: schema "app" does not exist .*; the pending migrations were not verified\. /) });
    expect(report.plan!.notes).toContainEqual(expect.stringMatching(/^rehearsal failed: the applied migrations do not apply: /));
    expect(report.plan!.sets[0]!.pending).toMatchObject([{ path: 'migrations/000002_orders.up.sql', apply: { status: 'skipped' }, locks: [] }]);
  });

  it('database.setup runs before the replay, as for check: then the schemas are compared', async () => {
    const report = await plan({ database: { ...defaultConfig().database, setup: [{ sql: 'CREATE SCHEMA app;' }] } });
    expect(report.plan!.drift).toMatchObject({ status: 'compared', replayed: 1, objects: [] });
    expect(driftFindings(report)).toEqual([]);

    await target.exec('ALTER TABLE app.users ADD COLUMN nickname text');
    const drifted = await plan({ database: { ...defaultConfig().database, setup: [{ sql: 'CREATE SCHEMA app;' }] } });
    expect(driftFindings(drifted)).toEqual(['column app.users.nickname exists in the target; no migration creates it.']);
    expect(drifted.plan!.drift.objects).toEqual([{ object: 'column app.users.nickname', change: 'extra' }]);
  });

  it("an applied migration's SET search_path or time zone is no drift: the replay's schema is read in sessions with the defaults, as the target's", async () => {
    // As pg_dump-style and Flyway migrations do: the objects are created unqualified in schema app.
    const history =
      "SET search_path TO app, public;\nSET TIME ZONE 'America/New_York';\n" +
      "CREATE TYPE mood AS ENUM ('ok', 'sad');\n" +
      "CREATE TABLE users (id serial PRIMARY KEY, email text, mood mood, since timestamptz DEFAULT '2024-01-01 00:00:00+00');\n";
    repo.write('migrations/000001_users.up.sql', history);
    await target.exec('DROP TABLE app.users');
    await target.exec(history);
    const report = await plan({ database: { ...defaultConfig().database, setup: [{ sql: 'CREATE SCHEMA app;' }] } });
    expect(report.plan!.drift).toMatchObject({ status: 'compared', replayed: 1, objects: [] });
    expect(driftFindings(report)).toEqual([]);
  });

  it('a target in a failed state is not compared: its schema holds part of a migration', async () => {
    await target.exec('UPDATE schema_migrations SET dirty = true');
    const report = await plan({ database: { ...defaultConfig().database, setup: [{ sql: 'CREATE SCHEMA app;' }] } });
    expect(report.plan!.drift).toMatchObject({ status: 'not-compared', reason: expect.stringContaining('failed state') });
    expect(driftFindings(report)).toEqual([]);
  });

  it("the target's snapshot is read in its READ ONLY transaction, by a role with no grants too", async () => {
    const role = await target.role([]);
    await withTarget(role.url, async (session) => {
      const snapshot = await session.snapshot();
      expect(snapshot.get('table app.users')).toBeDefined();
      expect(snapshot.get('column app.users.email')?.attributes).toMatchObject({ type: 'text' });
      const [row] = await session.select<{ ro: string; tx: boolean }>("SELECT current_setting('transaction_read_only') AS ro, now() = statement_timestamp() AS tx");
      // Read only, and still the transaction BEGIN READ ONLY opened (now() is its start, not this statement's).
      expect(row).toEqual({ ro: 'on', tx: false });
      await expect(session.unsafeQueryForTests('CREATE TABLE app.written (id int)')).rejects.toMatchObject({ code: '25006' });
    });
  });
});
