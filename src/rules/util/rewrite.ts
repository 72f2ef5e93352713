// Mechanical fixes written from a statement's own text: a keyword inserted where Postgres's scanner
// finds the token before it, so everything else (quoting, case, comments, the index name) stays as
// the file writes it. Undefined when the text is not as expected; then no fix is offered.

import { scanSync } from 'libpg-query';

interface Token {
  start: number;
  end: number;
  tokenName?: string;
}

/** The statement's tokens other than comments, with its bytes; undefined when the scanner fails. */
function wordsOf(text: string, bytes: Buffer = Buffer.from(text)): { bytes: Buffer; words: Token[] } | undefined {
  let tokens: Token[];
  try {
    tokens = scanSync(text).tokens ?? [];
  } catch {
    return undefined;
  }
  const words = tokens.filter((token) => token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT');
  return { bytes, words };
}

function insertAt(bytes: Buffer, end: number, keyword: string): string {
  return `${bytes.subarray(0, end).toString('utf8')} ${keyword}${bytes.subarray(end).toString('utf8')}`;
}

/**
 * `text` with ` <keyword>` inserted after the first token of the sequence `after` (keywords, in
 * order, case-insensitive), e.g. after `INDEX` of `CREATE UNIQUE INDEX`.
 */
export function insertAfter(
  text: string,
  after: readonly string[],
  keyword: string,
  /**
   * A byte offset in `text` where a token starts (a node's location) and before which the sequence
   * stands: only the text up to it is scanned, the scanner being the cost of the fix. Its tokens
   * are those of the whole text (a token ends before the next starts), the last one aside, which is
   * not matched on; without a match there the whole text is scanned.
   */
  before?: number,
): string | undefined {
  const bytes = Buffer.from(text);
  if (before !== undefined && before > 0 && before < bytes.length) {
    const prefix = wordsOf(bytes.subarray(0, before).toString('utf8'), bytes);
    const found = prefix && matchAfter(bytes, prefix.words.slice(0, -1), after);
    if (found !== undefined) return insertAt(bytes, found, keyword);
  }
  const scanned = wordsOf(text, bytes);
  const found = scanned && matchAfter(bytes, scanned.words, after);
  return found === undefined ? undefined : insertAt(bytes, found, keyword);
}

/** The byte offset just past the first run of `words` spelling `after`, if any. */
function matchAfter(bytes: Buffer, words: readonly Token[], after: readonly string[]): number | undefined {
  for (let i = 0; i + after.length <= words.length; i++) {
    const matches = after.every((word, offset) => bytes.subarray(words[i + offset]!.start, words[i + offset]!.end).toString('utf8').toUpperCase() === word);
    if (matches) return words[i + after.length - 1]!.end;
  }
  return undefined;
}

/** `text` with ` <keyword>` after its last token (comments and a closing `;` left where they are). */
export function appendAfterLastToken(text: string, keyword: string): string | undefined {
  const scanned = wordsOf(text);
  const last = scanned?.words.filter((token) => token.tokenName !== 'ASCII_59').at(-1);
  return scanned && last ? insertAt(scanned.bytes, last.end, keyword) : undefined;
}
