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
function wordsOf(text: string): { bytes: Buffer; words: Token[] } | undefined {
  let tokens: Token[];
  try {
    tokens = scanSync(text).tokens ?? [];
  } catch {
    return undefined;
  }
  const words = tokens.filter((token) => token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT');
  return { bytes: Buffer.from(text), words };
}

function insertAt(bytes: Buffer, end: number, keyword: string): string {
  return `${bytes.subarray(0, end).toString('utf8')} ${keyword}${bytes.subarray(end).toString('utf8')}`;
}

/**
 * `text` with ` <keyword>` inserted after the first token of the sequence `after` (keywords, in
 * order, case-insensitive), e.g. after `INDEX` of `CREATE UNIQUE INDEX`.
 */
export function insertAfter(text: string, after: readonly string[], keyword: string): string | undefined {
  const scanned = wordsOf(text);
  if (!scanned) return undefined;
  const { bytes, words } = scanned;
  for (let i = 0; i + after.length <= words.length; i++) {
    const matches = after.every((word, offset) => bytes.subarray(words[i + offset]!.start, words[i + offset]!.end).toString('utf8').toUpperCase() === word);
    if (matches) return insertAt(bytes, words[i + after.length - 1]!.end, keyword);
  }
  return undefined;
}

/** `text` with ` <keyword>` after its last token (comments and a closing `;` left where they are). */
export function appendAfterLastToken(text: string, keyword: string): string | undefined {
  const scanned = wordsOf(text);
  const last = scanned?.words.filter((token) => token.tokenName !== 'ASCII_59').at(-1);
  return scanned && last ? insertAt(scanned.bytes, last.end, keyword) : undefined;
}
