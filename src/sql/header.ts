// Header metadata: the leading comment block of a migration, in the two styles teams use
// (shared/user-guides 001 and 004):
//   -- Migration: User Profile Feature        -- @zero-downtime: true
//   -- Created: 2025-01-15                     -- @risk-level: low
//   -- Description: ...                        -- @dependencies: 20250527100000_create_users_table
// The block is read from the scanner's comment tokens before the first statement, so a `--` inside
// a string literal or a statement is never taken for a header line.

import { scanSync } from 'libpg-query';
import { positionAt, type SourceText } from './source.js';

export interface HeaderField {
  /** Normalised name: lower case, without the `@` of annotations (`risk-level`, `created`). */
  name: string;
  /** The name as written (`Created`, `@risk-level`). */
  written: string;
  value: string;
  /** Where the line starts and where the value starts. */
  line: number;
  column: number;
  valueColumn: number;
}

export interface Header {
  /** Fields by normalised name; a repeated field keeps its first occurrence. */
  fields: Map<string, HeaderField>;
  /** Line after the header block, where a missing field would go. */
  endLine: number;
}

/** `Key: value` with a key of words, spaces or dashes, optionally an `@annotation`. */
const FIELD = /^(@?[A-Za-z][A-Za-z0-9 _-]*?)\s*:\s*(.*)$/;

export function normaliseFieldName(name: string): string {
  return name.trim().replace(/^@/, '').toLowerCase();
}

/** The header of `source`, whose first statement starts at byte `firstStatementStart`. */
export function readHeader(source: SourceText, firstStatementStart: number): Header {
  const fields = new Map<string, HeaderField>();
  let endOffset = 0;
  for (const comment of leadingComments(source, firstStatementStart)) {
    endOffset = comment.end;
    const body = comment.text.replace(/^--/, '');
    const leading = body.length - body.trimStart().length;
    const match = FIELD.exec(body.trim());
    if (!match) continue;
    const [, written, rawValue] = match as unknown as [string, string, string];
    const name = normaliseFieldName(written);
    if (fields.has(name)) continue;
    const at = positionAt(source, comment.start);
    const valueOffsetInBody = body.indexOf(rawValue, leading + written.length);
    fields.set(name, {
      name,
      written,
      value: rawValue.trim(),
      line: at.line,
      column: at.column,
      // `--` plus the characters before the value on that line.
      valueColumn: at.column + 2 + [...body.slice(0, Math.max(valueOffsetInBody, 0))].length,
    });
  }
  const endLine = endOffset === 0 ? 1 : positionAt(source, endOffset).line + 1;
  return { fields, endLine };
}

/**
 * `--` comments before the first statement. The gap holds nothing but comments and white space
 * (the parser says where the first statement starts), so without a block comment every non-blank
 * line is one `--` comment and is read as such; with one, the scanner decides what is comment.
 */
function leadingComments(source: SourceText, firstStatementStart: number): Array<{ start: number; end: number; text: string }> {
  const gap = source.bytes.subarray(0, firstStatementStart);
  if (gap.includes('/*')) return scannedComments(gap.toString('utf8'));
  const comments: Array<{ start: number; end: number; text: string }> = [];
  let lineStart = 0;
  while (lineStart < gap.length) {
    let lineEnd = lineStart;
    while (lineEnd < gap.length && gap[lineEnd] !== 0x0a && gap[lineEnd] !== 0x0d) lineEnd++;
    let start = lineStart;
    while (start < lineEnd && (gap[start] === 0x20 || gap[start] === 0x09)) start++;
    if (start < lineEnd) comments.push({ start, end: lineEnd, text: gap.subarray(start, lineEnd).toString('utf8').trimEnd() });
    lineStart = lineEnd + 1;
  }
  return comments.filter((comment) => comment.text.startsWith('--'));
}

function scannedComments(gap: string): Array<{ start: number; end: number; text: string }> {
  let tokens;
  try {
    tokens = scanSync(gap).tokens ?? [];
  } catch {
    return [];
  }
  return tokens
    .filter((token) => token.tokenName === 'SQL_COMMENT')
    .map((token) => ({ start: token.start, end: token.end, text: token.text }));
}
