// A migration file's text as the parser sees it, with the map from the parser's UTF-8 byte
// offsets back to the 1-based line and column the user sees in an editor.

import type { Position } from '../types.js';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface SourceText {
  path: string;
  /** The text without a leading BOM; this exact string is what the parser receives. */
  text: string;
  /** `text` as UTF-8: the parser's offsets index these bytes. */
  bytes: Buffer;
  /** Byte offset at which each line starts (line 1 at index 0). */
  lineStarts: number[];
}

/** Why a file could not be read as SQL text, with the position of the first bad byte. */
export interface UnreadableText extends Position {
  reason: 'binary' | 'invalid-utf8';
  message: string;
}

export type DecodeResult = { ok: true; source: SourceText } | { ok: false; error: UnreadableText };

export function decodeSource(path: string, raw: Buffer): DecodeResult {
  const withoutBom = raw.subarray(0, 3).equals(UTF8_BOM) ? raw.subarray(3) : raw;
  const lineStarts = lineStartsOf(withoutBom);
  const nul = withoutBom.indexOf(0);
  if (nul !== -1) {
    const at = positionOfByte(withoutBom, lineStarts, nul);
    return {
      ok: false,
      error: {
        reason: 'binary',
        ...at,
        message: `the file holds a NUL byte at line ${at.line}, column ${at.column}: it is binary, not SQL text`,
      },
    };
  }
  let text: string;
  try {
    text = strictUtf8.decode(withoutBom);
  } catch {
    const bad = firstInvalidUtf8Byte(withoutBom);
    const at = positionOfByte(withoutBom, lineStarts, bad);
    const hex = withoutBom[bad]?.toString(16).padStart(2, '0') ?? '??';
    return {
      ok: false,
      error: {
        reason: 'invalid-utf8',
        ...at,
        message: `byte 0x${hex} at line ${at.line}, column ${at.column} is not valid UTF-8; save the file as UTF-8`,
      },
    };
  }
  return { ok: true, source: { path, text, bytes: Buffer.from(withoutBom), lineStarts } };
}

/** A source built from a string (tests, DO-block bodies): the string is already decoded. */
export function sourceFromText(path: string, text: string): SourceText {
  const stripped = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const bytes = Buffer.from(stripped, 'utf8');
  return { path, text: stripped, bytes, lineStarts: lineStartsOf(bytes) };
}

/** Byte offset of each line's start. Line breaks are LF, CRLF and a lone CR, as editors and Postgres's own scanner count them. */
export function lineStartsOf(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x0a) starts.push(i + 1);
    else if (byte === 0x0d && bytes[i + 1] !== 0x0a) starts.push(i + 1);
  }
  return starts;
}

export function positionAt(source: SourceText, byteOffset: number): Position {
  return positionOfByte(source.bytes, source.lineStarts, byteOffset);
}

/** 1-based line holding byte `offset`. */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

function positionOfByte(bytes: Uint8Array, lineStarts: number[], byteOffset: number): Position {
  const offset = Math.max(0, Math.min(byteOffset, bytes.length));
  const line = lineAt(lineStarts, offset);
  const lineStart = lineStarts[line - 1]!;
  // Columns count characters (code points), not bytes: what an editor shows.
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    if ((bytes[i]! & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      strictUtf8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

export function sliceText(source: SourceText, start: number, end: number): string {
  return source.bytes.subarray(start, end).toString('utf8');
}
