// `plan` through the CLI: the deploy plan in text and JSON, exit codes by --fail-on, and exit 2 with
// one line when the target cannot be read. The target is never written: the database's tuple
// counters and the tracking table's rows are the same after the plan as before it.

import { createServer, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { createTargetDb, type TargetDb } from './target-db.js';
import { project, type Project } from './fixture.js';

let target: TargetDb;
let repo: Project;
beforeEach(async () => {
  target = await createTargetDb();
  repo = project({
    'migrations/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
    'migrations/000001_users.down.sql': 'DROP TABLE users;\n',
    'migrations/000002_email.up.sql': "SET lock_timeout = '3s';\nALTER TABLE users ADD COLUMN email text;\n",
    'migrations/000003_name.up.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
  });
  // golang-migrate/migrate, database/postgres/postgres.go, ensureVersionTable; state after `migrate up 1`.
  await target.exec('CREATE TABLE users (id bigint PRIMARY KEY)');
  await target.exec('CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)');
  await target.exec('INSERT INTO schema_migrations VALUES (1, false)');
});
afterEach(async () => {
  repo.cleanup();
  await target.cleanup();
});

// DATABASE_URL: where schema-drift replays the applied migrations (the test server), as a pipeline sets it.
async function plan(args: string[], env: NodeJS.ProcessEnv = { DATABASE_URL: testDatabaseUrl() }) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['plan', ...args], {
    cwd: repo.root,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTty: false,
    env,
  });
  return { code, stdout, stderr };
}

const writes = async () => {
  await new Promise((resolve) => setTimeout(resolve, 700));
  const [row] = await target.exec(
    `SELECT pg_stat_clear_snapshot(), (SELECT tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = current_database())::int AS tuples`,
  );
  return row!['tuples'] as number;
};

describe('plan', () => {
  it('reads as a deploy plan in the runner\'s order, and writes nothing to the target', async () => {
    // A thousand users, counted by ANALYZE: the plan shows the target's size of each table a step touches.
    await target.exec('INSERT INTO users SELECT generate_series(1, 1000); ANALYZE users');
    await target.exec("CREATE TABLE marker (id int); INSERT INTO marker VALUES (1)");
    const before = await writes();
    // The counter sees writes: a control INSERT moves it.
    await target.exec('INSERT INTO marker VALUES (2)');
    const afterControl = await writes();
    expect(afterControl).toBeGreaterThan(before);

    const { code, stdout, stderr } = await plan(['--target-url', target.url]);
    expect(stderr).toBe('');
    expect(stdout).toContain('Deploy plan: target PostgreSQL ');
    // Each step as the rehearsal applied it, with every lock on an existing table and the target's size of it.
    expect(stdout).toMatch(
      new RegExp(
        [
          'migrations: golang-migrate, tracking table public\\.schema_migrations, 1 applied, 2 pending',
          '  1\\. migrations/000002_email\\.up\\.sql  risk low',
          '     rehearsal: applied, no rollback',
          '     line 2: ACCESS EXCLUSIVE on users: 1k rows, \\d+ kB \\(small table\\): low risk',
          '  2\\. migrations/000003_name\\.up\\.sql  risk medium',
          '     rehearsal: applied, no rollback',
          '     line 1: ACCESS EXCLUSIVE on users: 1k rows, \\d+ kB \\(small table\\): low risk\\n',
        ].join('\\n'),
      ),
    );
    expect(stdout).toMatch(/\nrehearsed on PostgreSQL \S+ \(database URL\), from the applied migrations: sizes are the target's, no durations are guessed\n/);
    // The rehearsal's findings are the pending files' own, located.
    expect(stdout).toContain('migrations/000003_name.up.sql:1  warning  require-lock-timeout  ');
    // The control table is made by hand, outside the migrations: schema drift, read from the catalog.
    expect(stdout).toMatch(/schema: 1 object differs from its 1 applied migration replayed on PostgreSQL \S+ \(database URL\)\n/);
    expect(stdout).toContain('migrations:1  error  schema-drift  table marker exists in the target; no migration creates it.');
    expect(code).toBe(1);
    expect(await writes()).toBe(afterControl);
    expect(await target.exec('SELECT version::int, dirty FROM schema_migrations')).toEqual([{ version: 1, dirty: false }]);
    // The rehearsal applied both pending migrations elsewhere: the target still has no such columns.
    expect(await target.exec("SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY ordinal_position")).toEqual([{ column_name: 'id' }]);
    expect(stdout + stderr).not.toContain(new URL(target.url).password);
  });

  it('--fail-on info fails while a migration is pending; TARGET_DATABASE_URL is read', async () => {
    const { code, stdout } = await plan(['--fail-on', 'info', '--format', 'json'], { TARGET_DATABASE_URL: target.url, DATABASE_URL: testDatabaseUrl() });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.plan).toMatchObject({
      serverMajor: expect.any(Number),
      sets: [{ dir: 'migrations', layout: 'golang-migrate', runner: 'golang-migrate', trackingTable: 'public.schema_migrations', applied: 1, pending: [{ step: 1, path: 'migrations/000002_email.up.sql' }, { step: 2, path: 'migrations/000003_name.up.sql' }] }],
    });
    // Never analyzed: no row estimate, and no invented one.
    expect(report.plan.sets[0].pending[0].tables).toEqual([{ table: 'public.users', rows: null, bytes: expect.any(Number) }]);
    expect(report.plan.sets[0].pending[0].tables[0].bytes).toBeGreaterThan(0);
    expect(report.plan.drift).toEqual({ status: 'compared', replayed: 1, server: expect.stringMatching(/^PostgreSQL \S+ \(database URL\)$/), objects: [] });
    // Each pending migration's row holds what the rehearsal found: lint and database findings, apply, rollback, locks.
    expect(report.migrations.map((m: { path: string; findings: Array<{ rule: string }> }) => [m.path, m.findings.map((f) => f.rule)])).toEqual([
      ['migrations/000002_email.up.sql', ['pending-migration', 'access-exclusive-lock']],
      ['migrations/000003_name.up.sql', ['pending-migration', 'require-lock-timeout', 'access-exclusive-lock']],
    ]);
    expect(report.migrations[0]).toMatchObject({ apply: { status: 'applied' }, rollback: { status: 'no-rollback' }, locks: [{ line: 2, relation: 'users', mode: 'AccessExclusiveLock' }] });
    expect(report.plan.rehearsal).toEqual({ status: 'ran', server: expect.stringMatching(/^PostgreSQL \S+ \(database URL\)$/) });
    expect(report.plan.sets[0].pending[1]).toMatchObject({
      risk: 'medium',
      apply: { status: 'applied' },
      locks: [{ line: 1, table: 'public.users', mode: 'AccessExclusiveLock', rewrite: false, rows: null, size: 'small', risk: 'low' }],
    });
    // No duration of the rehearsal in the plan: it would read as the target's.
    expect(report.plan.sets[0].pending[1].apply.durationMs).toBeUndefined();
  });

  it('nothing pending', async () => {
    // As `migrate up` leaves it: 000002 and 000003 applied.
    await target.exec('ALTER TABLE users ADD COLUMN email text, ADD COLUMN name text');
    await target.exec('UPDATE schema_migrations SET version = 3');
    const { code, stdout } = await plan(['--target-url', target.url, '--fail-on', 'info']);
    expect(code).toBe(0);
    expect(stdout).toContain('3 applied, 0 pending\n  nothing to apply\n');
    expect(stdout).toMatch(/\nschema: matches its 3 applied migrations replayed on PostgreSQL \S+ \(database URL\)\n/);
    expect(stdout).toContain('✔ ready to deploy');
  });

  it('a dirty target fails the plan (exit 1) with what to do', async () => {
    await target.exec('UPDATE schema_migrations SET dirty = true');
    const { code, stdout } = await plan(['--target-url', target.url]);
    expect(code).toBe(1);
    expect(stdout).toContain('Before the migrate step:\nmigrations/000001_users.up.sql:1  error  target-migration-failed  The target is dirty at version 1');
    expect(stdout).toContain('1 error, 1 warning before deploying');
  });

  it('works as a role with only SELECT on the tracking table, and says what it cannot see without pg_read_all_stats', async () => {
    const role = await target.role(['GRANT USAGE ON SCHEMA public TO {{role}}', 'GRANT SELECT ON schema_migrations TO {{role}}']);
    const { code, stdout, stderr } = await plan(['--target-url', role.url]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`note: role "${role.name}" is not a member of pg_read_all_stats`);
    expect(stdout).not.toContain(new URL(role.url).password);
  });

  it('a role without access to the tracking table: exit 2, one line naming the privilege and the table', async () => {
    const role = await target.role(['GRANT USAGE ON SCHEMA public TO {{role}}']);
    const { code, stdout, stderr } = await plan(['--target-url', role.url]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`has no SELECT on table public.schema_migrations; GRANT SELECT ON public.schema_migrations TO "${role.name}"`);
    expect(stderr).not.toContain(new URL(role.url).password);
  });

  it('an unreachable target: exit 2, one line, no password', async () => {
    const { code, stderr } = await plan(['--target-url', 'postgres://deploy:hunter2-secret@127.0.0.1:1/prod']);
    expect(code).toBe(2);
    expect(stderr).toBe('pg-migration-gate: target database: cannot connect to postgres://deploy@127.0.0.1:1/prod: connection refused; check that PostgreSQL is running and listening on that host and port\n');
  });

  it('a target that never answers: exit 2 after the connect timeout, one line, no password', async () => {
    // Accepts connections and never answers: what a firewall that drops packets looks like to a client.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    repo.write('.migration-gate.yml', 'database:\n  connect-timeout: 500ms\n');
    try {
      const started = Date.now();
      const { code, stdout, stderr } = await plan(['--target-url', `postgres://deploy:hunter2-secret@127.0.0.1:${port}/prod`]);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `pg-migration-gate: target database: cannot connect to postgres://deploy@127.0.0.1:${port}/prod: no answer within 0.5s; check the host, port and firewall, or raise the connect timeout\n`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('without a target: a usage error', async () => {
    const { code, stderr } = await plan([]);
    expect(code).toBe(2);
    expect(stderr).toContain('plan needs the database the deploy migrates: --target-url URL or TARGET_DATABASE_URL');
  });
});
