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

  it('scans only up to `before`, and finds the same place as a scan of the whole text', () => {
    const text = 'CREATE UNIQUE INDEX "INDEX" ON "t" ((\'INDEX\'), id)';
    const relation = Buffer.from(text).indexOf('"t"');
    expect(insertAfter(text, ['INDEX'], 'CONCURRENTLY', relation)).toBe(insertAfter(text, ['INDEX'], 'CONCURRENTLY'));
    expect(insertAfter(text, ['INDEX'], 'CONCURRENTLY', relation)).toBe('CREATE UNIQUE INDEX CONCURRENTLY "INDEX" ON "t" ((\'INDEX\'), id)');
  });

  it('does not match on the last token of the prefix, and falls back to the whole text', () => {
    // Cut right after INDEX: that token might run on past the cut, so the whole text decides.
    const text = 'CREATE INDEX ON t (id)';
    expect(insertAfter(text, ['INDEX'], 'CONCURRENTLY', 'CREATE INDEX'.length)).toBe('CREATE INDEX CONCURRENTLY ON t (id)');
    // A `before` past the end, or at 0, scans the whole text.
    expect(insertAfter(text, ['INDEX'], 'CONCURRENTLY', 0)).toBe('CREATE INDEX CONCURRENTLY ON t (id)');
    expect(insertAfter(text, ['INDEX'], 'CONCURRENTLY', 999)).toBe('CREATE INDEX CONCURRENTLY ON t (id)');
  });

  it('counts `before` in bytes after multi-byte text', () => {
    const text = 'CREATE INDEX "Straßen_idx" ON "Straße" (name)';
    expect(insertAfter(text, ['INDEX'], 'CONCURRENTLY', Buffer.from(text).indexOf('"Straße"'))).toBe('CREATE INDEX CONCURRENTLY "Straßen_idx" ON "Straße" (name)');
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
