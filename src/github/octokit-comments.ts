// `CommentsApi` and `ReviewCommentsApi` over Octokit: the REST issue-comments endpoints (list with
// pagination, create, update), the pull request review-comments endpoints (list with pagination,
// create, update, delete) and `GET /user` for the token's identity. Created inside the action's
// run(), never at import time. Responses are checked with zod: only `id`, `body`, `html_url`, the
// author's `login` and `type`, and a review comment's `path`, `line`, `start_line` and
// `in_reply_to_id` are used.

import { getOctokit } from '@actions/github';
import { z } from 'zod';
import { GitHubApiError, type CommentsApi, type IssueComment, type TokenIdentity } from './comments.js';
import type { ReviewComment, ReviewCommentsApi } from './review-comments.js';

const userSchema = z.object({ login: z.string(), type: z.string().optional() });
const commentSchema = z.object({ id: z.number().int(), body: z.string().nullish(), html_url: z.string().optional(), user: userSchema.nullish() });
const reviewCommentSchema = commentSchema.extend({
  path: z.string(),
  line: z.number().int().nullish(),
  start_line: z.number().int().nullish(),
  in_reply_to_id: z.number().int().nullish(),
});

export interface RepositoryRef {
  owner: string;
  repo: string;
}

export type GitHubCommentsApi = CommentsApi & ReviewCommentsApi;

export function octokitComments(token: string, repository: RepositoryRef, apiUrl: string): GitHubCommentsApi {
  const octokit = getOctokit(token, { baseUrl: apiUrl });
  const { owner, repo } = repository;
  let identity: Promise<TokenIdentity> | undefined;
  return {
    identity() {
      identity ??= whoAmI(octokit);
      return identity;
    },
    async *listComments(issueNumber) {
      const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
      const iterator = pages[Symbol.asyncIterator]();
      while (true) {
        const next = await call(() => iterator.next());
        if (next.done) return;
        yield z.array(commentSchema).parse(next.value.data).map(toComment);
      }
    },
    async createComment(issueNumber, body) {
      const response = await call(() => octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }));
      return toComment(commentSchema.parse(response.data));
    },
    async updateComment(commentId, body) {
      const response = await call(() => octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body }));
      return toComment(commentSchema.parse(response.data));
    },
    async *listReviewComments(pullNumber) {
      const pages = octokit.paginate.iterator(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: pullNumber, per_page: 100 });
      const iterator = pages[Symbol.asyncIterator]();
      while (true) {
        const next = await call(() => iterator.next());
        if (next.done) return;
        yield z.array(reviewCommentSchema).parse(next.value.data).map(toReviewComment);
      }
    },
    async createReviewComment(pullNumber, comment) {
      const range = comment.startLine === undefined ? {} : { start_line: comment.startLine, start_side: 'RIGHT' as const };
      const response = await call(() =>
        octokit.rest.pulls.createReviewComment({ owner, repo, pull_number: pullNumber, commit_id: comment.commitId, path: comment.path, body: comment.body, line: comment.line, side: 'RIGHT', ...range }),
      );
      return toReviewComment(reviewCommentSchema.parse(response.data));
    },
    async updateReviewComment(commentId, body) {
      const response = await call(() => octokit.rest.pulls.updateReviewComment({ owner, repo, comment_id: commentId, body }));
      return toReviewComment(reviewCommentSchema.parse(response.data));
    },
    async deleteReviewComment(commentId) {
      await call(() => octokit.rest.pulls.deleteReviewComment({ owner, repo, comment_id: commentId }));
    },
  };
}

function toReviewComment(comment: z.infer<typeof reviewCommentSchema>): ReviewComment {
  return {
    ...toComment(comment),
    path: comment.path,
    line: comment.line ?? null,
    startLine: comment.start_line ?? null,
    ...(comment.in_reply_to_id == null ? {} : { inReplyTo: comment.in_reply_to_id }),
  };
}

function toComment(comment: z.infer<typeof commentSchema>): IssueComment {
  return {
    id: comment.id,
    body: comment.body ?? '',
    ...(comment.html_url ? { url: comment.html_url } : {}),
    ...(comment.user ? { author: { login: comment.user.login, type: comment.user.type ?? 'User' } } : {}),
  };
}

/**
 * `GET /user` answers for a personal access token; for an installation token (GITHUB_TOKEN) it is
 * refused with 403 "Resource not accessible by integration" (401 for some GHES versions). Any other
 * failure (network, 5xx) is not a reason to guess: it is thrown, and the comment step reports it.
 */
async function whoAmI(octokit: ReturnType<typeof getOctokit>): Promise<TokenIdentity> {
  try {
    const response = await call(() => octokit.rest.users.getAuthenticated());
    const user = userSchema.parse(response.data);
    return user.type === 'Bot' ? { kind: 'app' } : { kind: 'user', login: user.login };
  } catch (error) {
    if (error instanceof GitHubApiError && (error.status === 403 || error.status === 401)) return { kind: 'app' };
    throw error;
  }
}

/**
 * Octokit's RequestError carries the response GitHub sent; a network failure is also a RequestError
 * (status 500) but has no response, and is reported as "could not be reached" instead.
 */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const failure = error as { status?: unknown; message?: string; response?: { headers?: Record<string, string | undefined> } };
    const status = failure.response && typeof failure.status === 'number' ? failure.status : undefined;
    const message = (failure.message ?? String(error)).split('\n')[0]!;
    throw new GitHubApiError(status, message, failure.response?.headers?.['x-ratelimit-remaining']);
  }
}
