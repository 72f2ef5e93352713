// What the action needs from the workflow run: the event (and the few payload fields it uses), the
// repository, and where links point. Read from the runner's environment and event file, validated
// with zod, instead of @actions/github's `context`, which is built at import time and trusts the
// payload's shape.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from '../errors.js';

const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/i, 'must be a commit sha');

const pullRequestPayload = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    base: z.object({ sha }),
    head: z.object({ sha }),
  }),
});

const mergeGroupPayload = z.object({
  merge_group: z.object({ base_sha: sha, head_sha: sha }),
});

const httpUrl = z.string().regex(/^https?:\/\/[^\s()<>]+$/);

const repository = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be owner/name');

export type RunKind =
  /** A pull request: changes since its base, one sticky comment. */
  | 'pull-request'
  /** A merge queue group: changes since the queue's base, no comment (there is no single PR). */
  | 'merge-group'
  /** push, workflow_dispatch and anything else: every migration not in `base`, no comment. */
  | 'pipeline';

export interface PullRequestInfo {
  number: number;
  baseSha: string;
  /** The PR's head commit: the line links point there (the checkout is a merge commit). */
  headSha: string;
}

export interface RunContext {
  eventName: string;
  kind: RunKind;
  /** pull_request_target runs with a write token on code from the PR. */
  privileged: boolean;
  owner: string | undefined;
  repo: string | undefined;
  pullRequest: PullRequestInfo | undefined;
  /** The base the event implies (PR base sha, merge queue base); undefined for pipelines. */
  eventBase: string | undefined;
  /** The commit line links point to: the PR head, or the commit under test. */
  linkSha: string | undefined;
  serverUrl: string;
  /** The run's page, where the job summary is shown. */
  runUrl: string | undefined;
  workspace: string | undefined;
}

export function readRunContext(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repositoryResult = repository.safeParse(env.GITHUB_REPOSITORY ?? '');
  const [owner, repo] = repositoryResult.success ? repositoryResult.data.split('/') : [undefined, undefined];
  // Both end up in links in the comment: only well-formed values are used.
  const serverUrl = httpUrl.safeParse(env.GITHUB_SERVER_URL).data?.replace(/\/+$/, '') ?? 'https://github.com';
  const runId = /^\d+$/.test(env.GITHUB_RUN_ID ?? '') ? env.GITHUB_RUN_ID : undefined;
  const runUrl = repositoryResult.success && runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined;
  const base = {
    eventName,
    owner,
    repo,
    serverUrl,
    runUrl,
    workspace: env.GITHUB_WORKSPACE || undefined,
    privileged: eventName === 'pull_request_target',
  };

  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const { pull_request: pr } = parsePayload(pullRequestPayload, env, readFile);
    return {
      ...base,
      kind: 'pull-request',
      pullRequest: { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha },
      eventBase: pr.base.sha,
      linkSha: pr.head.sha,
    };
  }
  if (eventName === 'merge_group') {
    const { merge_group: group } = parsePayload(mergeGroupPayload, env, readFile);
    return { ...base, kind: 'merge-group', pullRequest: undefined, eventBase: group.base_sha, linkSha: group.head_sha };
  }
  return { ...base, kind: 'pipeline', pullRequest: undefined, eventBase: undefined, linkSha: env.GITHUB_SHA || undefined };
}

function parsePayload<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv, readFile: (path: string) => string): T {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) throw new UsageError(`GITHUB_EVENT_PATH is not set for a ${env.GITHUB_EVENT_NAME} event; run the action inside GitHub Actions`);
  let payload: unknown;
  try {
    payload = JSON.parse(readFile(path));
  } catch (error) {
    throw new UsageError(`cannot read the ${env.GITHUB_EVENT_NAME} event payload at ${path}: ${(error as Error).message}`);
  }
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new UsageError(`the ${env.GITHUB_EVENT_NAME} event payload has no valid '${issue.path.join('.')}' (${issue.message})`);
}
