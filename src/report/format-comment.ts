// The sticky PR comment's body: the hidden marker first (so the next run finds it), the markdown
// report, and a footer linking the run. GitHub rejects bodies over 65,536 characters, so a longer
// report degrades to the compact form, which still names every finding's rule and line and points to
// the job summary for the rest.

import { formatCompact } from './format-compact.js';
import { formatCommentBody } from './comment-body.js';
import { codeSpan, RISK_BADGE, type MarkdownOptions } from './format-markdown.js';
import type { Severity } from '../types.js';
import { escapeMarkdown } from './markdown-escape.js';
import { TOOL_NAME, VERSION } from '../version.js';
import type { Report } from './report.js';

export const COMMENT_LIMIT = 65_536;

export interface CommentOptions extends MarkdownOptions {
  marker: string;
  /** The step's threshold, for the verdict (`error` when absent, the default). */
  failOn?: Severity | 'never';
  /** The workflow run's page, where the job summary is. */
  runUrl?: string;
  /** At most this many characters (GitHub's limit by default; tests use less). */
  limit?: number;
}

export function formatComment(report: Report, options: CommentOptions): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const suffix = footer(options.runUrl);
  const full = `${options.marker}\n${formatCommentBody(report, { ...options, failOn: options.failOn ?? 'error' })}\n${suffix}`;
  if (full.length <= limit) return full;
  const summary = options.runUrl ? `[job summary](${options.runUrl})` : 'job summary';
  return formatCompact(report, {
    limit,
    prefix: options.marker,
    suffix,
    ...(options.directory ? { directory: options.directory } : {}),
    pointer: `The full report (${full.length.toLocaleString('en-US')} characters) is longer than a comment may be, so it is in the ${summary}. Every finding, by file, rule and line:`,
  });
}

/** What the comment says once the pull request no longer changes any migration. */
export function formatNoChangesComment(options: { marker: string; directory?: string; runUrl?: string }): string {
  const where = options.directory ? ` in ${codeSpan(options.directory)}` : '';
  return [
    options.marker,
    `### Migration risk: ${RISK_BADGE.none}`,
    '',
    `This pull request no longer adds, changes or deletes any migration${where}.`,
    '',
    footer(options.runUrl),
  ].join('\n');
}

/**
 * What the comment says when the gate could not run on the PR's latest commit (a base missing from
 * the clone, a database that is down): the earlier run's verdict must not stand for this commit.
 */
export function formatErrorComment(options: { marker: string; message: string; directory?: string; runUrl?: string }): string {
  const where = options.directory ? ` in ${codeSpan(options.directory)}` : '';
  const summary = options.runUrl ? `[job summary](${options.runUrl})` : 'job summary';
  return [
    options.marker,
    '### Migration risk: ❌ not checked',
    '',
    `The gate could not run on the latest commit, so the migrations${where} are not checked:`,
    '',
    `> ${escapeMarkdown(options.message)}`,
    '',
    `An earlier run's report stood here; it is removed so that it is not taken for this commit's. Details are in the ${summary}.`,
    '',
    footer(options.runUrl),
  ].join('\n');
}

function footer(runUrl: string | undefined): string {
  const run = runUrl ? ` · [workflow run](${runUrl})` : '';
  return `<sub>${TOOL_NAME} ${VERSION}${run}</sub>\n`;
}
