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
}

export function readIgnoreDirectives(source: SourceText, gaps: Array<{ start: number; end: number }>): IgnoreDirective[] {
  const directives: IgnoreDirective[] = [];
  for (const gap of gaps) {
    const gapBytes = source.bytes.subarray(gap.start, gap.end);
    if (!gapBytes.includes(STATEMENT_DIRECTIVE)) continue; // most gaps hold none: skip the scan
    let tokens;
    try {
      tokens = scanSync(gapBytes.toString('utf8')).tokens ?? [];
    } catch {
      continue;
    }
    for (const token of tokens) {
      if (token.tokenName !== 'SQL_COMMENT') continue;
      const directive = parseDirective(token.text.replace(/^--/, '').trim());
      if (directive) directives.push({ ...directive, offset: gap.start + token.start, end: gap.start + token.end });
    }
  }
  return directives;
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
