import { describe, expect, it } from 'vitest';
import { runSetRule } from '../../test/set/set-tester.js';

const journal = (tags: string[]) =>
  JSON.stringify({ version: '7', dialect: 'postgresql', entries: tags.map((tag, idx) => ({ idx, version: '7', when: 1000 + idx, tag, breakpoints: true })) }, null, 2);

describe('journal-mismatch', () => {
  it('a .sql file missing from the journal, and an entry without its file', async () => {
    const findings = await runSetRule('journal-mismatch', {
      files: { '0000_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;', 'meta/_journal.json': journal(['0000_a', '0002_c']) },
    });
    expect(findings.map((f) => f.path).sort()).toEqual(['0001_b.sql', 'meta/_journal.json']);
    expect(findings.find((f) => f.path === 'meta/_journal.json')!.line).toBeGreaterThan(1);
  });

  it('a journal that is not valid JSON is located at its line', async () => {
    const findings = await runSetRule('journal-mismatch', { files: { '0000_a.sql': 'SELECT 1;', 'meta/_journal.json': '{\n  "entries": [\n    {"tag": "0000_a",}\n  ]\n}' } });
    expect(findings.map((f) => [f.path, f.line])).toEqual([['meta/_journal.json', 3]]);
  });

  it('a journal and folder that agree', async () => {
    expect(await runSetRule('journal-mismatch', { files: { '0000_a.sql': 'SELECT 1;', 'meta/_journal.json': journal(['0000_a']) } })).toEqual([]);
  });
});
