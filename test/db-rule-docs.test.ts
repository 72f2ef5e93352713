// The SQL examples on the pages of the database rules are executed too, on a real Postgres: an
// `incorrect` example must produce a finding of the rule, a `correct` one must not. A page states
// the schema its examples run on in `<!-- before: SQL -->`; an example that holds a rollback file
// marks where it starts with a `-- <name>_rollback.sql` line.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { runCase, type DatabaseCase } from './db-rule-tester.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function examples(markdown: string, kind: 'correct' | 'incorrect'): string[] {
  const fence = new RegExp('^```sql ' + kind + '\\n([\\s\\S]*?)^```', 'gm');
  return [...markdown.matchAll(fence)].map((match) => match[1]!);
}

function caseOf(markdown: string, example: string): DatabaseCase {
  const before = /<!-- before: ([\s\S]*?) -->/.exec(markdown)?.[1];
  const split = /^-- \S+_rollback\.sql$/m.exec(example);
  return {
    name: example,
    ...(before ? { before: [before] } : {}),
    sql: split ? example.slice(0, split.index) : example,
    ...(split ? { rollback: example.slice(split.index) } : {}),
  };
}

describe.each(RULES.filter((rule) => rule.meta.kind === 'database').map((rule) => [rule.meta.id] as const))('%s', (id) => {
  it('reports its "incorrect" examples and not its "correct" ones, on a real Postgres', async () => {
    const page = readFileSync(`${root}docs/rules/${id}.md`, 'utf8');
    const incorrect = examples(page, 'incorrect');
    const correct = examples(page, 'correct');
    expect(incorrect.length).toBeGreaterThan(0);
    expect(correct.length).toBeGreaterThan(0);
    for (const example of incorrect) {
      const { findings } = await runCase(caseOf(page, example));
      expect(findings.filter((f) => f.rule === id), `incorrect example gives no finding:\n${example}`).not.toEqual([]);
    }
    for (const example of correct) {
      const { findings } = await runCase(caseOf(page, example));
      const unexpected = findings.filter((f) => f.rule === id || f.rule === 'apply-failed' || f.rule === 'rollback-failed');
      expect(unexpected.map((f) => `${f.rule}: ${f.message}`), `correct example gives a finding:\n${example}`).toEqual([]);
    }
  });
});
