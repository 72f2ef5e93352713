// The comment step of a pull request run: the report as the sticky comment, or, once the PR no
// longer touches migrations, the existing comment updated to say so (no new comment on PRs that
// never did). Returns a one-line note for the log and the job summary; never throws, because a
// comment that cannot be posted must not change the gate's verdict.

import { formatComment, formatErrorComment, formatNoChangesComment } from '../report/format-comment.js';
import type { MarkdownOptions } from '../report/format-markdown.js';
import type { Report } from '../report/report.js';
import type { Severity } from '../types.js';
import { describeCommentFailure } from './comment-failure.js';
import { commentMarker, upsertStickyComment, type CommentsApi } from './comments.js';

export interface CommentStep {
  api: CommentsApi;
  issueNumber: number;
  /** Names the comment (one per PR and directory) and is shown in its headline. */
  directory: string;
  report: Report;
  /** The step's threshold, for the comment's verdict. */
  failOn: Severity | 'never';
  lineUrl?: MarkdownOptions['lineUrl'];
  runUrl?: string;
  /** For the "could not be reached" message. */
  apiUrl: string;
}

export interface CommentNote {
  /** `notice`: something not done that the run cannot change (a read-only token, lines outside the diff). */
  level: 'info' | 'notice' | 'warning';
  text: string;
  /** The comment's address, for the log. */
  url?: string;
}

export async function postReportComment(step: CommentStep): Promise<CommentNote> {
  const marker = commentMarker(step.directory);
  const noChanges = step.report.migrations.length === 0;
  const body = noChanges
    ? formatNoChangesComment({ marker, directory: step.directory, ...(step.runUrl ? { runUrl: step.runUrl } : {}) })
    : formatComment(step.report, {
        marker,
        directory: step.directory,
        failOn: step.failOn,
        ...(step.lineUrl ? { lineUrl: step.lineUrl } : {}),
        ...(step.runUrl ? { runUrl: step.runUrl } : {}),
      });
  try {
    const outcome = await upsertStickyComment(step.api, { issueNumber: step.issueNumber, marker, body, create: !noChanges });
    const text = {
      created: `posted the migration report as a comment on pull request #${step.issueNumber}`,
      updated: `updated the migration report comment on pull request #${step.issueNumber}`,
      unchanged: `the migration report comment on pull request #${step.issueNumber} is up to date`,
      skipped: `no comment on pull request #${step.issueNumber}: it changes no migration`,
    }[outcome.action];
    return { level: 'info', text, ...(outcome.action !== 'skipped' && outcome.comment.url ? { url: outcome.comment.url } : {}) };
  } catch (error) {
    return { level: 'warning', text: describeCommentFailure(error, step.apiUrl) };
  }
}

export interface ErrorCommentStep {
  api: CommentsApi;
  issueNumber: number;
  directory: string;
  /** The one-line reason the gate could not run. */
  message: string;
  runUrl?: string;
  apiUrl: string;
}

/**
 * When the gate fails to run, the sticky comment of an earlier run is replaced by the reason, so
 * its verdict is not read as this commit's. No comment is created just to say so: the failed job and
 * its summary already do. Never throws.
 */
export async function postErrorComment(step: ErrorCommentStep): Promise<CommentNote> {
  const marker = commentMarker(step.directory);
  const body = formatErrorComment({ marker, message: step.message, directory: step.directory, ...(step.runUrl ? { runUrl: step.runUrl } : {}) });
  try {
    const outcome = await upsertStickyComment(step.api, { issueNumber: step.issueNumber, marker, body, create: false });
    if (outcome.action === 'skipped') return { level: 'info', text: `no comment on pull request #${step.issueNumber} to mark as not checked` };
    const text = `marked the migration report comment on pull request #${step.issueNumber} as not checked`;
    return { level: 'info', text, ...(outcome.comment.url ? { url: outcome.comment.url } : {}) };
  } catch (error) {
    return { level: 'warning', text: describeCommentFailure(error, step.apiUrl) };
  }
}
