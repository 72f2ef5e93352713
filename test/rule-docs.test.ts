// Every rule has a doc page and a test file, and the SQL examples on its page are executed: an
// `incorrect` example must produce a finding of the rule, a `correct` one must not.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { lintSql } from './lint-helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function examples(markdown: string, kind: 'correct' | 'incorrect'): string[] {
  const blocks: string[] = [];
  const fence = new RegExp('^```sql ' + kind + '\\n([\\s\\S]*?)^```', 'gm');
  for (const match of markdown.matchAll(fence)) blocks.push(match[1]!);
  return blocks;
}

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  const docPath = `${root}docs/rules/${id}.md`;

  it('has a doc page whose title is its id and whose header states its defaults', () => {
    expect(existsSync(docPath), `${docPath} is missing`).toBe(true);
    const page = readFileSync(docPath, 'utf8');
    expect(page.startsWith(`# ${id}\n`)).toBe(true);
    expect(page).toContain(`Default severity: **${rule.meta.severity}**`);
    expect(page).toContain(`Risk: **${rule.meta.risk}**`);
    expect(page).toContain('## Problem');
    expect(page).toContain('## Solution');
  });

  it('has a test file beside it', () => {
    expect(existsSync(`${root}src/rules/${id}.test.ts`)).toBe(true);
  });

  if (rule.meta.kind !== 'statement') return;

  it('reports its "incorrect" examples and not its "correct" ones', async () => {
    const page = readFileSync(docPath, 'utf8');
    const incorrect = examples(page, 'incorrect');
    const correct = examples(page, 'correct');
    expect(incorrect.length).toBeGreaterThan(0);
    expect(correct.length).toBeGreaterThan(0);
    const rules = { [id]: 'info' as const };
    for (const sql of incorrect) {
      const { findings } = await lintSql(sql, { rules });
      expect(findings.filter((f) => f.rule === id), `incorrect example gives no finding:\n${sql}`).not.toEqual([]);
    }
    for (const sql of correct) {
      const { findings } = await lintSql(sql, { rules });
      expect(findings.filter((f) => f.rule === id || f.rule === 'syntax-error'), `correct example gives a finding:\n${sql}`).toEqual([]);
    }
  });
});

// docs/rules/README.md is derived from the registry; `UPDATE_RULE_INDEX=1 npx vitest run test/rule-docs`
// rewrites it.
describe('docs/rules/README.md', () => {
  const expected = [
    '# Rules',
    '',
    'Every rule, with its default severity and risk. Set severities per rule in `.migration-gate.yml`',
    '(`rules: { rule-id: error | warning | info | off }`); silence one statement with an',
    '[inline ignore](../../README.md#inline-ignores).',
    '',
    'An *existing table*, in the rules\' words, is one that may hold rows and be in use when the migration',
    'runs: not one created earlier in the same file, nor (in `check` with a base) one created by an earlier',
    'new migration of the same change, which deploys with it. A new table stops being new when it goes',
    'live: attached as a partition of an existing table, or renamed into the name an existing table gave up.',
    '',
    'With a base, set rules (naming, order, journal, headers, refused files) judge what the change brings;',
    'what merged files already break is one `info` note per rule, never a block.',
    '',
    '| Rule | Default severity | Risk | What it checks |',
    '| --- | --- | --- | --- |',
    ...RULES.map((rule) => `| [${rule.meta.id}](${rule.meta.id}.md) | ${rule.meta.severity} | ${rule.meta.risk} | ${rule.meta.description} |`),
    '',
  ].join('\n');

  it('lists every rule with its defaults', () => {
    const indexPath = `${root}docs/rules/README.md`;
    if (process.env.UPDATE_RULE_INDEX) writeFileSync(indexPath, expected);
    expect(readFileSync(indexPath, 'utf8')).toBe(expected);
  });
});
