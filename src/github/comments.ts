// The sticky PR comment: one per pull request and migrations directory, found again on every run by
// a hidden marker at the start of its body and edited in place. Posting goes through the small
// `CommentsApi` interface so tests can fake GitHub; the Octokit implementation is in
// octokit-comments.ts.

export interface IssueComment {
  id: number;
  body: string;
  url?: string;
}

export interface CommentsApi {
  /** Every comment of the issue, one page at a time (GitHub returns at most 100 per page). */
  listComments(issueNumber: number): AsyncIterable<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
}

/** A failed GitHub API call, with the HTTP status when there was a response. */
export class GitHubApiError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    /** GitHub's `x-ratelimit-remaining` header, to tell a rate limit from a missing permission. */
    readonly rateLimitRemaining?: string,
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

const MARKER_PREFIX = '<!-- pg-migration-gate:dir=';

/**
 * The hidden marker naming the migrations directory. The directory is percent-encoded so that no
 * directory name can end the HTML comment early or look like another directory's marker.
 */
export function commentMarker(directory: string): string {
  return `${MARKER_PREFIX}${encodeURIComponent(directory)} -->`;
}

export type UpsertOutcome =
  | { action: 'created' | 'updated'; comment: IssueComment }
  /** Ours already says exactly this: no edit, so the PR does not show a new "edited". */
  | { action: 'unchanged'; comment: IssueComment }
  /** No comment of ours exists and none is wanted (e.g. a PR that never touched migrations). */
  | { action: 'skipped' };

export interface UpsertOptions {
  issueNumber: number;
  marker: string;
  body: string;
  /** Create the comment when none exists yet; when false, only an existing one is updated. */
  create: boolean;
}

export async function upsertStickyComment(api: CommentsApi, options: UpsertOptions): Promise<UpsertOutcome> {
  if (!options.body.startsWith(options.marker)) throw new Error('the comment body must start with its marker');
  const existing = await findComment(api, options.issueNumber, options.marker);
  if (existing) {
    if (existing.body === options.body) return { action: 'unchanged', comment: existing };
    return { action: 'updated', comment: await api.updateComment(existing.id, options.body) };
  }
  if (!options.create) return { action: 'skipped' };
  return { action: 'created', comment: await api.createComment(options.issueNumber, options.body) };
}

/**
 * The first comment that starts with the marker, searching every page: a busy PR has hundreds of
 * comments, and stopping at the first page would post a second sticky comment. A comment that only
 * quotes or mentions the marker further down is somebody else's.
 */
async function findComment(api: CommentsApi, issueNumber: number, marker: string): Promise<IssueComment | undefined> {
  for await (const page of api.listComments(issueNumber)) {
    const ours = page.find((comment) => comment.body.trimStart().startsWith(marker));
    if (ours) return ours;
  }
  return undefined;
}
