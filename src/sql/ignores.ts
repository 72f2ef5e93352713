// Inline ignore directives (DESIGN.md, "Inline ignores"):
//   -- pg-migration-gate-ignore rule-a, rule-b -- reason     covers the next statement
//   -- pg-migration-gate-ignore-file rule-a -- reason         covers the whole file
// Directives are comments, so they are read from the scanner's comment tokens between statements,
// never by pattern-matching SQL.

import { scanSync } from 'libpg-query';
import type { SourceText } from './source.js';

const FILE_DIRECTIVE = 'pg-migration-gate-ignore-file';
const STATEMENT_DIRECTIVE = 'pg-migration-gate-ignore';

export interface IgnoreDirective {
  scope: 'statement' | 'file';
  /** Rule ids as written. */
  rules: string[];
  reason: string;
  /** Byte offset of the comment. */
  offset: number;
  /** Byte offset just past the comment: a statement directive covers the first statement after it. */
  end: number;
  /** Written inside a statement (between its lines), where "the next statement" is ambiguous. */
  insideStatement: boolean;
}

export function readIgnoreDirectives(source: SourceText, gaps: Array<{ start: number; end: number }>): IgnoreDirective[] {
  if (!source.bytes.includes(STATEMENT_DIRECTIVE)) return []; // most files hold none: skip the scan
  const comments = commentTokens(source, gaps);
  const directives: IgnoreDirective[] = [];
  for (const comment of comments) {
    const directive = parseDirective(comment.text.replace(/^--/, '').trim());
    if (!directive) continue;
    const insideStatement = !gaps.some((gap) => comment.start >= gap.start && comment.end <= gap.end);
    directives.push({ ...directive, offset: comment.start, end: comment.end, insideStatement });
  }
  return directives;
}

/** `--` comments of the whole file; when the scanner fails (unterminated quote), those between statements. */
function commentTokens(source: SourceText, gaps: Array<{ start: number; end: number }>): Array<{ start: number; end: number; text: string }> {
  const sqlComments = (text: string, base: number) =>
    (scanSync(text).tokens ?? [])
      .filter((token) => token.tokenName === 'SQL_COMMENT')
      .map((token) => ({ start: base + token.start, end: base + token.end, text: token.text }));
  try {
    return sqlComments(source.text, 0);
  } catch {
    return gaps.flatMap((gap) => {
      try {
        return sqlComments(source.bytes.subarray(gap.start, gap.end).toString('utf8'), gap.start);
      } catch {
        return [];
      }
    });
  }
}

function parseDirective(comment: string): Pick<IgnoreDirective, 'scope' | 'rules' | 'reason'> | undefined {
  let scope: IgnoreDirective['scope'];
  let rest: string;
  if (comment.startsWith(FILE_DIRECTIVE)) {
    scope = 'file';
    rest = comment.slice(FILE_DIRECTIVE.length);
  } else if (comment.startsWith(STATEMENT_DIRECTIVE)) {
    scope = 'statement';
    rest = comment.slice(STATEMENT_DIRECTIVE.length);
  } else {
    return undefined;
  }
  // `pg-migration-gate-ignored` or similar is not a directive: the keyword must end there.
  if (rest !== '' && !/^[\s:]/.test(rest)) return undefined;
  const separator = rest.indexOf('--');
  const list = separator === -1 ? rest : rest.slice(0, separator);
  const reason = separator === -1 ? '' : rest.slice(separator + 2).trim();
  const rules = list
    .replace(/^\s*:/, '')
    .split(/[\s,]+/)
    .map((rule) => rule.trim())
    .filter((rule) => rule !== '');
  return { scope, rules, reason };
}
