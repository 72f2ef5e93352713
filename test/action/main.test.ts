// run() in-process, with @actions/core mocked (the only module mock: the GitHub client is passed in,
// STYLE.md examples 7 and 9) against a real git repository: paths, links, notes, exit codes and the
// paths that never reach GitHub.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commentMarker, type IssueComment } from '../../src/github/comments.js';
import type { GitHubCommentsApi } from '../../src/github/octokit-comments.js';
import type { NewReviewComment, ReviewComment } from '../../src/github/review-comments.js';
import { finishRemovals } from '../../src/db/background-removals.js';
import { startInitdbEarly } from '../../src/db/initdb-head-start.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { serverDirectories } from '../db/processes.js';
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

const { run, PULL_REQUEST_TARGET_WARNING, DATABASE_URL_NOT_USED } = await import('../../src/main.js');

class FakeComments implements GitHubCommentsApi {
  readonly comments: IssueComment[] = [];
  readonly reviewComments: Array<ReviewComment & { commitId: string }> = [];
  failure: Error | undefined;
  async identity() {
    return { kind: 'app' as const };
  }
  async *listComments() {
    yield this.comments;
  }
  async createComment(_issueNumber: number, body: string) {
    if (this.failure) throw this.failure;
    const comment = { id: this.comments.length + 1, body, author: { login: 'github-actions[bot]', type: 'Bot' } };
    this.comments.push(comment);
    return comment;
  }
  async updateComment(id: number, body: string) {
    if (this.failure) throw this.failure;
    const comment = this.comments.find((c) => c.id === id)!;
    comment.body = body;
    return comment;
  }
  async *listReviewComments() {
    yield this.reviewComments;
  }
  async createReviewComment(_pullNumber: number, { commitId, path, startLine, line, body }: NewReviewComment) {
    const comment = { id: 500 + this.reviewComments.length, commitId, path, line, startLine: startLine ?? null, body, author: { login: 'github-actions[bot]', type: 'Bot' } };
    this.reviewComments.push(comment);
    return comment;
  }
  async updateReviewComment(id: number, body: string) {
    const comment = this.reviewComments.find((c) => c.id === id)!;
    comment.body = body;
    return comment;
  }
  async deleteReviewComment(id: number) {
    this.reviewComments.splice(this.reviewComments.findIndex((c) => c.id === id), 1);
  }
}

let repo: GitRepo;
let runner: string;
let baseSha: string;
let headSha: string;
let github: FakeComments;
let created: Array<{ token: string; apiUrl: string }>;

beforeEach(() => {
  // A monorepo: the service's migrations live under services/api, which is the working directory.
  repo = new GitRepo();
  repo.write('services/api/db/migrations/0001_users.sql', 'CREATE TABLE users (id bigint PRIMARY KEY, name text);\n');
  baseSha = repo.commit('base');
  repo.write('services/api/db/migrations/0002_drop_name.sql', "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN name;\n");
  headSha = repo.commit('pr');
  runner = mkdtempSync(join(tmpdir(), 'pgmg-main-'));
  writeFileSync(join(runner, 'summary.md'), '');
  core.inputs = { 'github-token': 'tok', 'working-directory': 'services/api', migrations: 'db/migrations', 'database-url': testDatabaseUrl() };
  core.log = [];
  core.outputs = {};
  core.summaries = [];
  github = new FakeComments();
  created = [];
});
afterEach(() => {
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(runner, { recursive: true, force: true });
});

function event(name: string, payload: unknown): NodeJS.ProcessEnv {
  const path = join(runner, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: 'octo-org/shop',
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_SHA: headSha,
    GITHUB_RUN_ID: '5',
    GITHUB_API_URL: 'http://127.0.0.1:1',
    GITHUB_STEP_SUMMARY: join(runner, 'summary.md'),
    RUNNER_TEMP: runner,
  };
}
const pullRequest = (name = 'pull_request') => event(name, { pull_request: { number: 3, base: { sha: baseSha }, head: { sha: headSha } } });

function gate(env: NodeJS.ProcessEnv) {
  return run({
    env,
    createCommentsApi: (token, repository, apiUrl) => {
      expect(repository).toEqual({ owner: 'octo-org', repo: 'shop' });
      created.push({ token, apiUrl });
      return github;
    },
  });
}

const logged = (kind: string) => core.log.filter(([k]) => k === kind).map(([, message]) => message);

describe('run', () => {
  it('reports repository-root paths to GitHub and working-directory paths in the JSON report', async () => {
    const code = await gate(pullRequest());
    expect(code).toBe(1);
    expect(created).toEqual([{ token: 'tok', apiUrl: 'http://127.0.0.1:1' }]);

    const annotation = core.log.find(([kind, , properties]) => kind === 'error' && (properties as { title: string }).title.startsWith('ban-drop-column'));
    expect(annotation?.[2]).toMatchObject({ file: 'services/api/db/migrations/0002_drop_name.sql', startLine: 2 });

    const report = JSON.parse(readFileSync(core.outputs.report!, 'utf8'));
    expect(report.migrations.map((m: { path: string }) => m.path)).toEqual(['db/migrations/0002_drop_name.sql']);
    const sarif = JSON.parse(readFileSync(core.outputs.sarif!, 'utf8'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('services/api/db/migrations/0002_drop_name.sql');
    expect(core.outputs.report).toBe(join(runner, 'pg-migration-gate', 'services_api_db_migrations', 'report.json'));

    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]!.body;
    expect(body.startsWith(commentMarker('services/api/db/migrations'))).toBe(true);
    expect(body).toContain(`(https://github.com/octo-org/shop/blob/${headSha}/services/api/db/migrations/0002_drop_name.sql#L2)`);
    expect(core.summaries).toHaveLength(1);
    expect(core.summaries[0]).toContain('posted the migration report as a comment on pull request \\#3');
    expect(logged('secret')).toEqual([testDatabaseUrl(), new URL(testDatabaseUrl()).password]);
  });

  it('review-suggestions: true suggests the fix on the lines of the head commit, by repository path; sarif-security-severity: true rates the rules', async () => {
    repo.write('services/api/db/migrations/0003_users_name_idx.sql', 'CREATE INDEX users_name_idx\n  ON users (name);\n');
    headSha = repo.commit('index');
    core.inputs['review-suggestions'] = 'true';
    core.inputs['sarif-security-severity'] = 'true';
    await gate(pullRequest());
    expect(github.reviewComments).toEqual([
      expect.objectContaining({ commitId: headSha, path: 'services/api/db/migrations/0003_users_name_idx.sql', startLine: 1, line: 2 }),
    ]);
    expect(github.reviewComments[0]!.body).toContain('```suggestion\nCREATE INDEX CONCURRENTLY users_name_idx\n  ON users (name);\n```');
    expect(created).toHaveLength(1);
    expect(core.summaries[0]).toContain('review suggestions on pull request \\#3: 1 created');
    const sarif = JSON.parse(readFileSync(core.outputs.sarif!, 'utf8'));
    expect(sarif.runs[0].tool.driver.rules.map((rule: { properties: Record<string, string> }) => rule.properties['security-severity'])).toContain('8.0');
  });

  it('without review-suggestions there are none, and the SARIF has no security-severity', async () => {
    repo.write('services/api/db/migrations/0003_users_name_idx.sql', 'CREATE INDEX users_name_idx ON users (name);\n');
    headSha = repo.commit('index');
    await gate(pullRequest());
    expect(github.reviewComments).toEqual([]);
    expect(readFileSync(core.outputs.sarif!, 'utf8')).not.toContain('security-severity');
  });

  it('a monorepo PR that changes two migrations directories gets one comment per directory, each kept in place on a rerun', async () => {
    repo.git('checkout', '-q', '--detach', baseSha);
    repo.write('services/billing/migrations/0001_invoices.sql', 'CREATE TABLE invoices (id bigint PRIMARY KEY, user_id bigint NOT NULL);\n');
    baseSha = repo.commit('billing');
    repo.write('services/billing/migrations/0002_invoices_user_idx.sql', "SET lock_timeout = '5s';\nCREATE INDEX invoices_user_idx ON invoices (user_id);\n");
    repo.write('services/api/db/migrations/0002_drop_name.sql', "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN name;\n");
    headSha = repo.commit('pr');
    const api = { 'working-directory': 'services/api', migrations: 'db/migrations' };
    const billing = { 'working-directory': 'services/billing', migrations: 'migrations' };
    const step = async (inputs: Record<string, string>) => {
      core.inputs = { ...core.inputs, ...inputs };
      return gate(pullRequest());
    };
    expect([await step(api), await step(billing)]).toEqual([1, 1]);
    expect(github.comments.map((comment) => comment.body.split('\n')[0])).toEqual([commentMarker('services/api/db/migrations'), commentMarker('services/billing/migrations')]);
    const bodies = github.comments.map((comment) => comment.body);
    core.summaries = [];
    await step(api);
    await step(billing);
    expect(github.comments.map((comment) => comment.body)).toEqual(bodies);
    expect(core.summaries.map((summary) => /the migration report comment on pull request \\#3 is up to date/.test(summary))).toEqual([true, true]);
    // The commit differs on every run: the snapshots name it HEAD.
    const [apiBody, billingBody] = bodies.map((body) => body.replaceAll(headSha, 'HEAD'));
    await expect(apiBody).toMatchFileSnapshot('__snapshots__/comment-monorepo-api.md');
    await expect(billingBody).toMatchFileSnapshot('__snapshots__/comment-monorepo-billing.md');
  }, 60_000);

  it('a comment that cannot be posted is a warning and a note; the verdict follows the findings only', async () => {
    github.failure = new Error('socket hang up');
    core.inputs['fail-on'] = 'never';
    expect(await gate(pullRequest())).toBe(0);
    expect(logged('warning')).toContain('could not post the pull request comment: socket hang up');
    expect(logged('failed')).toEqual([]);
    expect(core.summaries[0]).toContain('could not post the pull request comment: socket hang up');
    expect(core.summaries[0]).toContain('### Migration risk: 🔴 High');
  });

  it('pull_request_target warns about running untrusted SQL with a write token', async () => {
    await gate(pullRequest('pull_request_target'));
    expect(logged('warning')).toContain(PULL_REQUEST_TARGET_WARNING);
    expect(PULL_REQUEST_TARGET_WARNING).toContain('untrusted SQL');
  });

  it("never applies a pull request's migrations to the job's DATABASE_URL: only the database-url input counts, and a notice says so", async () => {
    // As a deploy job's environment holds it; the gate must not create databases there, nor even try.
    const production = 'postgres://app:s3cret@127.0.0.1:1/production';
    delete core.inputs['database-url'];
    core.inputs['fail-on'] = 'never';
    expect(await gate({ ...pullRequest(), DATABASE_URL: production })).toBe(0);
    expect(logged('notice')).toContain(DATABASE_URL_NOT_USED);
    const report = JSON.parse(readFileSync(core.outputs.report!, 'utf8'));
    expect(report.database.server).toMatch(/\(temporary server\)$/);
    expect(JSON.stringify(core.log)).not.toContain('127.0.0.1:1/');
  }, 60_000);

  it('with no database-url, the check takes the initdb its entry started (index.ts), and leaves nothing behind', async () => {
    delete core.inputs['database-url'];
    core.inputs['fail-on'] = 'never';
    const headStart = startInitdbEarly({ cache: false, preferMajor: 16 })!;
    let taken = false;
    const code = await run({
      env: pullRequest(),
      createCommentsApi: () => github,
      headStart: {
        runsInitdb: headStart.runsInitdb,
        ready: headStart.ready,
        suits: headStart.suits,
        take: (wanted) => {
          const started = headStart.take(wanted);
          taken ||= started !== undefined;
          return started;
        },
        discard: headStart.discard,
      },
    });
    expect(code).toBe(0);
    expect(taken).toBe(true);
    const report = JSON.parse(readFileSync(core.outputs.report!, 'utf8'));
    expect(report.database).toMatchObject({ status: 'ran', cache: { base: 'off' } });
    expect(await finishRemovals()).toEqual([]);
    expect(serverDirectories(process.pid)).toEqual([]);
  }, 60_000);

  it('comment: false, or no token, posts nothing and says why', async () => {
    core.inputs.comment = 'false';
    await gate(pullRequest());
    expect(created).toEqual([]);
    expect(core.summaries[0]).toContain("no pull request comment: input 'comment' is false");

    core.inputs.comment = 'true';
    core.inputs['github-token'] = '';
    await gate(pullRequest());
    expect(created).toEqual([]);
    expect(logged('warning')).toContain("no pull request comment: input 'github-token' is empty");
  });

  it('merge_group compares with the queue base and never comments', async () => {
    const code = await gate(event('merge_group', { merge_group: { base_sha: baseSha, head_sha: headSha } }));
    expect(code).toBe(1);
    expect(created).toEqual([]);
    expect(JSON.parse(readFileSync(core.outputs.report!, 'utf8')).migrations).toHaveLength(1);
  });

  it('a bad config file stops the run with exit code 2, one line, and an error summary', async () => {
    writeFileSync(join(repo.dir, 'services/api/.migration-gate.yml'), 'fail-on: sometimes\n');
    expect(await gate(pullRequest())).toBe(2);
    const [failure] = logged('failed');
    expect(failure).toMatch(/^\.migration-gate\.yml:1: 'fail-on': /);
    expect(failure).not.toContain('\n');
    expect(core.summaries[0]).toContain('The gate could not run');
    expect(created).toEqual([]);
  });

  it('a base missing from the clone says how to fetch it', async () => {
    core.inputs.base = 'no-such-branch';
    expect(await gate(event('push', {}))).toBe(2);
    expect(logged('failed')[0]).toContain('no-such-branch');
  });

  it('a run that fails after an earlier report marks the sticky comment as not checked, so its verdict is not read as this commit\'s', async () => {
    expect(await gate(pullRequest())).toBe(1);
    expect(github.comments).toHaveLength(1);
    core.summaries = [];
    core.inputs.base = 'no-such-branch';
    expect(await gate(pullRequest())).toBe(2);
    expect(github.comments).toHaveLength(1);
    const [comment] = github.comments;
    expect(comment!.body.startsWith(commentMarker('services/api/db/migrations'))).toBe(true);
    expect(comment!.body).toContain('### Migration risk: ❌ not checked');
    expect(comment!.body).toContain('no\\-such\\-branch');
    expect(comment!.body).not.toContain('ban-drop-column');
    expect(core.summaries[0]).toContain('The gate could not run');
    expect(core.summaries[0]).toMatch(/marked the migration report comment on pull request \\?#3 as not checked/);
  });

  it("a database URL's password is in no ::error::, summary or \"not checked\" comment, and is masked in each spelling", async () => {
    expect(await gate(pullRequest())).toBe(1);
    core.summaries = [];
    core.log = [];
    core.inputs['database-url'] = 'postgres://app:8/Kx9+zSECRET@127.0.0.1:5432/postgres';
    expect(await gate(pullRequest())).toBe(2);
    const shown = [...core.log.filter(([kind]) => kind !== 'secret').map(([, message]) => message), ...core.summaries, github.comments[0]!.body].join('\n');
    expect(shown).toContain('must be percent-encoded');
    expect(shown).not.toMatch(/SECRET|Kx9/);
    expect(logged('secret')).toEqual(['postgres://app:8/Kx9+zSECRET@127.0.0.1:5432/postgres', 'app:8/Kx9+zSECRET']);
  });

  it('a run that fails before any report creates no comment', async () => {
    core.inputs.base = 'no-such-branch';
    expect(await gate(pullRequest())).toBe(2);
    expect(github.comments).toEqual([]);
    expect(core.summaries[0]).toMatch(/no comment on pull request \\?#3 to mark as not checked/);
  });

  it('a failure to mark the comment is a warning; the run still fails with the gate\'s own reason', async () => {
    expect(await gate(pullRequest())).toBe(1);
    github.failure = new Error('boom');
    core.log = [];
    core.inputs.base = 'no-such-branch';
    expect(await gate(pullRequest())).toBe(2);
    expect(logged('failed')[0]).toContain('no-such-branch');
    expect(logged('warning').some((message) => message.includes('boom'))).toBe(true);
    expect(github.comments[0]!.body).toContain('ban-drop-column');
  });

  it('an unknown working-directory is an input error', async () => {
    core.inputs['working-directory'] = 'services/web';
    expect(await gate(pullRequest())).toBe(2);
    expect(logged('failed')).toEqual(["input 'working-directory': services/web is not a directory of the checkout"]);
  });
});
