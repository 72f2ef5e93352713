// Where goose's line-based splitter and Postgres disagree on where a statement ends. goose ends a
// statement at any line whose last word ends with `;` (outside a StatementBegin block), so a
// function body, a multi-line string or a DO block with `;` at the end of an inner line is cut in
// two, and Postgres rejects both halves on deploy. The real parser knows where each statement ends;
// a statement that runs past the end of goose's piece is such a cut. The database stage applies the
// parser's statements, so without this check the gate would pass a file that fails in production.
// A piece holding several whole statements is fine: goose sends it as one query.

import { parseSource } from '../sql/parse.js';
import { decodeSource } from '../sql/source.js';
import { maskOutside } from './dbmate-sections.js';
import type { GooseStatement } from './goose-sections.js';
import { lineAt, lineStartsOf } from './lines.js';

export interface GooseSplitProblem {
  offset: number;
  line: number;
  message: string;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The cuts goose makes in one section's statements (`pieces`, from parseGooseFile). Needs the
 * parser loaded (`ensureParser`). A section that is not UTF-8 text is left to the lint stage.
 */
export function gooseSplitProblems(raw: Buffer, section: { start: number; end: number }, pieces: readonly GooseStatement[]): GooseSplitProblem[] {
  const decoded = decodeSource('goose section', maskOutside(raw, [section]));
  if (!decoded.ok) return [];
  // Parser offsets index the text without a BOM; goose's pieces index the raw bytes.
  const shift = raw.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  const lineStarts = lineStartsOf(raw);
  const lineOf = (offset: number) => lineAt(lineStarts, offset);
  const problems: GooseSplitProblem[] = [];
  const reported = new Set<GooseStatement>();
  for (const statement of parseSource(decoded.source).statements) {
    if (statement.origin !== 'file') continue;
    const start = statement.start + shift;
    const end = statement.end + shift;
    const piece = pieces.find((candidate) => candidate.start <= start && start < candidate.end);
    if (!piece) {
      problems.push({
        offset: start,
        line: lineOf(start),
        message:
          "goose does not send this statement: its splitter drops the line it starts on (as it does the line after an empty '-- +goose StatementBegin' block); remove the empty block, or put the statement inside it",
      });
      continue;
    }
    if (end <= piece.end || reported.has(piece)) continue;
    reported.add(piece);
    const at = Math.max(piece.start, piece.end - 1);
    problems.push({ offset: lineStarts[lineOf(at) - 1] ?? at, line: lineOf(at), message: cutMessage(piece, lineOf(start), lineOf(Math.max(start, end - 1))) });
  }
  return problems;
}

function cutMessage(piece: GooseStatement, startLine: number, endLine: number): string {
  if (piece.block) {
    return (
      `goose's '-- +goose StatementBegin' block ends after this line, but the statement that starts at line ${startLine} goes on to line ${endLine}: ` +
      "goose sends the two parts as separate queries and Postgres rejects them; move '-- +goose StatementEnd' below the statement's last line"
    );
  }
  return (
    `goose ends a statement at this line because it ends with ';', but the statement that starts at line ${startLine} goes on to line ${endLine} ` +
    "(a function body, a DO block or a string with ';' at the end of a line): goose sends the parts as separate queries and Postgres rejects them; " +
    "put a line '-- +goose StatementBegin' above the statement and a line '-- +goose StatementEnd' below it"
  );
}
