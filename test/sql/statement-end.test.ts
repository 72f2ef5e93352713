import { describe, expect, it } from 'vitest';
import { ensureParser } from '../../src/sql/parse.js';
import { decodeSource } from '../../src/sql/source.js';
import { lastTokenEnd } from '../../src/sql/statement-end.js';

async function endOf(text: string): Promise<string> {
  await ensureParser();
  const decoded = decodeSource('m.sql', Buffer.from(text));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.source.bytes.subarray(0, lastTokenEnd(decoded.source, 0, decoded.source.bytes.length)).toString('utf8');
}

describe('where a statement really ends', () => {
  it.each([
    // No comment: the last byte that is not whitespace (the fast path).
    ['ALTER TABLE t ADD COLUMN c int\n\n', 'ALTER TABLE t ADD COLUMN c int'],
    ["INSERT INTO t VALUES ('a  ')  \t\r\n", "INSERT INTO t VALUES ('a  ')"],
    ['SELECT $$ body $$ \f\v', 'SELECT $$ body $$'],
    ['CREATE TABLE "spaced name " (id int)\n', 'CREATE TABLE "spaced name " (id int)'],
    ['SELECT 1 - -1\n', 'SELECT 1 - -1'],
    // Comments after the last token are not part of it (the scanner decides).
    ['CREATE INDEX i ON t (c)\n  -- why\n', 'CREATE INDEX i ON t (c)'],
    ['CREATE INDEX i ON t (c) /* why */ \n', 'CREATE INDEX i ON t (c)'],
    // Comment starters inside a string are no comment.
    ["SELECT '-- not a comment'\n", "SELECT '-- not a comment'"],
    ["SELECT 'a/*b' -- but this is\n", "SELECT 'a/*b'"],
    ['SELECT 1 /* a */ + 2 -- tail\n', 'SELECT 1 /* a */ + 2'],
  ])('%j', async (text, expected) => {
    expect(await endOf(text)).toBe(expected);
  });
});
