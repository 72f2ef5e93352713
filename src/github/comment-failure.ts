// Why the PR comment could not be posted, in words that say what to change. A comment that cannot be
// posted never fails the gate: the verdict depends on the findings, and the report is still in the
// job summary, the annotations and the outputs.

import { GitHubApiError } from './comments.js';

export const PERMISSION_HINT =
  "add `pull-requests: write` to the job's `permissions:` block (pull requests from forks get a read-only token, so there the report is only in the job summary)";

export function describeCommentFailure(error: unknown, apiUrl: string): string {
  const prefix = 'could not post the pull request comment';
  if (!(error instanceof GitHubApiError)) return `${prefix}: ${(error as Error).message ?? String(error)}`;
  const reason = error.message;
  switch (error.status) {
    case undefined:
      return `${prefix}: ${apiUrl} could not be reached (${reason})`;
    case 401:
      return `${prefix}: GitHub rejected the token (HTTP 401: ${reason}); check the github-token input`;
    case 403:
      if (error.rateLimitRemaining === '0') return `${prefix}: the token's API rate limit is used up (HTTP 403: ${reason}); run the job again later`;
      return `${prefix}: the token may not write pull request comments (HTTP 403: ${reason}); ${PERMISSION_HINT}`;
    case 404:
      return `${prefix}: the pull request or its comments were not found (HTTP 404: ${reason}); the token needs access to this repository and ${PERMISSION_HINT}`;
    default:
      return `${prefix}: GitHub answered HTTP ${error.status} (${reason})`;
  }
}
