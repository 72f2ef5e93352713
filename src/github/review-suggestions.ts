// Review suggestions (input `review-suggestions`): for each finding whose fix can replace its
// statement in place (Finding.suggestion), a review comment on the statement's lines with a
// ```suggestion block a reviewer can commit in one click. Kept in step with the findings on every
// push, like the sticky comment: ours are found by marker and author over every page, one per
// finding, the body edited when it changed. GitHub cannot move a review comment, so one whose
// lines moved (or that a push made outdated) is replaced; one whose finding is gone is deleted,
// unless somebody replied to it: then the thread stays and its body says it no longer applies.
// Never throws: a suggestion that cannot be posted changes nothing about the verdict.

import { fencedCode, escapeMarkdown } from '../report/markdown-escape.js';
import type { Report } from '../report/report.js';
import { SEVERITY_RANK } from '../types.js';
import { PERMISSION_HINT } from './comment-failure.js';
import { GitHubApiError, writtenBy } from './comments.js';
import type { CommentNote } from './post-comment.js';
import { markerOf, suggestionMarker, type ReviewComment, type ReviewCommentsApi } from './review-comments.js';

/** More would be a wall of review comments (and many writes); the PR comment lists every finding. */
export const MAX_SUGGESTIONS = 20;

export interface SuggestionStep {
  api: ReviewCommentsApi;
  pullNumber: number;
  /** The pull request's head: the commit the comments are made on. */
  headSha: string;
  /** Names the step's suggestions, so two directories' steps never touch each other's. */
  directory: string;
  /** With paths from the repository root, as review comments take them. */
  report: Report;
  apiUrl: string;
}

export interface WantedSuggestion {
  marker: string;
  path: string;
  startLine: number;
  endLine: number;
  body: string;
}

/** The suggestions the report asks for, errors first, at most MAX_SUGGESTIONS; `left` is how many more. */
export function wantedSuggestions(report: Report, directory: string): { suggestions: WantedSuggestion[]; left: number } {
  const candidates = report.migrations
    // Only files the pull request adds or changes are in its diff; GitHub refuses comments elsewhere.
    .filter((migration) => migration.status === 'new' || migration.status === 'modified')
    .flatMap((migration) => migration.findings.flatMap((finding) => (finding.suggestion ? [{ path: migration.path, finding, suggestion: finding.suggestion }] : [])))
    .sort((a, b) => SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity]);
  const wanted = new Map<string, WantedSuggestion>();
  let left = 0;
  for (const { path, finding, suggestion } of candidates) {
    const marker = suggestionMarker(directory, { path, rule: finding.rule, startLine: suggestion.startLine });
    if (wanted.has(marker)) continue;
    if (wanted.size === MAX_SUGGESTIONS) {
      left++;
      continue;
    }
    const body = [
      marker,
      `**${escapeMarkdown(finding.rule)}**: ${escapeMarkdown(finding.message)}`,
      '',
      fencedCode(suggestion.text, 'suggestion'),
      '',
      escapeMarkdown(finding.help),
    ].join('\n');
    wanted.set(marker, { marker, path, startLine: suggestion.startLine, endLine: suggestion.endLine, body });
  }
  return { suggestions: [...wanted.values()], left };
}

function retiredBody(marker: string, headSha: string): string {
  return `${marker}\nThis suggestion no longer applies: at ${headSha.slice(0, 7)} the finding is gone or its statement moved.`;
}

interface Ours extends ReviewComment {
  marker: string;
}

/** Stops the run of writes: the token cannot write here (or the API is gone); said once. */
class Stop extends Error {
  constructor(readonly note: CommentNote) {
    super(note.text);
  }
}

export async function postReviewSuggestions(step: SuggestionStep): Promise<CommentNote[]> {
  const { suggestions: wanted, left } = wantedSuggestions(step.report, step.directory);
  const counts = { created: 0, updated: 0, unchanged: 0, deleted: 0, retired: 0 };
  const notes: CommentNote[] = [];
  try {
    const { ours, repliedTo } = await findOurs(step);
    const kept = new Set<number>();
    for (const suggestion of wanted) {
      const match = ours.find((comment) => comment.marker === suggestion.marker && !kept.has(comment.id) && onLines(comment, suggestion));
      if (match) {
        kept.add(match.id);
        if (match.body === suggestion.body) counts.unchanged++;
        else if (await write(() => step.api.updateReviewComment(match.id, suggestion.body))) counts.updated++;
        continue;
      }
      const created = await write(() =>
        step.api.createReviewComment(step.pullNumber, {
          commitId: step.headSha,
          path: suggestion.path,
          ...(suggestion.startLine < suggestion.endLine ? { startLine: suggestion.startLine } : {}),
          line: suggestion.endLine,
          body: suggestion.body,
        }),
      ).catch((error: unknown) => {
        // 422: the lines are not in the pull request's diff (or not at its head): this one only.
        if (error instanceof GitHubApiError && error.status === 422) {
          notes.push({ level: 'notice', text: `no review suggestion at ${suggestion.path}:${suggestion.startLine}: GitHub refused a comment on those lines (HTTP 422: ${error.message}); they are not in the pull request's diff` });
          return false;
        }
        throw error;
      });
      if (created) counts.created++;
    }
    for (const comment of ours.filter((candidate) => !kept.has(candidate.id))) {
      if (repliedTo.has(comment.id)) {
        const body = retiredBody(comment.marker, step.headSha);
        // Once retired, a comment stays as it is: no new "edited" on every push.
        if (comment.body.startsWith(`${comment.marker}\nThis suggestion no longer applies`)) continue;
        if (await write(() => step.api.updateReviewComment(comment.id, body))) counts.retired++;
      } else if (await write(() => step.api.deleteReviewComment(comment.id))) counts.deleted++;
    }
  } catch (error) {
    if (error instanceof Stop) return [...notes, error.note];
    return [...notes, { level: 'warning', text: describeFailure(error, step.apiUrl) }];
  }
  return [{ level: 'info', text: summaryText(step.pullNumber, counts, left) }, ...notes];
}

async function findOurs(step: SuggestionStep): Promise<{ ours: Ours[]; repliedTo: Set<number> }> {
  const identity = await step.api.identity();
  const ours: Ours[] = [];
  const repliedTo = new Set<number>();
  try {
    for await (const page of step.api.listReviewComments(step.pullNumber)) {
      for (const comment of page) {
        if (comment.inReplyTo !== undefined) {
          repliedTo.add(comment.inReplyTo);
          continue;
        }
        const marker = markerOf(comment.body, step.directory);
        if (marker && writtenBy(comment, identity)) ours.push({ ...comment, marker });
      }
    }
  } catch (error) {
    if (error instanceof GitHubApiError && (error.status === 403 || error.status === 404)) throw new Stop(readOnlyNote(error));
    throw error;
  }
  return { ours, repliedTo };
}

/** GitHub keeps a comment on the lines it was made on; a push that changed them nulls `line`. */
function onLines(comment: ReviewComment, suggestion: WantedSuggestion): boolean {
  const startLine = suggestion.startLine < suggestion.endLine ? suggestion.startLine : null;
  return comment.path === suggestion.path && comment.line === suggestion.endLine && (comment.startLine ?? null) === startLine;
}

/**
 * One write; true when done. A 403 (a read-only token: forks, a job without `pull-requests:
 * write`) stops all writes with one notice; a 404 on an edit or delete is a comment somebody
 * deleted meanwhile, nothing to do.
 */
async function write(request: () => Promise<unknown>): Promise<boolean> {
  try {
    await request();
    return true;
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 403 && error.rateLimitRemaining !== '0') throw new Stop(readOnlyNote(error));
    if (error instanceof GitHubApiError && error.status === 404) return false;
    throw error;
  }
}

function readOnlyNote(error: GitHubApiError): CommentNote {
  return {
    level: 'notice',
    text: `no review suggestions: the token may not write review comments on this pull request (HTTP ${error.status}: ${error.message}); ${PERMISSION_HINT}`,
  };
}

function describeFailure(error: unknown, apiUrl: string): string {
  const prefix = 'could not post the review suggestions';
  if (!(error instanceof GitHubApiError)) return `${prefix}: ${(error as Error).message ?? String(error)}`;
  if (error.status === undefined) return `${prefix}: ${apiUrl} could not be reached (${error.message})`;
  if (error.status === 403) return `${prefix}: the token's API rate limit is used up (HTTP 403: ${error.message}); run the job again later`;
  return `${prefix}: GitHub answered HTTP ${error.status} (${error.message})`;
}

function summaryText(pullNumber: number, counts: Record<'created' | 'updated' | 'unchanged' | 'deleted' | 'retired', number>, left: number): string {
  const parts = [
    counts.created && `${counts.created} created`,
    counts.updated && `${counts.updated} updated`,
    counts.unchanged && `${counts.unchanged} up to date`,
    counts.deleted && `${counts.deleted} deleted (their finding is gone)`,
    counts.retired && `${counts.retired} marked as no longer applying (replied to, so kept)`,
  ].filter(Boolean);
  if (parts.length === 0) return `no review suggestions on pull request #${pullNumber}: no finding has a fix that applies in place`;
  const more = left > 0 ? `; ${left} more not posted (at most ${MAX_SUGGESTIONS}; the comment has every fix)` : '';
  return `review suggestions on pull request #${pullNumber}: ${parts.join(', ')}${more}`;
}
