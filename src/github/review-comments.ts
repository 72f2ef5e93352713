// Pull request review comments (comments on a line of the diff), the small interface the review
// suggestions post through; the Octokit implementation is in octokit-comments.ts, tests fake it.
// Ours are found again, as the sticky comment is, by a hidden marker at the start of the body AND
// the author being the token's identity (comments.ts `writtenBy`).

import type { CommentAuthor, TokenIdentity } from './comments.js';

export interface ReviewComment {
  id: number;
  body: string;
  /** The file, relative to the repository root. */
  path: string;
  /** The comment's last line on the pull request's head; null once a push made it outdated. */
  line: number | null;
  /** Its first line when it spans several, else null. */
  startLine: number | null;
  /** Set on a reply in another comment's thread. */
  inReplyTo?: number;
  author?: CommentAuthor;
  url?: string;
}

export interface NewReviewComment {
  /** The pull request's head commit: the lines are the file's there. */
  commitId: string;
  path: string;
  /** First line of a range; omitted for one line. */
  startLine?: number;
  line: number;
  body: string;
}

export interface ReviewCommentsApi {
  identity(): Promise<TokenIdentity>;
  /** Every review comment of the pull request, one page at a time. */
  listReviewComments(pullNumber: number): AsyncIterable<ReviewComment[]>;
  createReviewComment(pullNumber: number, comment: NewReviewComment): Promise<ReviewComment>;
  /** Only the body can change: GitHub does not move a review comment to other lines. */
  updateReviewComment(commentId: number, body: string): Promise<ReviewComment>;
  deleteReviewComment(commentId: number): Promise<void>;
}

const MARKER_PREFIX = '<!-- pg-migration-gate:suggestion=';

/** The marker prefix of every suggestion for one migrations directory (one action step). */
export function suggestionMarkerPrefix(directory: string): string {
  return `${MARKER_PREFIX}${encodeURIComponent(directory)}:`;
}

/**
 * The hidden marker of one suggestion: the directory, the file, the rule and the statement's first
 * line, percent-encoded so that no name can end the HTML comment early or pass for another key.
 */
export function suggestionMarker(directory: string, key: { path: string; rule: string; startLine: number }): string {
  return `${suggestionMarkerPrefix(directory)}${encodeURIComponent(key.path)}:${encodeURIComponent(key.rule)}:${key.startLine} -->`;
}

/** The marker a body starts with, when it is one of this directory's suggestions. */
export function markerOf(body: string, directory: string): string | undefined {
  const text = body.trimStart();
  if (!text.startsWith(suggestionMarkerPrefix(directory))) return undefined;
  const end = text.indexOf(' -->');
  return end === -1 ? undefined : text.slice(0, end + ' -->'.length);
}
