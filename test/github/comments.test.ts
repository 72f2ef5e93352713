// The sticky comment: found by the marker at the start of a body on any page and by its author
// (the token's identity: a marked comment by someone else is never edited), created once,
// updated in place, left alone when unchanged. Posting goes through a fake CommentsApi here; the
// Octokit adapter is tested against the local fake GitHub in octokit-comments.test.ts.

import { describe, expect, it } from 'vitest';
import { describeCommentFailure } from '../../src/github/comment-failure.js';
import {
  commentMarker,
  GitHubApiError,
  upsertStickyComment,
  writtenBy,
  type CommentsApi,
  type IssueComment,
  type TokenIdentity,
} from '../../src/github/comments.js';
import { blobLineUrl } from '../../src/github/links.js';

const BOT = { login: 'github-actions[bot]', type: 'Bot' };

class FakeComments implements CommentsApi {
  readonly calls: string[] = [];
  constructor(
    readonly comments: IssueComment[],
    private readonly pageSize = 100,
    private readonly token: TokenIdentity = { kind: 'app' },
  ) {}
  async identity() {
    return this.token;
  }
  async *listComments(issueNumber: number) {
    for (let start = 0; start === 0 || start < this.comments.length; start += this.pageSize) {
      this.calls.push(`list ${issueNumber} page ${start / this.pageSize + 1}`);
      yield this.comments.slice(start, start + this.pageSize);
    }
  }
  async createComment(issueNumber: number, body: string) {
    this.calls.push(`create ${issueNumber}`);
    const comment = { id: 900 + this.comments.length, body, author: this.token.kind === 'user' ? { login: this.token.login, type: 'User' } : BOT };
    this.comments.push(comment);
    return comment;
  }
  async updateComment(commentId: number, body: string) {
    this.calls.push(`update ${commentId}`);
    const comment = this.comments.find((c) => c.id === commentId)!;
    comment.body = body;
    return comment;
  }
}

const marker = commentMarker('migrations');
const others = (count: number) => Array.from({ length: count }, (_, i) => ({ id: i + 1, body: `comment ${i + 1}`, author: { login: 'reviewer', type: 'User' } }));

describe('upsertStickyComment', () => {
  it('creates the comment when there is none', async () => {
    const api = new FakeComments(others(3));
    const outcome = await upsertStickyComment(api, { issueNumber: 7, marker, body: `${marker}\nreport`, create: true });
    expect(outcome).toMatchObject({ action: 'created' });
    expect(api.calls).toEqual(['list 7 page 1', 'create 7']);
  });

  it('updates ours on a later page, and stops searching there', async () => {
    const api = new FakeComments([...others(150), { id: 500, body: `${marker}\nold`, author: BOT }, ...others(60)], 100);
    const outcome = await upsertStickyComment(api, { issueNumber: 7, marker, body: `${marker}\nnew`, create: true });
    expect(outcome).toMatchObject({ action: 'updated', comment: { id: 500, body: `${marker}\nnew` } });
    expect(api.calls).toEqual(['list 7 page 1', 'list 7 page 2', 'update 500']);
  });

  it('leaves an identical comment alone', async () => {
    const api = new FakeComments([{ id: 5, body: `${marker}\nsame`, author: BOT }]);
    expect(await upsertStickyComment(api, { issueNumber: 7, marker, body: `${marker}\nsame`, create: true })).toMatchObject({ action: 'unchanged' });
    expect(api.calls).toEqual(['list 7 page 1']);
  });

  it('only updates when asked not to create (a PR that never touched migrations gets no comment)', async () => {
    const api = new FakeComments(others(2));
    expect(await upsertStickyComment(api, { issueNumber: 7, marker, body: `${marker}\nnone`, create: false })).toEqual({ action: 'skipped' });
    expect(api.calls).toEqual(['list 7 page 1']);
  });

  it("ignores another directory's comment and comments that only quote the marker", async () => {
    const api = new FakeComments([
      { id: 1, body: `${commentMarker('migrations/archive')}\nother directory`, author: BOT },
      { id: 2, body: `> ${marker}\n> quoted by a reviewer` },
      { id: 3, body: `see ${marker}` },
    ]);
    await upsertStickyComment(api, { issueNumber: 7, marker, body: `${marker}\nreport`, create: true });
    expect(api.calls).toEqual(['list 7 page 1', 'create 7']);
  });

  it("never edits a marked comment written by someone else: ours is created beside it, and found next time", async () => {
    const forged = { id: 1, body: `${marker}\n### Migration risk: None`, author: { login: 'mallory', type: 'User' } };
    const api = new FakeComments([forged]);
    const first = await upsertStickyComment(api, { issueNumber: 7, marker, body: `${marker}\nreport`, create: true });
    expect(first).toMatchObject({ action: 'created', comment: { author: BOT } });
    expect(forged.body).toBe(`${marker}\n### Migration risk: None`);
    const second = await upsertStickyComment(api, { issueNumber: 7, marker, body: `${marker}\nnew report`, create: true });
    expect(second).toMatchObject({ action: 'updated', comment: { id: first.action === 'created' ? first.comment.id : -1 } });
    expect(forged.body).toBe(`${marker}\n### Migration risk: None`);
    expect(api.calls).toEqual(['list 7 page 1', 'create 7', 'list 7 page 1', `update ${first.action === 'created' ? first.comment.id : -1}`]);
  });

  it('with a user token, only that login\'s marked comment is ours, even a bot\'s is not', async () => {
    const api = new FakeComments(
      [
        { id: 1, body: `${marker}\nby the bot`, author: BOT },
        { id: 2, body: `${marker}\nby the token's user`, author: { login: 'Release-Bot-User', type: 'User' } },
      ],
      100,
      { kind: 'user', login: 'release-bot-user' },
    );
    expect(await upsertStickyComment(api, { issueNumber: 7, marker, body: `${marker}\nreport`, create: true })).toMatchObject({ action: 'updated', comment: { id: 2 } });
  });

  it('a marked comment by someone else is not "marked as not checked" either', async () => {
    const api = new FakeComments([{ id: 1, body: `${marker}\nforged`, author: { login: 'mallory', type: 'User' } }]);
    expect(await upsertStickyComment(api, { issueNumber: 7, marker, body: `${marker}\nnot checked`, create: false })).toEqual({ action: 'skipped' });
    expect(api.calls).toEqual(['list 7 page 1']);
  });
});

describe('writtenBy', () => {
  it('an installation token owns bot comments only; a comment without an author (a deleted account) is nobody\'s', () => {
    const app: TokenIdentity = { kind: 'app' };
    expect(writtenBy({ id: 1, body: '', author: BOT }, app)).toBe(true);
    expect(writtenBy({ id: 1, body: '', author: { login: 'my-app[bot]', type: 'Bot' } }, app)).toBe(true);
    expect(writtenBy({ id: 1, body: '', author: { login: 'github-actions', type: 'User' } }, app)).toBe(false);
    expect(writtenBy({ id: 1, body: '' }, app)).toBe(false);
    expect(writtenBy({ id: 1, body: '' }, { kind: 'user', login: 'x' })).toBe(false);
  });
});

describe('commentMarker', () => {
  it('names the directory in a hidden HTML comment that no directory name can close early', () => {
    expect(commentMarker('db/migrations')).toBe('<!-- pg-migration-gate:dir=db%2Fmigrations -->');
    expect(commentMarker('x --> <b>')).toBe('<!-- pg-migration-gate:dir=x%20--%3E%20%3Cb%3E -->');
    expect(commentMarker('migrations')).not.toBe(commentMarker('migrations/'.slice(0, -1) + ' '));
  });
});

describe('describeCommentFailure', () => {
  const api = 'https://api.github.com';
  it('names the permission to add on a 403', () => {
    expect(describeCommentFailure(new GitHubApiError(403, 'Resource not accessible by integration'), api)).toBe(
      "could not post the pull request comment: the token may not write pull request comments (HTTP 403: Resource not accessible by integration); add `pull-requests: write` to the job's `permissions:` block (pull requests from forks get a read-only token, so there the report is only in the job summary)",
    );
  });
  it('tells a rate limit, a bad token, a missing PR and an unreachable API apart', () => {
    expect(describeCommentFailure(new GitHubApiError(403, 'API rate limit exceeded', '0'), api)).toContain('rate limit is used up');
    expect(describeCommentFailure(new GitHubApiError(401, 'Bad credentials'), api)).toContain('GitHub rejected the token (HTTP 401: Bad credentials); check the github-token input');
    expect(describeCommentFailure(new GitHubApiError(404, 'Not Found'), api)).toContain('(HTTP 404: Not Found)');
    expect(describeCommentFailure(new GitHubApiError(undefined, 'connect ECONNREFUSED'), api)).toBe(
      'could not post the pull request comment: https://api.github.com could not be reached (connect ECONNREFUSED)',
    );
    expect(describeCommentFailure(new GitHubApiError(502, 'Bad Gateway'), api)).toBe('could not post the pull request comment: GitHub answered HTTP 502 (Bad Gateway)');
  });
});

describe('blobLineUrl', () => {
  it('links a line at a commit, percent-encoding every path segment (parentheses too)', () => {
    const target = { serverUrl: 'https://github.com', owner: 'o', repo: 'r', sha: 'c'.repeat(40) };
    expect(blobLineUrl(target, 'db/migrations/0001_init.sql', 12)).toBe(`https://github.com/o/r/blob/${'c'.repeat(40)}/db/migrations/0001_init.sql#L12`);
    expect(blobLineUrl(target, 'db/a b/(x)#1?.sql', 1)).toBe(`https://github.com/o/r/blob/${'c'.repeat(40)}/db/a%20b/%28x%29%231%3F.sql#L1`);
  });
});
