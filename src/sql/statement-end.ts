// Where a statement really ends. The parser's stmt_len runs to the `;`, so it takes in the
// comments and blank lines between the last token and the `;`; an end that a reader (SARIF's
// endLine, a review suggestion's last line) sees is the end of the last token instead.

import { scanSync } from 'libpg-query';
import type { SourceText } from './source.js';

/** The bytes Postgres's lexer skips as whitespace (scan.l `space`). */
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b]);
const DASH = 0x2d;
const SLASH = 0x2f;
const STAR = 0x2a;

/** Byte offset just past the last token (comments aside) of the statement at [start, end). */
export function lastTokenEnd(source: SourceText, start: number, end: number): number {
  const bytes = source.bytes.subarray(start, end);
  // Without `--` or `/*` anywhere in it the statement holds no comment (inside a string they would
  // not be one either), so its last token ends at its last byte that is not whitespace: the scanner,
  // a third of a 500-file lint's rule time when every finding asked it, is needed only otherwise.
  if (!mayHoldComment(bytes)) {
    let last = bytes.length;
    while (last > 0 && WHITESPACE.has(bytes[last - 1]!)) last--;
    return last > 0 ? start + last : end;
  }
  let tokens;
  try {
    tokens = scanSync(bytes.toString('utf8')).tokens ?? [];
  } catch {
    return end;
  }
  const last = tokens.filter((token) => token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT').at(-1);
  return last ? start + last.end : end;
}

function mayHoldComment(bytes: Buffer): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const byte = bytes[i]!;
    if ((byte === DASH && bytes[i + 1] === DASH) || (byte === SLASH && bytes[i + 1] === STAR)) return true;
  }
  return false;
}
