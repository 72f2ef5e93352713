// The sticky PR comment: one per pull request and migrations directory, found again on every run by
// a hidden marker at the start of its body AND its author (the token's identity), and edited in
// place. Anyone can write a comment that starts with the marker; editing theirs would show our report
// under their name, and they could edit it back to "no risk", so a marked comment by someone else
// is left alone and ours is created beside it. Posting goes through the small
// `CommentsApi` interface so tests can fake GitHub; the Octokit implementation is in
// octokit-comments.ts.

export interface CommentAuthor {
  login: string;
  /** GitHub's account type: 'User', 'Bot' (an app, e.g. github-actions[bot]), 'Organization'. */
  type: string;
}

export interface IssueComment {
  id: number;
  body: string;
  url?: string;
  author?: CommentAuthor;
}

/**
 * Who the token writes as. A personal access token has a login (`GET /user`); an installation
 * token (the workflow's GITHUB_TOKEN, or a GitHub App's) cannot read `/user`, and writes as a bot
 * account (`github-actions[bot]`, `<app>[bot]`), which no person can write as.
 */
export type TokenIdentity = { kind: 'user'; login: string } | { kind: 'app' };

/** The login GitHub Actions' own token writes as. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface CommentsApi {
  /** The token's identity, to tell our comments from others' that carry the same marker. */
  identity(): Promise<TokenIdentity>;
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
  const identity = await api.identity();
  const existing = await findComment(api, options.issueNumber, options.marker, identity);
  if (existing) {
    if (existing.body === options.body) return { action: 'unchanged', comment: existing };
    return { action: 'updated', comment: await api.updateComment(existing.id, options.body) };
  }
  if (!options.create) return { action: 'skipped' };
  return { action: 'created', comment: await api.createComment(options.issueNumber, options.body) };
}

/**
 * The first comment of ours that starts with the marker, searching every page: a busy PR has
 * hundreds of comments, and stopping at the first page would post a second sticky comment. A comment
 * that only quotes or mentions the marker further down is somebody else's, and so is one that starts
 * with it but was written by another account.
 */
async function findComment(api: CommentsApi, issueNumber: number, marker: string, identity: TokenIdentity): Promise<IssueComment | undefined> {
  for await (const page of api.listComments(issueNumber)) {
    const ours = page.find((comment) => comment.body.trimStart().startsWith(marker) && writtenBy(comment, identity));
    if (ours) return ours;
  }
  return undefined;
}

/**
 * With a user token, the author's login must be the token's. With an installation token, whose login
 * `/user` does not tell, the author must be a bot account (as the sticky-comment actions match
 * `github-actions[bot]`): people, including the PR's author, cannot write as one. A comment without
 * an author (a deleted account, "ghost") is never ours.
 */
export function writtenBy(comment: IssueComment, identity: TokenIdentity): boolean {
  const author = comment.author;
  if (!author) return false;
  if (identity.kind === 'user') return author.login.toLowerCase() === identity.login.toLowerCase();
  return author.type === 'Bot' || author.login === ACTIONS_BOT_LOGIN;
}
