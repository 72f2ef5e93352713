// Review suggestions against the local fake GitHub through the real Octokit adapter: created once on
// the statement's lines, updated in place on a rerun, never duplicated (every page searched), moved
// when a push moves the statement, deleted when the finding is gone (kept, marked, when replied to),
// other accounts' comments with our marker never touched, and a read-only token or lines outside the
// diff degrade to a notice. The reports come from a real lint of the files.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { octokitComments } from '../../src/github/octokit-comments.js';
import { suggestionMarker } from '../../src/github/review-comments.js';
import { MAX_SUGGESTIONS, postReviewSuggestions } from '../../src/github/review-suggestions.js';
import { buildReport, type Report } from '../../src/report/report.js';
import { FakeGitHub } from '../action/fake-github.js';
import { lintSql } from '../lint-helpers.js';

const OWNER = 'octo-org';
const REPO = 'shop';
const PR = 7;
const HEAD = 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0';
const FILE = 'migrations/0002_orders_indexes.sql';

const ORDERS = [
  "SET lock_timeout = '5s';",
  'CREATE INDEX orders_status_idx ON orders (status);',
  'ALTER TABLE orders ADD CONSTRAINT orders_user_fk',
  '  FOREIGN KEY (user_id) REFERENCES users (id);',
  '',
].join('\n');

let github: FakeGitHub;
beforeEach(async () => {
  github = new FakeGitHub(OWNER, REPO, PR);
  github.diff.set(FILE, { from: 1, to: 200 });
  await github.start();
});
afterEach(() => github.stop());

async function reportOf(files: Record<string, string>): Promise<Report> {
  const linted = [];
  for (const [path, sql] of Object.entries(files)) linted.push({ path, status: 'new' as const, findings: (await lintSql(sql, { path })).findings });
  return buildReport(linted);
}

async function suggest(report: Report, directory = 'migrations', token = 'test-token') {
  return postReviewSuggestions({
    api: octokitComments(token, { owner: OWNER, repo: REPO }, github.url),
    pullNumber: PR,
    headSha: HEAD,
    directory,
    report,
    apiUrl: github.url,
  });
}

const writes = () => github.writes().map((request) => `${request.method} ${request.path}`);
const texts = (notes: Array<{ text: string }>) => notes.map((note) => note.text);

describe('review suggestions', () => {
  it('are created once, on the statement\'s lines of the head commit, with the whole rewritten lines', async () => {
    const notes = await suggest(await reportOf({ [FILE]: ORDERS }));
    expect(texts(notes)).toEqual(['review suggestions on pull request #7: 2 created']);
    const posted = github.requests.filter((request) => request.method === 'POST').map((request) => request.body);
    expect(posted).toEqual([
      expect.objectContaining({ commit_id: HEAD, path: FILE, line: 2, side: 'RIGHT' }),
      expect.objectContaining({ commit_id: HEAD, path: FILE, start_line: 3, start_side: 'RIGHT', line: 4, side: 'RIGHT' }),
    ]);
    expect((posted[0] as { start_line?: number }).start_line).toBeUndefined();
    const [index, foreignKey] = github.reviewComments;
    expect(index!.body.startsWith(suggestionMarker('migrations', { path: FILE, rule: 'require-concurrent-index-creation', startLine: 2 }))).toBe(true);
    expect(index!.body).toContain('\n```suggestion\nCREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n```\n');
    expect(foreignKey!.body).toContain('\n```suggestion\nALTER TABLE orders ADD CONSTRAINT orders_user_fk\n  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n```\n');
    expect(foreignKey!.body).toContain('VALIDATE CONSTRAINT in a separate transaction');

    github.requests.length = 0;
    expect(texts(await suggest(await reportOf({ [FILE]: ORDERS })))).toEqual(['review suggestions on pull request #7: 2 up to date']);
    expect(writes()).toEqual([]);
    expect(github.reviewComments).toHaveLength(2);
  });

  it('are updated in place while GitHub keeps them on the same lines', async () => {
    await suggest(await reportOf({ [FILE]: ORDERS }));
    const before = github.reviewComments.map((comment) => comment.id);
    github.requests.length = 0;
    const renamed = ORDERS.replace('orders_status_idx', 'orders_by_status');
    expect(texts(await suggest(await reportOf({ [FILE]: renamed })))).toEqual(['review suggestions on pull request #7: 1 updated, 1 up to date']);
    expect(writes()).toEqual([`PATCH /repos/${OWNER}/${REPO}/pulls/comments/${before[0]}`]);
    expect(github.reviewComments.map((comment) => comment.id)).toEqual(before);
    expect(github.reviewComments[0]!.body).toContain('CREATE INDEX CONCURRENTLY orders_by_status ON orders (status);');
  });

  it('an outdated one (a push changed its lines: GitHub nulls `line`) is replaced, even on the same lines', async () => {
    await suggest(await reportOf({ [FILE]: ORDERS }));
    const [index] = github.reviewComments;
    index!.line = null;
    const renamed = ORDERS.replace('orders_status_idx', 'orders_by_status');
    expect(texts(await suggest(await reportOf({ [FILE]: renamed })))).toEqual(['review suggestions on pull request #7: 1 created, 1 up to date, 1 deleted (their finding is gone)']);
    expect(github.reviewComments.map((comment) => [comment.line, comment.body.includes('orders_by_status')])).toEqual([
      [4, false],
      [2, true],
    ]);
  });

  it('are found on any page: 150 other review comments first, still no second one', async () => {
    for (let i = 0; i < 150; i++) github.addReviewComment({ path: FILE, line: 1, body: `nit ${i}` });
    await suggest(await reportOf({ [FILE]: ORDERS }));
    github.requests.length = 0;
    await suggest(await reportOf({ [FILE]: ORDERS }));
    expect(writes()).toEqual([]);
    expect(github.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/pulls/7/comments')).map((request) => request.query.page ?? '1')).toEqual(['1', '2']);
    expect(github.reviewComments.filter((comment) => comment.body.startsWith('<!-- pg-migration-gate:suggestion='))).toHaveLength(2);
  });

  it('move with their statement: the outdated one is deleted and one is made on the new lines', async () => {
    await suggest(await reportOf({ [FILE]: ORDERS }));
    // A push that adds a line above: GitHub marks comments on changed lines outdated (line null).
    for (const comment of github.reviewComments) comment.line = null;
    const moved = `-- orders are looked up by status on the dashboard\n${ORDERS}`;
    expect(texts(await suggest(await reportOf({ [FILE]: moved })))).toEqual(['review suggestions on pull request #7: 2 created, 2 deleted (their finding is gone)']);
    expect(github.reviewComments.map((comment) => [comment.start_line, comment.line])).toEqual([
      [null, 3],
      [4, 5],
    ]);
  });

  it('are deleted when the finding is gone, but kept and marked when somebody replied', async () => {
    await suggest(await reportOf({ [FILE]: ORDERS }));
    const [index, foreignKey] = github.reviewComments;
    github.addReviewComment({ path: FILE, line: 4, start_line: 3, in_reply_to_id: foreignKey!.id, body: 'Do we validate it later?' }, 'reviewer');
    github.requests.length = 0;
    const fixed = ORDERS.replace('CREATE INDEX', 'CREATE INDEX CONCURRENTLY').replace('(id);', '(id) NOT VALID;');
    expect(texts(await suggest(await reportOf({ [FILE]: fixed })))).toEqual([
      'review suggestions on pull request #7: 1 deleted (their finding is gone), 1 marked as no longer applying (replied to, so kept)',
    ]);
    expect(writes().sort()).toEqual([`DELETE /repos/${OWNER}/${REPO}/pulls/comments/${index!.id}`, `PATCH /repos/${OWNER}/${REPO}/pulls/comments/${foreignKey!.id}`].sort());
    expect(github.reviewComments.map((comment) => comment.id)).toEqual([foreignKey!.id, foreignKey!.id + 1]);
    expect(github.reviewComments[0]!.body).toContain('This suggestion no longer applies: at a1b2c3d');
    expect(github.reviewComments[0]!.body).not.toContain('```suggestion');
    expect(github.reviewComments[1]!.body).toBe('Do we validate it later?');

    github.requests.length = 0;
    await suggest(await reportOf({ [FILE]: fixed }));
    expect(writes()).toEqual([]);
  });

  it("leave other accounts' comments that start with our marker alone, and another directory's", async () => {
    const marker = suggestionMarker('migrations', { path: FILE, rule: 'require-concurrent-index-creation', startLine: 2 });
    const forged = github.addReviewComment({ path: FILE, line: 2, body: `${marker}\nLooks safe to me` }, 'mallory');
    const otherDirectory = github.addReviewComment(
      { path: 'services/billing/migrations/0001_x.sql', line: 1, body: `${suggestionMarker('services/billing/migrations', { path: 'services/billing/migrations/0001_x.sql', rule: 'require-concurrent-index-creation', startLine: 1 })}\nours, another step's` },
      'github-actions[bot]',
    );
    await suggest(await reportOf({ [FILE]: ORDERS }));
    expect(github.reviewComments.find((comment) => comment.id === forged.id)!.body).toBe(`${marker}\nLooks safe to me`);
    expect(github.reviewComments).toContainEqual(otherDirectory);
    expect(github.reviewComments.filter((comment) => comment.user.login === 'github-actions[bot]' && comment.path === FILE)).toHaveLength(2);
    expect(writes().every((write) => write.startsWith('POST '))).toBe(true);
  });

  it('with a personal access token, ours are the ones of its login, not any bot\'s', async () => {
    github.tokenLogin = 'release-bot-user';
    const marker = suggestionMarker('migrations', { path: FILE, rule: 'require-concurrent-index-creation', startLine: 2 });
    const actionsBot = github.addReviewComment({ path: FILE, line: 2, body: `${marker}\nold` }, 'github-actions[bot]');
    await suggest(await reportOf({ [FILE]: ORDERS }));
    expect(github.reviewComments.find((comment) => comment.id === actionsBot.id)!.body).toBe(`${marker}\nold`);
    expect(github.reviewComments.filter((comment) => comment.user.login === 'release-bot-user')).toHaveLength(2);
  });

  it('degrade to one notice and no writes with a read-only token (a fork\'s pull request)', async () => {
    github.failWrites = { status: 403, message: 'Resource not accessible by integration' };
    const notes = await suggest(await reportOf({ [FILE]: ORDERS }));
    expect(notes).toEqual([
      {
        level: 'notice',
        text: expect.stringMatching(/^no review suggestions: the token may not write review comments on this pull request \(HTTP 403: Resource not accessible by integration\); add `pull-requests: write`/),
      },
    ]);
    expect(writes()).toEqual([`POST /repos/${OWNER}/${REPO}/pulls/7/comments`]);
    expect(github.reviewComments).toEqual([]);
  });

  it('lines outside the diff are refused (422): a notice for that one, the others are still made', async () => {
    github.diff.set(FILE, { from: 1, to: 3 });
    const notes = await suggest(await reportOf({ [FILE]: ORDERS }));
    expect(notes).toEqual([
      { level: 'info', text: 'review suggestions on pull request #7: 1 created' },
      { level: 'notice', text: expect.stringMatching(/^no review suggestion at migrations\/0002_orders_indexes\.sql:3: GitHub refused a comment on those lines \(HTTP 422: .*\); they are not in the pull request's diff$/) },
    ]);
    expect(github.reviewComments.map((comment) => comment.line)).toEqual([2]);
  });

  it('an unreachable API is a warning, never a throw', async () => {
    const report = await reportOf({ [FILE]: ORDERS });
    await github.stop();
    const notes = await suggest(report);
    expect(notes).toEqual([{ level: 'warning', text: expect.stringContaining('could not post the review suggestions: http://127.0.0.1:') }]);
  });

  it('none inside a transaction (CONCURRENTLY cannot run there), nor for merged files; at most the cap, errors first', async () => {
    const inTransaction = 'BEGIN;\nCREATE INDEX orders_status_idx ON orders (status);\nCOMMIT;\n';
    const report = await reportOf({ [FILE]: inTransaction });
    expect(texts(await suggest(report))).toEqual(['no review suggestions on pull request #7: no finding has a fix that applies in place']);

    const many = Array.from({ length: MAX_SUGGESTIONS + 3 }, (_, i) => `CREATE INDEX orders_c${i}_idx ON orders (c${i});`).join('\n');
    expect(texts(await suggest(await reportOf({ [FILE]: many })))).toEqual([`review suggestions on pull request #7: ${MAX_SUGGESTIONS} created; 3 more not posted (at most ${MAX_SUGGESTIONS}; the comment has every fix)`]);
    const merged = { ...report, migrations: [{ ...(await reportOf({ [FILE]: ORDERS })).migrations[0]!, status: 'base' as const }] };
    github.reviewComments.length = 0;
    await suggest(merged);
    expect(github.reviewComments).toEqual([]);
  });
});
