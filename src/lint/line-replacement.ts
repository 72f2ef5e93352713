// A statement's fix as whole lines of its file: what a GitHub review suggestion replaces. The
// statement may share its first line with text before it (`BEGIN; CREATE INDEX ...`) and its last
// line with text after it (`...; -- why`): that text is kept as the file has it.

import { lineAt, positionAt, sliceText, type SourceText } from '../sql/source.js';
import { lastTokenEnd } from '../sql/statement-end.js';
import type { LineReplacement } from '../types.js';

/**
 * Lines from the statement's first to its last token, with the statement's text replaced by `fix`
 * (the statement's own text rewritten, from `start` to `end`). Undefined when `fix` does not end
 * as the statement does after its last token (then the two cannot be lined up).
 */
export function lineReplacement(source: SourceText, start: number, end: number, fix: string): LineReplacement | undefined {
  const lastToken = lastTokenEnd(source, start, end);
  // What follows the last token inside [start, end) (a comment before the `;`) is not replaced.
  const trailing = sliceText(source, lastToken, end);
  if (!fix.endsWith(trailing)) return undefined;
  const replaced = fix.slice(0, fix.length - trailing.length);
  const startLine = lineAt(source.lineStarts, start);
  const endLine = positionAt(source, lastToken).line;
  const before = sliceText(source, source.lineStarts[startLine - 1]!, start);
  const after = sliceText(source, lastToken, lineEndOffset(source, endLine));
  return { startLine, endLine, text: `${before}${replaced}${after}`.replace(/\r\n?/g, '\n') };
}

/** Byte offset of the line break that ends `line` (the file's end for the last line). */
function lineEndOffset(source: SourceText, line: number): number {
  const next = source.lineStarts[line];
  if (next === undefined) return source.bytes.length;
  // CRLF ends a line with two bytes, LF and a lone CR with one.
  const bytes = source.bytes;
  if (bytes[next - 1] === 0x0a && bytes[next - 2] === 0x0d) return next - 2;
  return next - 1;
}
