// Reading a goose SQL migration the way goose does (pressly/goose internal/sqlparser/parser.go,
// ParseSQLMigration), line by line on the bytes as read:
//   - a line is an annotation when its trimmed text starts with `--` and it contains `+goose`; it
//     must then start at column 1 and name one of Up, Down, StatementBegin, StatementEnd,
//     NO TRANSACTION, ENVSUB ON, ENVSUB OFF, case-insensitively (extractAnnotation); anything else
//     is an error, so `-- +goose up` is fine and ` -- +goose Up` is not;
//   - only blank lines, comments and NO TRANSACTION / ENVSUB annotations may precede `-- +goose Up`;
//   - a statement ends at a line whose last word before any `--` word ends with `;`
//     (endsWithSemicolon), or at `-- +goose StatementEnd` after `-- +goose StatementBegin`; comment
//     and empty lines before a statement are dropped, those inside it are kept;
//   - `-- +goose NO TRANSACTION` anywhere applies to the whole file, both directions.
// goose parses a file once per direction it runs, and its Provider API parses both before running
// (internal/sqlparser/parse.go, ParseAllFromFS), so each direction's refusal is reported. The UTF-8
// BOM is not skipped: goose reads it as text before `-- +goose Up` and refuses the file.

import { lineAt, lineStartsOf } from './lines.js';
import type { SectionRange } from './types.js';

export interface GooseRefusal {
  ok: false;
  /** What goose refuses and what to do, in our words. */
  message: string;
  /** Byte offset of the line to fix. */
  offset: number;
  line: number;
}

/** A statement goose sends: the byte range of its lines (the StatementEnd line not included). */
export interface GooseStatement extends SectionRange {
  /** Ended by `-- +goose StatementEnd` rather than by a line ending in `;`. */
  block: boolean;
}

/** The statements goose sends for one direction, in order. */
export type GooseDirection = { ok: true; statements: GooseStatement[] } | GooseRefusal;

export interface GooseFile {
  up: GooseDirection;
  down: GooseDirection;
  /** `-- +goose NO TRANSACTION`: every statement is sent on its own, in autocommit. */
  noTransaction: boolean;
  /** From the `-- +goose Up` line to the `-- +goose Down` line, or to the end of the file. */
  upRange: SectionRange | undefined;
  /** From the `-- +goose Down` line to the end of the file; undefined without one. */
  downRange: SectionRange | undefined;
}

const ANNOTATIONS = ['up', 'down', 'statementbegin', 'statementend', 'no transaction', 'envsub on', 'envsub off'] as const;
type Annotation = (typeof ANNOTATIONS)[number];
type State = 'start' | 'up' | 'up-begin' | 'up-end' | 'down' | 'down-begin' | 'down-end';
const ADD_UP = "add a line '-- +goose Up' above the migration's SQL (and '-- +goose Down' above its rollback)";

/** Whether the file has a `-- +goose Up` annotation line (layout detection). */
export function hasGooseUpAnnotation(raw: Buffer): boolean {
  return linesOf(raw).some((line) => line.text.startsWith('--') && line.text.includes('+goose') && annotationOf(line.text) === 'up');
}

export function parseGooseFile(raw: Buffer): GooseFile {
  const up = splitDirection(raw, 'up');
  const down = splitDirection(raw, 'down');
  return { up: up.result, down: down.result, noTransaction: up.noTransaction, upRange: up.upRange, downRange: up.downRange };
}

interface Line {
  text: string;
  start: number;
  /** Offset of the line break (or of the end of the file). */
  end: number;
}

interface Split {
  result: GooseDirection;
  noTransaction: boolean;
  upRange: SectionRange | undefined;
  downRange: SectionRange | undefined;
}

/** ParseSQLMigration for one direction, keeping where each statement's lines are. */
function splitDirection(raw: Buffer, direction: 'up' | 'down'): Split {
  const lineStarts = lineStartsOf(raw);
  const range = (start: number, end: number): SectionRange => ({ start, end, line: lineAt(lineStarts, start), endLine: lineAt(lineStarts, Math.max(start, end - 1)) });
  const statements: GooseStatement[] = [];
  let state: State = 'start';
  let noTransaction = false;
  let upStart: number | undefined;
  let downStart: number | undefined;
  let beginAt = 0;
  // The buffered statement: where its first line starts, its first non-blank line, where it ends.
  let buffer: { start: number; content: number | undefined; end: number } | undefined;
  const done = (result: GooseDirection): Split => ({
    result,
    noTransaction,
    upRange: upStart === undefined ? undefined : range(upStart, downStart ?? raw.length),
    downRange: downStart === undefined ? undefined : range(downStart, raw.length),
  });
  const refuse = (offset: number, message: string): Split => done({ ok: false, message, offset, line: lineAt(lineStarts, offset) });
  const unfinished = (): Split =>
    refuse(
      buffer!.content!,
      `goose refuses this file: the statement starting here has no \`;\` at the end of its last line, so goose never ends it (goose: "unexpected unfinished SQL query ... missing semicolon?"); end the statement with \`;\``,
    );

  for (const line of linesOf(raw)) {
    const trimmed = goTrimSpace(line.text);
    if (state === 'start' && trimmed === '') continue;
    if (trimmed.startsWith('--') && line.text.includes('+goose')) {
      const annotation = annotationOf(line.text);
      if (typeof annotation !== 'string') return refuse(line.start, annotation.problem);
      switch (annotation) {
        case 'up':
          if (state !== 'start') {
            return refuse(line.start, `goose refuses a second '-- +goose Up' annotation (goose: "duplicate '-- +goose Up' annotations"); keep one Up section per file and move this SQL into a migration of its own`);
          }
          state = 'up';
          upStart = line.start;
          continue;
        case 'down':
          if (state === 'up-begin') {
            return refuse(
              beginAt,
              `goose refuses this '-- +goose StatementBegin' block: it is still open at '-- +goose Down' on line ${lineAt(lineStarts, line.start)} (goose: "must start with '-- +goose Up' annotation"); add a line '-- +goose StatementEnd' after the statement's last line`,
            );
          }
          if (state !== 'up' && state !== 'up-end') {
            const where = state === 'start' ? "before '-- +goose Up'" : "after another '-- +goose Down'";
            return refuse(line.start, `goose refuses '-- +goose Down' ${where} (goose: "must start with '-- +goose Up' annotation"); put the Up section first and one Down section after it`);
          }
          if (buffer?.content !== undefined) return unfinished();
          buffer = undefined;
          state = 'down';
          downStart = line.start;
          continue;
        case 'statementbegin':
          if (state === 'up' || state === 'up-end') state = 'up-begin';
          else if (state === 'down' || state === 'down-end') state = 'down-begin';
          else {
            const where = state === 'start' ? "before '-- +goose Up'" : "inside another StatementBegin block";
            return refuse(line.start, `goose refuses '-- +goose StatementBegin' ${where} (goose: "'-- +goose StatementBegin' must be defined after '-- +goose Up' or '-- +goose Down' annotation"); close the previous block with '-- +goose StatementEnd' or move the annotation below '-- +goose Up'`);
          }
          beginAt = line.start;
          continue;
        case 'statementend':
          if (state === 'up-begin') state = 'up-end';
          else if (state === 'down-begin') state = 'down-end';
          else {
            return refuse(line.start, `goose refuses '-- +goose StatementEnd' without an open '-- +goose StatementBegin' (goose: "'-- +goose StatementEnd' must be defined after '-- +goose StatementBegin'"); add the StatementBegin line above the statement or remove this line`);
          }
          break; // goose does not `continue` here: the line still ends the buffered statement below
        case 'no transaction':
          noTransaction = true;
          continue;
        case 'envsub on':
        case 'envsub off':
          continue;
      }
    }
    if (buffer === undefined && (trimmed.startsWith('--') || line.text === '')) continue;
    if (state !== 'up-end' && state !== 'down-end') {
      buffer ??= { start: line.start, content: undefined, end: line.end };
      if (buffer.content === undefined && trimmed !== '') buffer.content = line.start;
      buffer.end = line.end;
    }
    if (state === 'start') {
      if (!hasGooseUpAnnotation(raw)) {
        return refuse(line.start, `goose refuses this file: it has no '-- +goose Up' annotation, so its SQL starts before one (goose: "unexpected state 0 on line"); ${ADD_UP}`);
      }
      return refuse(line.start, `goose refuses SQL before the '-- +goose Up' annotation (goose: "unexpected state 0 on line"); move this line below '-- +goose Up', or make it a comment`);
    }
    const inUp = state === 'up' || state === 'up-begin' || state === 'up-end';
    if (inUp !== (direction === 'up')) {
      // The other direction's lines are read and dropped, as goose's buffer reset does.
      buffer = undefined;
      continue;
    }
    if (state === 'up-end' || state === 'down-end' || ((state === 'up' || state === 'down') && endsWithSemicolon(line.text))) {
      const block = state === 'up-end' || state === 'down-end';
      statements.push({ ...(buffer ? range(buffer.start, buffer.end) : range(line.start, line.start)), block });
      buffer = undefined;
      if (state === 'up-end') state = 'up';
      if (state === 'down-end') state = 'down';
    }
  }
  if (state === 'start') {
    return refuse(0, `goose refuses a migration without a '-- +goose Up' annotation (goose: "failed to parse migration: must start with '-- +goose Up' annotation"); ${ADD_UP}`);
  }
  if (state === 'up-begin' || state === 'down-begin') {
    return refuse(beginAt, `goose refuses a '-- +goose StatementBegin' that is never closed (goose: "missing '-- +goose StatementEnd' annotation"); add a line '-- +goose StatementEnd' after the statement's last line`);
  }
  if (buffer?.content !== undefined) return unfinished();
  return done({ ok: true, statements });
}

/** goose's extractAnnotation: the annotation a `-- +goose` line names, or why goose rejects the line. */
function annotationOf(text: string): Annotation | { problem: string } {
  if (text.startsWith(' ') || text.startsWith('\t')) {
    return { problem: "goose refuses a '+goose' annotation that does not start at the beginning of its line (goose: \"contains leading whitespace\"); remove the spaces before '--'" };
  }
  const command = text.replaceAll('--', '').replace('+goose', '');
  if (command.includes('+goose')) {
    return { problem: "goose refuses a line with two '+goose' annotations (goose: \"contains multiple '+goose' annotations\"); put each annotation on a line of its own" };
  }
  const name = goTrimSpace(command).toLowerCase();
  const known = ANNOTATIONS.find((annotation) => annotation === name);
  if (known) return known;
  return {
    problem: `goose refuses this comment because it holds '+goose' but names no annotation goose knows (goose: "${name === '' ? 'empty annotation' : 'not supported'}"); write one of '-- +goose Up', 'Down', 'StatementBegin', 'StatementEnd', 'NO TRANSACTION', 'ENVSUB ON', 'ENVSUB OFF', or drop '+goose' from the comment`,
  };
}

/**
 * goose's endsWithSemicolon: the last whitespace-separated word before a word starting with `--`
 * ends with `;`. goose's parser tests at a later commit (parser_test.go, issue #699) expect a `--`
 * inside quotes not to start a comment; this is the released word-by-word reading, and the two
 * differ only for a line whose `;` follows a quoted word starting with `--` (`COMMENT='x -->';`).
 */
function endsWithSemicolon(text: string): boolean {
  let previous = '';
  for (const word of text.split(GO_SPACE)) {
    if (word === '') continue;
    if (word.startsWith('--')) break;
    previous = word;
  }
  return previous.endsWith(';');
}

/** Go's bufio.ScanLines: lines end at `\n`, and a `\r` before it is dropped. Texts are decoded as UTF-8. */
function linesOf(raw: Buffer): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < raw.length) {
    const newline = raw.indexOf(0x0a, start);
    const end = newline === -1 ? raw.length : newline;
    const contentEnd = end > start && raw[end - 1] === 0x0d ? end - 1 : end;
    lines.push({ text: raw.subarray(start, contentEnd).toString('utf8'), start, end });
    start = end + 1;
  }
  return lines;
}

/** Go's unicode.IsSpace set (strings.TrimSpace, bufio.ScanWords); unlike JavaScript's trim, a BOM is not space. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const GO_SPACE_EDGES = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

function goTrimSpace(text: string): string {
  return text.replace(GO_SPACE_EDGES, '');
}
