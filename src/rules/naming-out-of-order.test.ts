import { describe, expect, it } from 'vitest';
import { runSetRule } from '../../test/set/set-tester.js';

const journal = (entries: Array<[string, number]>) =>
  JSON.stringify({ version: '7', dialect: 'postgresql', entries: entries.map(([tag, when], idx) => ({ idx, version: '7', when, tag, breakpoints: true })) }, null, 2);

describe('naming-out-of-order', () => {
  it('a new file that sorts before the newest merged one', async () => {
    const base = { '0001_a.sql': 'SELECT 1;', '0003_c.sql': 'SELECT 1;' };
    const findings = await runSetRule('naming-out-of-order', { base, files: { ...base, '0002_b.sql': 'SELECT 1;' } });
    expect(findings.map((f) => [f.path, f.line])).toEqual([['0002_b.sql', 1]]);
    expect(findings[0]!.message).toContain('sorts before 0003_c.sql');
  });

  it('numeric order: 10 after 9 is in order', async () => {
    const base = { '8_a.sql': 'SELECT 1;', '9_b.sql': 'SELECT 1;' };
    expect(await runSetRule('naming-out-of-order', { base, files: { ...base, '10_c.sql': 'SELECT 1;' } })).toEqual([]);
  });

  it('no base, or nothing merged yet: nothing to be out of order with', async () => {
    expect(await runSetRule('naming-out-of-order', { files: { '0002_b.sql': 'SELECT 1;', '0001_a.sql': 'SELECT 1;' } })).toEqual([]);
    expect(await runSetRule('naming-out-of-order', { base: {}, files: { '0001_a.sql': 'SELECT 1;' } })).toEqual([]);
  });

  it("Drizzle: a new journal entry whose `when` is not later than a merged one, at the journal's line", async () => {
    const base = { '0000_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;', 'meta/_journal.json': journal([['0000_a', 1000], ['0001_b', 3000]]) };
    const files = { '0000_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;', '0002_c.sql': 'SELECT 1;', 'meta/_journal.json': journal([['0000_a', 1000], ['0001_b', 3000], ['0002_c', 2000]]) };
    const findings = await runSetRule('naming-out-of-order', { base, files });
    expect(findings.map((f) => f.path)).toEqual(['meta/_journal.json']);
    expect(findings[0]!.line).toBeGreaterThan(1);
    expect(findings[0]!.message).toContain('silently skips it');
    const later = { ...files, 'meta/_journal.json': journal([['0000_a', 1000], ['0001_b', 3000], ['0002_c', 4000]]) };
    expect(await runSetRule('naming-out-of-order', { base, files: later })).toEqual([]);
  });
});
