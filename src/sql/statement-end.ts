// Where a statement really ends. The parser's stmt_len runs to the `;`, so it takes in the
// comments and blank lines between the last token and the `;`; an end that a reader (SARIF's
// endLine, a review suggestion's last line) sees is the end of the last token instead.

import { scanSync } from 'libpg-query';
import type { SourceText } from './source.js';

/** Byte offset just past the last token (comments aside) of the statement at [start, end). */
export function lastTokenEnd(source: SourceText, start: number, end: number): number {
  const bytes = source.bytes.subarray(start, end);
  let tokens;
  try {
    tokens = scanSync(bytes.toString('utf8')).tokens ?? [];
  } catch {
    return end;
  }
  const last = tokens.filter((token) => token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT').at(-1);
  return last ? start + last.end : end;
}
