// The job summary: the same report as the comment, with each finding's SQL, plus notes about the run
// (where the comment went, or why it could not be posted). GitHub takes at most 1 MiB per step;
// a longer report degrades to the compact form that the comment uses too.

import { escapeMarkdown } from './markdown-escape.js';
import { formatCompact } from './format-compact.js';
import { escapeKeepingCode, formatMarkdown, type MarkdownOptions } from './format-markdown.js';
import type { Report } from './report.js';
import { TOOL_NAME } from '../version.js';

export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
// A UTF-16 code unit takes at most 3 bytes in UTF-8, so this many code units always fit.
const SUMMARY_LIMIT_CHARS = Math.floor(SUMMARY_LIMIT_BYTES / 3);

export interface SummaryOptions extends MarkdownOptions {
  /** Plain-text notes about the run, shown under the report (escaped here; `quoted` parts as code). */
  notes?: readonly string[];
  /** At most this many bytes (GitHub's limit by default; tests use less). */
  limitBytes?: number;
}

export function formatSummary(report: Report, options: SummaryOptions = {}): string {
  const limitBytes = options.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const notes = notesBlock(options.notes);
  const full = `## ${TOOL_NAME}\n\n${formatMarkdown(report, { ...options, showStatements: true })}${notes}`;
  if (Buffer.byteLength(full) <= limitBytes) return full;
  const limit = limitBytes === SUMMARY_LIMIT_BYTES ? SUMMARY_LIMIT_CHARS : Math.floor(limitBytes / 3);
  return formatCompact(report, {
    limit,
    prefix: `## ${TOOL_NAME}\n`,
    suffix: notes,
    ...(options.directory ? { directory: options.directory } : {}),
    pointer: 'The full report is longer than a job summary may be (1 MiB); it is in the JSON report (the `report` output). Every finding, by file, rule and line:',
  });
}

/** The summary of a run that stopped before it had a report (bad input, config or git state). */
export function formatErrorSummary(message: string, notes?: readonly string[]): string {
  return `## ${TOOL_NAME}\n\n### ❌ The gate could not run\n\n${escapeMarkdown(message)}\n${notesBlock(notes)}`;
}

function notesBlock(notes: readonly string[] | undefined): string {
  if (!notes?.length) return '';
  return `\n${notes.map((note) => `- ${escapeKeepingCode(note)}`).join('\n')}\n`;
}
