// `CommentsApi` over Octokit and the REST issue-comments endpoints (list with pagination, create,
// update). Created inside the action's run(), never at import time. Responses are checked with zod:
// only `id`, `body` and `html_url` are used.

import { getOctokit } from '@actions/github';
import { z } from 'zod';
import { GitHubApiError, type CommentsApi, type IssueComment } from './comments.js';

const commentSchema = z.object({ id: z.number().int(), body: z.string().nullish(), html_url: z.string().optional() });

export interface RepositoryRef {
  owner: string;
  repo: string;
}

export function octokitComments(token: string, repository: RepositoryRef, apiUrl: string): CommentsApi {
  const octokit = getOctokit(token, { baseUrl: apiUrl });
  const { owner, repo } = repository;
  return {
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
  };
}

function toComment(comment: z.infer<typeof commentSchema>): IssueComment {
  return { id: comment.id, body: comment.body ?? '', ...(comment.html_url ? { url: comment.html_url } : {}) };
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
