// Splitting a file into statements with the real Postgres parser (libpg-query, WASM).
//
// The happy path parses the whole file once; the parser's stmt_location/stmt_len are UTF-8 byte
// offsets into the text. When the file has a syntax error, Postgres would reject it as a whole, but
// the user still wants every other statement linted: the file is then split with Postgres's own
// scanner at top-level semicolons and each piece is parsed alone, so the error points at the
// statement that fails and the rest are still checked.

import { loadModule, parseSync, scanSync, type Node, type ScanToken } from 'libpg-query';
import { nodeTag, type NodeTag } from './ast.js';
import { guardParser, ParserLimitError } from './parser-guard.js';
import { extractDoBlockStatements } from './plpgsql.js';
import type { SourceText } from './source.js';

export interface ParsedStatement {
  /** The statement node, e.g. `{ IndexStmt: {...} }`. */
  node: Node;
  tag: NodeTag;
  /** Byte offset of the statement's first token in the source. */
  start: number;
  /** Byte offset just past the statement's last token (the `;` is not included). */
  end: number;
  /** Added to any `location` in `node` to get a byte offset in the source; -1 if unknown. */
  locationBase: number;
  /** `file` for a statement of the file, `do-block` for SQL inside a `DO` block's PL/pgSQL body. */
  origin: 'file' | 'do-block';
  /** For a `do-block` statement: index (in the statement list) of the DO statement holding it. */
  parentIndex?: number;
}

export interface SyntaxError {
  /** Byte offset of the first token of the statement that fails. */
  statementStart: number;
  /** Byte offset of the failing token, as the parser reported it. */
  errorOffset: number;
  message: string;
  /** The parser ran out of memory on it (parser-guard.ts): too large to check, not invalid SQL. */
  tooLarge?: boolean;
}

export interface ParsedFile {
  statements: ParsedStatement[];
  syntaxErrors: SyntaxError[];
  /** Byte ranges between statements (comments, blank lines, `;`): where ignore directives live. */
  gaps: Array<{ start: number; end: number }>;
}

/** The scanner reports a lexer error as a plain error (a JSON one): see parser-guard.ts. */
const SCANNER = { syntaxErrorsAreSqlErrors: false };

let parserReady: Promise<void> | undefined;

/** Loads the WASM parser once per process; every parse call after it is synchronous. */
export function ensureParser(): Promise<void> {
  parserReady ??= loadModule();
  return parserReady;
}

interface ParserError {
  message: string;
  cursorPosition: number;
}

function asParserError(error: unknown): ParserError {
  const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
  const message = error instanceof Error ? error.message : String(error);
  return { message, cursorPosition: details?.cursorPosition ?? 0 };
}

/** Parses a source whose WASM module is loaded (call `ensureParser` first). */
export function parseSource(source: SourceText): ParsedFile {
  const statements: ParsedStatement[] = [];
  const syntaxErrors: SyntaxError[] = [];
  if (source.text.trim() === '') return { statements, syntaxErrors, gaps: [{ start: 0, end: source.bytes.length }] };

  try {
    statements.push(...statementsOf(guardParser(source.text, () => parseSync(source.text)).stmts ?? [], 0, source.bytes.length));
  } catch (wholeFileError) {
    // When the scanner itself fails (an unterminated quote) it reports no position, but the parse
    // of the whole file did: the scanner error is the first error the parser met.
    const scanErrorAt = charIndexToByteOffset(source.text, asParserError(wholeFileError).cursorPosition);
    const pieces = splitWithScanner(source, scanErrorAt);
    if (pieces.length === 0 && wholeFileError instanceof ParserLimitError) {
      // The scanner's own output overflowed too (it then returns no token at all): the file is one piece.
      const start = firstNonSpace(source, 0);
      pieces.push({ start, end: source.bytes.length, firstToken: start });
    }
    for (const piece of pieces) {
      const text = source.bytes.subarray(piece.start, piece.end).toString('utf8');
      if (wholeFileError instanceof ParserLimitError && text.trim() === source.text.trim()) {
        // The file is this one statement: parsing it again would run out of memory again, as slowly.
        syntaxErrors.push({ statementStart: piece.firstToken, errorOffset: piece.firstToken, message: wholeFileError.message, tooLarge: true });
        continue;
      }
      try {
        statements.push(...statementsOf(guardParser(text, () => parseSync(text)).stmts ?? [], piece.start, piece.end));
      } catch (error) {
        if (error instanceof ParserLimitError) {
          syntaxErrors.push({ statementStart: piece.firstToken, errorOffset: piece.firstToken, message: error.message, tooLarge: true });
          continue;
        }
        const { message, cursorPosition } = asParserError(error);
        syntaxErrors.push({
          statementStart: piece.firstToken,
          errorOffset: piece.start + charIndexToByteOffset(text, cursorPosition),
          message,
        });
      }
    }
  }

  const withBlocks = expandDoBlocks(source, statements, syntaxErrors);
  return { statements: withBlocks, syntaxErrors, gaps: gapsBetween(source, statements, syntaxErrors) };
}

function statementsOf(
  raw: Array<{ stmt?: Node; stmt_location?: number; stmt_len?: number }>,
  base: number,
  limit: number,
): ParsedStatement[] {
  const result: ParsedStatement[] = [];
  for (const entry of raw) {
    if (!entry.stmt) continue;
    const tag = nodeTag(entry.stmt);
    if (!tag) continue;
    const start = base + (entry.stmt_location ?? 0);
    // stmt_len 0 means "to the end of the string".
    const end = entry.stmt_len ? start + entry.stmt_len : limit;
    result.push({ node: entry.stmt, tag, start, end, locationBase: base, origin: 'file' });
  }
  return result;
}

interface Piece {
  start: number;
  end: number;
  firstToken: number;
}

/**
 * Top-level statements found by Postgres's scanner (string, identifier and dollar quotes are
 * single tokens, so a `;` inside them does not split). When the scanner itself fails (an
 * unterminated quote), everything from the last complete statement on is one piece.
 */
function splitWithScanner(source: SourceText, scanErrorAt: number): Piece[] {
  let tokens: ScanToken[];
  let scannedUpTo = source.bytes.length;
  try {
    tokens = guardParser(source.text, () => scanSync(source.text), SCANNER).tokens ?? [];
  } catch (error) {
    // Too many tokens for the scanner's memory: the file is one piece, reported as too large.
    if (error instanceof ParserLimitError) return [{ start: firstNonSpace(source, 0), end: source.bytes.length, firstToken: firstNonSpace(source, 0) }];
    scannedUpTo = scanErrorAt;
    tokens = scanPrefix(source, scannedUpTo);
  }
  const pieces: Piece[] = [];
  let current: Piece | undefined;
  for (const token of tokens) {
    if (token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT') continue;
    if (token.text === ';' && token.tokenName === 'ASCII_59') {
      // The `;` stays in the piece: the server's message then reads "at or near ";"", not "at end of input".
      if (current) pieces.push({ ...current, end: token.end });
      current = undefined;
      continue;
    }
    current ??= { start: token.start, end: token.end, firstToken: token.start };
    current.end = token.end;
  }
  if (scannedUpTo < source.bytes.length) {
    // The unscannable rest belongs to the statement that was open, or starts a new one.
    const start = current?.start ?? firstNonSpace(source, pieces.at(-1)?.end ?? 0);
    pieces.push({ start, end: source.bytes.length, firstToken: start });
  } else if (current) {
    pieces.push(current);
  }
  return pieces;
}

/** Postgres reports error positions in characters; offsets everywhere else are bytes. */
function charIndexToByteOffset(text: string, charIndex: number): number {
  let bytes = 0;
  let chars = 0;
  for (const char of text) {
    if (chars >= charIndex) break;
    bytes += Buffer.byteLength(char);
    chars++;
  }
  return bytes;
}

function scanPrefix(source: SourceText, upTo: number): ScanToken[] {
  const prefix = source.bytes.subarray(0, upTo).toString('utf8');
  try {
    return guardParser(prefix, () => scanSync(prefix), SCANNER).tokens ?? [];
  } catch {
    return [];
  }
}

function firstNonSpace(source: SourceText, from: number): number {
  let at = from;
  while (at < source.bytes.length && /[\s;]/.test(String.fromCharCode(source.bytes[at]!))) at++;
  return at;
}

function expandDoBlocks(
  source: SourceText,
  statements: ParsedStatement[],
  syntaxErrors: SyntaxError[],
): ParsedStatement[] {
  const expanded: ParsedStatement[] = [];
  for (const statement of statements) {
    const parentIndex = expanded.length;
    expanded.push(statement);
    if (statement.tag !== 'DoStmt') continue;
    const block = extractDoBlockStatements(source, statement);
    if (block.error) {
      syntaxErrors.push({ statementStart: statement.start, errorOffset: statement.start, message: `in DO block: ${block.error}` });
    }
    for (const inner of block.statements) expanded.push({ ...inner, parentIndex });
  }
  return expanded;
}

function gapsBetween(
  source: SourceText,
  statements: ParsedStatement[],
  syntaxErrors: SyntaxError[],
): Array<{ start: number; end: number }> {
  const occupied = [
    ...statements.filter((s) => s.origin === 'file').map((s) => ({ start: s.start, end: s.end })),
    ...syntaxErrors.map((e) => ({ start: e.statementStart, end: e.statementStart + 1 })),
  ].sort((a, b) => a.start - b.start);
  const gaps: Array<{ start: number; end: number }> = [];
  let cursor = 0;
  for (const range of occupied) {
    if (range.start > cursor) gaps.push({ start: cursor, end: range.start });
    cursor = Math.max(cursor, range.end);
  }
  if (cursor < source.bytes.length) gaps.push({ start: cursor, end: source.bytes.length });
  return gaps;
}
