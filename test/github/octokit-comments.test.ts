// The Octokit adapter against the local fake GitHub: pagination follows the Link header to the end,
// create and update hit the right endpoints with the token, and HTTP errors keep their status.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../src/github/comments.js';
import { octokitComments } from '../../src/github/octokit-comments.js';
import { FakeGitHub } from '../action/fake-github.js';

let github: FakeGitHub;
beforeEach(async () => {
  github = new FakeGitHub('octo-org', 'shop', 7);
  await github.start();
});
afterEach(() => github.stop());

describe('octokitComments', () => {
  it('lists every page, 100 at a time', async () => {
    for (let i = 0; i < 250; i++) github.addComment(`comment ${i}`);
    const api = octokitComments('secret-token', { owner: 'octo-org', repo: 'shop' }, github.url);
    const pages: number[] = [];
    for await (const page of api.listComments(7)) pages.push(page.length);
    expect(pages).toEqual([100, 100, 50]);
    expect(github.requests.map((r) => [r.method, r.query.page ?? '1', r.query.per_page])).toEqual([
      ['GET', '1', '100'],
      ['GET', '2', '100'],
      ['GET', '3', '100'],
    ]);
    expect(github.requests.every((r) => r.authorization === 'token secret-token')).toBe(true);
  });

  it("reads the token's identity from GET /user: a login for a user token, an app for an installation token (403), once", async () => {
    const installation = octokitComments('t', { owner: 'octo-org', repo: 'shop' }, github.url);
    expect(await installation.identity()).toEqual({ kind: 'app' });
    expect(await installation.identity()).toEqual({ kind: 'app' });
    expect(github.requests.filter((r) => r.path === '/user')).toHaveLength(1);

    github.tokenLogin = 'release-manager';
    expect(await octokitComments('t', { owner: 'octo-org', repo: 'shop' }, github.url).identity()).toEqual({ kind: 'user', login: 'release-manager' });
  });

  it("lists each comment's author", async () => {
    github.addComment('by a person', 'mallory');
    github.addComment('by the bot', 'github-actions[bot]');
    const api = octokitComments('t', { owner: 'octo-org', repo: 'shop' }, github.url);
    const pages = [];
    for await (const page of api.listComments(7)) pages.push(...page);
    expect(pages.map((c) => c.author)).toEqual([
      { login: 'mallory', type: 'User' },
      { login: 'github-actions[bot]', type: 'Bot' },
    ]);
  });

  it('an unreachable API is not taken for an installation token', async () => {
    const url = github.url;
    await github.stop();
    await expect(octokitComments('t', { owner: 'octo-org', repo: 'shop' }, url).identity()).rejects.toMatchObject({ status: undefined });
  });

  it('creates and updates', async () => {
    const api = octokitComments('t', { owner: 'octo-org', repo: 'shop' }, github.url);
    const created = await api.createComment(7, 'first');
    const updated = await api.updateComment(created.id, 'second');
    expect(updated).toEqual({
      id: created.id,
      body: 'second',
      url: `https://github.com/octo-org/shop/pull/7#issuecomment-${created.id}`,
      author: { login: 'github-actions[bot]', type: 'Bot' },
    });
    expect(github.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/repos/octo-org/shop/issues/7/comments', { body: 'first' }],
      ['PATCH', `/repos/octo-org/shop/issues/comments/${created.id}`, { body: 'second' }],
    ]);
  });

  it('turns HTTP errors into GitHubApiError with the status, and a dead API into one without', async () => {
    github.failWrites = { status: 403, message: 'Resource not accessible by integration' };
    const api = octokitComments('t', { owner: 'octo-org', repo: 'shop' }, github.url);
    const error = await api.createComment(7, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 403 });
    expect((error as Error).message).toContain('Resource not accessible by integration');

    const url = github.url;
    await github.stop();
    const dead = await octokitComments('t', { owner: 'octo-org', repo: 'shop' }, url).createComment(7, 'x').catch((e: unknown) => e);
    expect(dead).toMatchObject({ status: undefined });
  });
});
