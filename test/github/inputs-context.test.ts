// Inputs and the workflow run context, validated at the boundary with errors that name the input
// or the payload field.

import { describe, expect, it } from 'vitest';
import { readRunContext } from '../../src/github/context.js';
import { readInputs } from '../../src/github/inputs.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

function inputs(values: Record<string, string>) {
  return readInputs((name) => values[name] ?? '');
}

describe('readInputs', () => {
  it('empty inputs mean "not given"; comment defaults to true, cache to false and working-directory to .', () => {
    expect(inputs({})).toEqual({
      'github-token': undefined,
      'database-url': undefined,
      'target-database-url': undefined,
      config: undefined,
      migrations: undefined,
      base: undefined,
      'fail-on': undefined,
      comment: true,
      'review-suggestions': false,
      'sarif-security-severity': false,
      cache: false,
      'postgres-version': undefined,
      'working-directory': '.',
    });
  });

  it('parses each input', () => {
    expect(inputs({ 'review-suggestions': 'true', 'sarif-security-severity': 'TRUE' })).toMatchObject({ 'review-suggestions': true, 'sarif-security-severity': true });
    expect(inputs({ 'review-suggestions': 'false' })).toMatchObject({ 'review-suggestions': false });
    const parsed = inputs({ 'fail-on': 'warning', comment: 'False', cache: 'true', 'postgres-version': '15', migrations: 'db/migrations', base: 'origin/main' });
    expect(parsed).toMatchObject({ 'fail-on': 'warning', comment: false, cache: true, 'postgres-version': 15, migrations: 'db/migrations', base: 'origin/main' });
  });

  it.each([
    [{ 'fail-on': 'fatal' }, "input 'fail-on' must be error, warning or never (got 'fatal')"],
    [{ comment: 'yes' }, "input 'comment' must be true or false (got 'yes')"],
    [{ 'review-suggestions': 'on' }, "input 'review-suggestions' must be true or false (got 'on')"],
    [{ 'sarif-security-severity': '1' }, "input 'sarif-security-severity' must be true or false (got '1')"],
    [{ cache: 'on' }, "input 'cache' must be true or false (got 'on')"],
    [{ 'postgres-version': '16.4' }, "input 'postgres-version' must be a PostgreSQL major version such as 16 (got '16.4')"],
    [{ 'postgres-version': '99' }, "input 'postgres-version' must be a PostgreSQL major version from 10 to 30 (got '99')"],
  ])('rejects %o with a message naming the input', (values, message) => {
    expect(() => inputs(values)).toThrow(message);
  });
});

describe('readRunContext', () => {
  const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    GITHUB_REPOSITORY: 'octo-org/shop',
    GITHUB_SERVER_URL: 'https://github.example.com/',
    GITHUB_RUN_ID: '99',
    GITHUB_EVENT_PATH: '/event.json',
    GITHUB_SHA: SHA_B,
    ...extra,
  });
  const payload = (value: unknown) => () => JSON.stringify(value);

  it('pull_request: the PR number, its base for `base`, its head for links', () => {
    const context = readRunContext(env({ GITHUB_EVENT_NAME: 'pull_request' }), payload({ pull_request: { number: 7, base: { sha: SHA_A }, head: { sha: SHA_B } } }));
    expect(context).toEqual({
      eventName: 'pull_request',
      kind: 'pull-request',
      privileged: false,
      owner: 'octo-org',
      repo: 'shop',
      pullRequest: { number: 7, baseSha: SHA_A, headSha: SHA_B },
      eventBase: SHA_A,
      linkSha: SHA_B,
      serverUrl: 'https://github.example.com',
      runUrl: 'https://github.example.com/octo-org/shop/actions/runs/99',
      workspace: undefined,
    });
  });

  it('pull_request_target is a pull request run marked privileged', () => {
    const context = readRunContext(env({ GITHUB_EVENT_NAME: 'pull_request_target' }), payload({ pull_request: { number: 7, base: { sha: SHA_A }, head: { sha: SHA_B } } }));
    expect(context).toMatchObject({ kind: 'pull-request', privileged: true });
  });

  it('merge_group compares with the queue base and has no PR', () => {
    const context = readRunContext(env({ GITHUB_EVENT_NAME: 'merge_group' }), payload({ merge_group: { base_sha: SHA_A, head_sha: SHA_B } }));
    expect(context).toMatchObject({ kind: 'merge-group', pullRequest: undefined, eventBase: SHA_A, linkSha: SHA_B });
  });

  it.each(['push', 'workflow_dispatch', 'schedule'])('%s is a pipeline run with no event base; the payload is not read', (name) => {
    const context = readRunContext(env({ GITHUB_EVENT_NAME: name }), () => {
      throw new Error('must not read the payload');
    });
    expect(context).toMatchObject({ kind: 'pipeline', pullRequest: undefined, eventBase: undefined, linkSha: SHA_B });
  });

  it('a payload without the fields used is a one-line error naming the field', () => {
    expect(() => readRunContext(env({ GITHUB_EVENT_NAME: 'pull_request' }), payload({ pull_request: { number: 7, base: {}, head: { sha: SHA_B } } }))).toThrow(
      "the pull_request event payload has no valid 'pull_request.base.sha'",
    );
    expect(() => readRunContext(env({ GITHUB_EVENT_NAME: 'pull_request' }), () => '{not json')).toThrow('cannot read the pull_request event payload at /event.json');
    expect(() => readRunContext(env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '' }), payload({}))).toThrow('GITHUB_EVENT_PATH is not set');
  });

  it('malformed repository, server or run id values are not used in links', () => {
    const context = readRunContext(env({ GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: 'not a repo', GITHUB_SERVER_URL: 'javascript:alert(1)', GITHUB_RUN_ID: '1)' }));
    expect(context).toMatchObject({ owner: undefined, repo: undefined, serverUrl: 'https://github.com', runUrl: undefined });
  });
});
