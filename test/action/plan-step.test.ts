// The action as the deploy gate (input target-database-url): run() in-process, with @actions/core
// mocked as in main.test.ts, against a real git checkout and a real target database left by
// golang-migrate. It runs plan instead of check: job summary and outputs, never a PR comment, and
// the URL masked before anything is logged.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GitHubCommentsApi } from '../../src/github/octokit-comments.js';
import { finishRemovals } from '../../src/db/background-removals.js';
import { startInitdbEarly } from '../../src/db/initdb-head-start.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { serverDirectories } from '../db/processes.js';
import { createTargetDb, type TargetDb } from '../plan/target-db.js';
import { GitRepo } from './action-run.js';

const core = vi.hoisted(() => ({
  inputs: {} as Record<string, string>,
  log: [] as Array<[string, string, unknown?]>,
  outputs: {} as Record<string, string>,
  summaries: [] as string[],
}));

vi.mock('@actions/core', () => {
  const record = (kind: string) => (message: string | Error, properties?: unknown) => void core.log.push([kind, String(message), properties]);
  let buffer = '';
  return {
    getInput: (name: string) => core.inputs[name] ?? '',
    setSecret: record('secret'),
    setOutput: (name: string, value: string) => void (core.outputs[name] = value),
    setFailed: record('failed'),
    info: record('info'),
    debug: record('debug'),
    notice: record('notice'),
    warning: record('warning'),
    error: record('error'),
    summary: {
      addRaw(text: string) {
        buffer += text;
        return this;
      },
      async write() {
        core.summaries.push(buffer);
        buffer = '';
        return this;
      },
    },
  };
});

const { run } = await import('../../src/main.js');

let repo: GitRepo;
let runner: string;
let target: TargetDb;
let commentsCreated: number;

beforeEach(async () => {
  repo = new GitRepo();
  repo.write('db/migrations/000001_users.up.sql', 'CREATE TABLE users (id bigint PRIMARY KEY);\n');
  repo.write('db/migrations/000001_users.down.sql', 'DROP TABLE users;\n');
  repo.write('db/migrations/000002_email.up.sql', "SET lock_timeout = '3s';\nALTER TABLE users ADD COLUMN email text;\n");
  repo.write('db/migrations/000003_name.up.sql', "SET lock_timeout = '3s';\nALTER TABLE users ADD COLUMN name text;\n");
  repo.commit('migrations');
  target = await createTargetDb();
  // golang-migrate/migrate, database/postgres/postgres.go, ensureVersionTable; state after `migrate up 1`.
  await target.exec('CREATE TABLE users (id bigint PRIMARY KEY)');
  await target.exec('CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)');
  await target.exec('INSERT INTO schema_migrations VALUES (1, false)');
  runner = mkdtempSync(join(tmpdir(), 'pgmg-plan-step-'));
  writeFileSync(join(runner, 'summary.md'), '');
  // database-url: where schema-drift replays the applied migrations (the test server, as a service container).
  core.inputs = { 'github-token': 'tok', migrations: 'db/migrations', 'target-database-url': target.url, 'database-url': testDatabaseUrl() };
  core.log = [];
  core.outputs = {};
  core.summaries = [];
  commentsCreated = 0;
});
afterEach(async () => {
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(runner, { recursive: true, force: true });
  await target.cleanup();
});

function env(name: string, payload: unknown): NodeJS.ProcessEnv {
  const path = join(runner, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: 'octo-org/shop',
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_SHA: repo.git('rev-parse', 'HEAD'),
    GITHUB_RUN_ID: '5',
    GITHUB_API_URL: 'http://127.0.0.1:1',
    GITHUB_STEP_SUMMARY: join(runner, 'summary.md'),
    RUNNER_TEMP: runner,
  };
}
const push = () => env('push', {});
const pullRequest = () => {
  const sha = repo.git('rev-parse', 'HEAD');
  return env('pull_request', { pull_request: { number: 3, base: { sha }, head: { sha } } });
};

function gate(environment: NodeJS.ProcessEnv) {
  return run({
    env: environment,
    createCommentsApi: () => {
      commentsCreated += 1;
      return {} as GitHubCommentsApi;
    },
  });
}

const logged = (kind: string) => core.log.filter(([k]) => k === kind).map(([, message]) => message);
// Everything the run shows, other than what it hands to setSecret to be masked.
const everything = () => [...core.log.filter(([kind]) => kind !== 'secret').map(([, message]) => message), ...core.summaries, ...Object.values(core.outputs)].join('\n');

describe('the action with target-database-url', () => {
  it('runs plan: the steps in order in the summary, the outputs with pending, the URL and its password masked first', async () => {
    const code = await gate(push());
    expect(logged('failed')).toEqual([]);
    expect(code).toBe(0);
    const password = new URL(target.url).password;
    expect(password).not.toBe('');
    // Masked before the first line of the log: both URLs, and each password alone.
    const masked = core.log.findIndex(([kind]) => kind !== 'secret');
    const secrets = core.log.slice(0, masked).map(([, value]) => value);
    expect(secrets).toEqual(expect.arrayContaining([testDatabaseUrl(), new URL(testDatabaseUrl()).password, target.url, password]));

    // The two pending-migration notes, and the rehearsal's ACCESS EXCLUSIVE note on each ALTER.
    expect(core.outputs).toMatchObject({ risk: 'low', findings: '4', pending: '2' });
    expect(core.outputs.verification).toBeUndefined();
    const report = JSON.parse(readFileSync(core.outputs.report!, 'utf8'));
    expect(report.plan.sets).toMatchObject([
      { dir: 'db/migrations', runner: 'golang-migrate', applied: 1, pending: [{ step: 1, path: 'db/migrations/000002_email.up.sql' }, { step: 2, path: 'db/migrations/000003_name.up.sql' }] },
    ]);
    const sarif = JSON.parse(readFileSync(core.outputs.sarif!, 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['pending-migration', 'access-exclusive-lock', 'pending-migration', 'access-exclusive-lock']);

    expect(core.summaries).toHaveLength(1);
    const summary = core.summaries[0]!;
    expect(summary).toContain('### Deploy plan: ✅ Ready to deploy');
    // Each step as the rehearsal applied it, each lock with the target's size of the table: users was
    // never analyzed, so no row count is made up.
    expect(summary).toMatch(
      new RegExp(
        [
          '\\*\\*`db/migrations`\\*\\*: golang\\\\-migrate, tracking table `public\\.schema_migrations`, 1 applied, 2 pending\\n',
          '1\\. `db/migrations/000002_email\\.up\\.sql` · risk 🟡 Low',
          '   - rehearsal: applied, no rollback',
          '   - line 2: ACCESS EXCLUSIVE on users: rows not counted yet \\\\\\(never vacuumed or analyzed\\\\\\), \\d+ kB \\\\\\(small table\\\\\\): low risk',
          '2\\. `db/migrations/000003_name\\.up\\.sql` · risk 🟡 Low',
        ].join('\\n'),
      ),
    );
    expect(summary).toMatch(/\n✅ schema: matches its 1 applied migration replayed on PostgreSQL \S+ \\\(database URL\\\)\n\nrehearsed on PostgreSQL \S+ \\\(database URL\\\), from the applied migrations: sizes are the target's, no durations are guessed\n/);
    expect(summary).not.toContain('Migration risk');
    expect(everything()).not.toContain(password);
    // The target is only read: the tracking table is as golang-migrate left it.
    expect(await target.exec('SELECT version::int, dirty FROM schema_migrations')).toEqual([{ version: 1, dirty: false }]);
  });

  it("stops an initdb its entry started before the plan runs: the deploy gate starts no check's server", async () => {
    const headStart = startInitdbEarly({ cache: false, preferMajor: 16 })!;
    expect(serverDirectories(process.pid)).toHaveLength(1);
    let taken = false;
    let discardedAtPlan = false;
    const code = await run({
      env: push(),
      createCommentsApi: () => ({}) as GitHubCommentsApi,
      headStart: {
        runsInitdb: headStart.runsInitdb,
        ready: headStart.ready,
        suits: headStart.suits,
        take: (wanted) => {
          const started = headStart.take(wanted);
          taken ||= started !== undefined;
          return started;
        },
        discard: () => {
          // Before the plan's own report exists: at the start of the plan step, not after it.
          discardedAtPlan ||= core.outputs.report === undefined;
          headStart.discard();
        },
      },
    });
    expect(code).toBe(0);
    expect(taken).toBe(false);
    expect(discardedAtPlan).toBe(true);
    expect(await finishRemovals()).toEqual([]);
    expect(serverDirectories(process.pid)).toEqual([]);
  });

  it('never comments, on a pull request either', async () => {
    expect(await gate(pullRequest())).toBe(0);
    expect(commentsCreated).toBe(0);
    expect(core.summaries[0]).toContain('### Deploy plan: ✅ Ready to deploy');
  });

  it("fail-on info fails the step while a migration is pending; nothing pending passes", async () => {
    core.inputs['fail-on'] = 'info';
    expect(await gate(push())).toBe(1);
    expect(logged('failed')).toEqual(["deploy plan: 4 findings at or above 'info' (risk: low)"]);
    expect(core.summaries[0]).toContain('### Deploy plan: ❌ Blocks the deploy (4 findings at or above `info`)');

    await target.exec('ALTER TABLE users ADD COLUMN email text, ADD COLUMN name text');
    await target.exec('UPDATE schema_migrations SET version = 3');
    core.log = [];
    core.summaries = [];
    expect(await gate(push())).toBe(0);
    expect(core.outputs.pending).toBe('0');
    expect(core.summaries[0]).toContain('3 applied, 0 pending\n\nNothing to apply.');
  });

  it('a dirty target blocks the deploy, and the summary says what stands in the way', async () => {
    await target.exec('UPDATE schema_migrations SET dirty = true');
    expect(await gate(push())).toBe(1);
    expect(core.outputs.risk).not.toBe('none');
    const summary = core.summaries[0]!;
    expect(summary).toContain('### Deploy plan: ❌ Blocks the deploy (1 finding at or above `error`)');
    expect(summary).toMatch(/### Before the migrate step\n\n- ❌ \[`target-migration-failed`\]\(\S+target-migration-failed\.md\) `db\/migrations\/000001_users\.up\.sql:1`: The target is dirty at version 1/);
  });

  it('a target that cannot be read: exit 2, one line without the password, the error summary, no comment', async () => {
    core.inputs['target-database-url'] = 'postgres://deploy:hunter2-secret@127.0.0.1:1/prod';
    expect(await gate(pullRequest())).toBe(2);
    expect(logged('secret')).toEqual(expect.arrayContaining([testDatabaseUrl(), 'postgres://deploy:hunter2-secret@127.0.0.1:1/prod', 'hunter2-secret']));
    const failed = logged('failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^target database: cannot connect to postgres:\/\/deploy@127\.0\.0\.1:1\/prod: connection refused/);
    expect(core.summaries[0]).toContain('The gate could not run');
    expect(everything()).not.toContain('hunter2');
    expect(commentsCreated).toBe(0);
  });

  it('fail-on info without target-database-url is an input error', async () => {
    delete core.inputs['target-database-url'];
    core.inputs['fail-on'] = 'info';
    expect(await gate(push())).toBe(2);
    expect(logged('failed')).toEqual([
      "input 'fail-on': info is for the deploy gate (it fails while a migration is pending); set 'target-database-url', or use error, warning or never",
    ]);
  });
});
