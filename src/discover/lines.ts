// Line numbers for byte offsets in a file as read, counted as editors and Postgres's scanner count
// them (LF, CRLF, lone CR), so a location here matches the one the lint stage reports.

export { lineAt, lineStartsOf } from '../sql/source.js';

/** 1-based line and column of character `index` in a decoded string (JSON parse errors, journal tags). */
export function positionInText(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Math.max(1, index - lineStart + 1) };
}
