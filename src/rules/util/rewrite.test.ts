import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../../sql/parse.js';
import { appendAfterLastToken, insertAfter } from './rewrite.js';

beforeAll(() => ensureParser());

describe('insertAfter', () => {
  it('inserts after the keyword, past a comment and a quoted name that both say INDEX', () => {
    expect(insertAfter('CREATE /* INDEX */ UNIQUE INDEX "INDEX" ON t (id)', ['INDEX'], 'CONCURRENTLY')).toBe(
      'CREATE /* INDEX */ UNIQUE INDEX CONCURRENTLY "INDEX" ON t (id)',
    );
  });

  it('counts in bytes after multi-byte text', () => {
    expect(insertAfter('CREATE INDEX "Straßen_idx" ON "Straße" (name)', ['INDEX'], 'CONCURRENTLY')).toBe(
      'CREATE INDEX CONCURRENTLY "Straßen_idx" ON "Straße" (name)',
    );
  });

  it('offers no fix when the sequence is not in the text', () => {
    expect(insertAfter('CREATE TABLE t (id int)', ['INDEX'], 'CONCURRENTLY')).toBeUndefined();
  });

  it('offers no fix when the text does not scan (an unterminated quote)', () => {
    expect(insertAfter("CREATE INDEX i ON t (id) WHERE x = 'a", ['INDEX'], 'CONCURRENTLY')).toBeUndefined();
  });
});

describe('appendAfterLastToken', () => {
  it('adds the keyword after the last token, before a trailing comment', () => {
    expect(appendAfterLastToken('ALTER TABLE t DETACH PARTITION p -- old', 'CONCURRENTLY')).toBe('ALTER TABLE t DETACH PARTITION p CONCURRENTLY -- old');
  });
});
