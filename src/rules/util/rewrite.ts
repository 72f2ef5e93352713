// Mechanical fixes written from a statement's own text: a keyword inserted where Postgres's scanner
// finds the token before it, so everything else (quoting, case, comments, the index name) stays as
// the file writes it. Undefined when the text is not as expected; then no fix is offered.

import { scanSync } from 'libpg-query';

/**
 * `text` with ` <keyword>` inserted after the first token of the sequence `after` (keywords, in
 * order, case-insensitive), e.g. after `INDEX` of `CREATE UNIQUE INDEX`.
 */
export function insertAfter(text: string, after: readonly string[], keyword: string): string | undefined {
  let tokens;
  try {
    tokens = scanSync(text).tokens ?? [];
  } catch {
    return undefined;
  }
  const bytes = Buffer.from(text);
  const words = tokens.filter((token) => token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT');
  for (let i = 0; i + after.length <= words.length; i++) {
    const matches = after.every((word, offset) => bytes.subarray(words[i + offset]!.start, words[i + offset]!.end).toString('utf8').toUpperCase() === word);
    if (!matches) continue;
    const end = words[i + after.length - 1]!.end;
    return `${bytes.subarray(0, end).toString('utf8')} ${keyword}${bytes.subarray(end).toString('utf8')}`;
  }
  return undefined;
}

/** `text` with ` <keyword>` after its last token (comments after it stay after it). */
export function appendAfterLastToken(text: string, keyword: string): string | undefined {
  let tokens;
  try {
    tokens = scanSync(text).tokens ?? [];
  } catch {
    return undefined;
  }
  const last = tokens.filter((token) => token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT').at(-1);
  if (!last) return undefined;
  const bytes = Buffer.from(text);
  return `${bytes.subarray(0, last.end).toString('utf8')} ${keyword}${bytes.subarray(last.end).toString('utf8')}`;
}
