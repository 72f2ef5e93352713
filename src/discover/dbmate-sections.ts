// Cutting a dbmate file into the sections dbmate runs, the way dbmate itself does (its
// pkg/dbmate/migration.go): a file holds one or more `-- migrate:up` ... `-- migrate:down` pairs;
// dbmate sends each up block (directive line included) as one query, in its own transaction unless
// the directive says `transaction:false`. Only comments and blank lines may precede the first up.
//
// Offsets are bytes of the file as read, so the lint stage can lint a section in place and report
// lines of the real file (`maskOutside`), instead of a slice whose line 1 is somewhere mid-file.

import { lineAt, lineStartsOf } from './lines.js';
import { DBMATE_NO_TRANSACTION_SCOPE, DBMATE_SCOPE } from './scopes.js';
import type { MigrationSection, SectionRange } from './types.js';

export type DbmateParse =
  | { ok: true; sections: MigrationSection[] }
  | { ok: false; message: string; offset: number; line: number };

// Go's `\s` is ASCII whitespace only; the text is decoded as latin1 so one character is one byte.
const WS = '[\\t\\n\\f\\r ]';
const UP_DIRECTIVE = new RegExp(`^--${WS}*migrate:up(?:${WS}*$|${WS}+[^\\t\\n\\f\\r ])`, 'gm');
const DOWN_DIRECTIVE = new RegExp(`^--${WS}*migrate:down(?:${WS}*$|${WS}+[^\\t\\n\\f\\r ])`, 'gm');
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Whether the text has a `-- migrate:up` directive line (layout detection). */
export function hasDbmateDirective(raw: Buffer): boolean {
  UP_DIRECTIVE.lastIndex = 0;
  return UP_DIRECTIVE.test(withoutBom(raw).text);
}

export function parseDbmateSections(raw: Buffer): DbmateParse {
  // dbmate does not expect a BOM; skipping it keeps an editor's invisible mark from failing the file.
  const { text, skipped } = withoutBom(raw);
  const lineStarts = lineStartsOf(raw);
  const fail = (message: string, index: number): DbmateParse => ({
    ok: false,
    message,
    offset: index + skipped,
    line: lineAt(lineStarts, index + skipped),
  });

  const ups = matchStarts(UP_DIRECTIVE, text);
  if (ups.length === 0) {
    return fail("dbmate requires each migration to define an up block with '-- migrate:up'; add the directive before the migration's SQL", 0);
  }
  const stray = firstStatementLine(text, ups[0]!);
  if (stray !== undefined) {
    return fail("dbmate does not support statements before the '-- migrate:up' block; move this SQL below the directive", stray);
  }

  const sections: MigrationSection[] = [];
  for (let i = 0; i < ups.length; i++) {
    const start = ups[i]!;
    const end = ups[i + 1] ?? text.length;
    const downs = matchStarts(DOWN_DIRECTIVE, text.slice(start, end)).map((offset) => offset + start);
    if (downs.length === 0) {
      return fail("dbmate requires each up block to be followed by a down block with '-- migrate:down'; add one (it may be empty)", start);
    }
    if (downs.length > 1) {
      return fail("dbmate allows one '-- migrate:down' per '-- migrate:up'; start another section with '-- migrate:up' or merge the down blocks", downs[1]!);
    }
    const down = downs[0]!;
    const upOptions = parseOptions(text.slice(start, down));
    const downOptions = parseOptions(text.slice(down, end));
    const range = (from: number, to: number) => rangeOf(lineStarts, from + skipped, to + skipped);
    sections.push({
      up: range(start, down),
      upOptions,
      upScope: upOptions['transaction'] === 'false' ? DBMATE_NO_TRANSACTION_SCOPE : DBMATE_SCOPE,
      down: range(down, end),
      downOptions,
      downScope: downOptions['transaction'] === 'false' ? DBMATE_NO_TRANSACTION_SCOPE : DBMATE_SCOPE,
    });
  }
  return { ok: true, sections };
}

/**
 * The file with every byte outside `ranges` blanked (line breaks and a BOM kept): linting it finds
 * only the sections' statements, at the lines and columns they have in the real file.
 */
export function maskOutside(raw: Buffer, ranges: ReadonlyArray<Pick<SectionRange, 'start' | 'end'>>): Buffer {
  const masked = Buffer.from(raw);
  const keepFrom = raw.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  for (let i = keepFrom; i < masked.length; i++) {
    if (ranges.some((range) => i >= range.start && i < range.end)) continue;
    if (masked[i] !== 0x0a && masked[i] !== 0x0d) masked[i] = 0x20;
  }
  return masked;
}

function withoutBom(raw: Buffer): { text: string; skipped: number } {
  const skipped = raw.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  return { text: raw.subarray(skipped).toString('latin1'), skipped };
}

function matchStarts(pattern: RegExp, text: string): number[] {
  pattern.lastIndex = 0;
  return [...text.matchAll(pattern)].map((match) => match.index);
}

/** Offset of the first line before `end` that is neither blank nor a `--` comment. */
function firstStatementLine(text: string, end: number): number | undefined {
  let lineStart = 0;
  for (const line of text.slice(0, end).split('\n')) {
    if (!/^[\t\n\f\r ]*$/.test(line) && !/^[\t\n\f\r ]*--/.test(line)) return lineStart;
    lineStart += line.length + 1;
  }
  return undefined;
}

/** `-- migrate:up transaction:false` -> `{ transaction: 'false' }`; malformed pairs are ignored, as dbmate does. */
function parseOptions(block: string): Record<string, string> {
  const firstLine = block.split('\n', 1)[0]!.replace(/^--[\t\n\f\r ]*migrate:(up|down)/, '').trim();
  const options: Record<string, string> = {};
  if (firstLine === '') return options;
  for (const pair of firstLine.split(/[\t\n\f\r ]+/)) {
    const parts = pair.split(':');
    if (parts.length === 2) options[parts[0]!] = parts[1]!;
  }
  return options;
}

function rangeOf(lineStarts: readonly number[], start: number, end: number): SectionRange {
  return { start, end, line: lineAt(lineStarts, start), endLine: lineAt(lineStarts, Math.max(start, end - 1)) };
}
