// Table-driven rule tests, in the style of ESLint's RuleTester: `valid` SQL must produce no finding
// of the rule, `invalid` SQL must produce exactly the listed findings (line, column, message part).

import { describe, expect, it } from 'vitest';
import type { LineReplacement, Position, TransactionScope } from '../src/types.js';
import { lintSql } from './lint-helpers.js';

interface CaseOptions {
  /** Test name; defaults to the SQL. */
  name?: string;
  sql: string;
  postgresVersion?: number;
  scope?: TransactionScope;
}

export interface ExpectedFinding {
  line: number;
  column?: number;
  /** A part of the message the finding must contain. */
  message?: string;
  /** A part of the help the finding must contain. */
  help?: string;
  /** The mechanical fix, exactly; `null`: the finding offers none. */
  fix?: string | null;
  /** The fix as the whole lines it replaces in place, exactly; `null`: none (not in place, or no fix). */
  suggestion?: LineReplacement | null;
  /** Where the statement ends: line and (exclusive) column just past its last token. */
  end?: Position;
}

export interface InvalidCase extends CaseOptions {
  findings: ExpectedFinding[];
}

export function testRule(ruleId: string, cases: { valid: CaseOptions[]; invalid: InvalidCase[] }): void {
  // Tests exercise the rule even when its default severity is `off`.
  const rules = { [ruleId]: 'info' as const };
  describe(ruleId, () => {
    describe('valid', () => {
      for (const testCase of cases.valid) {
        it(testCase.name ?? testCase.sql, async () => {
          const { findings } = await lintSql(testCase.sql, { ...testCase, rules });
          expect(findings.filter((f) => f.rule === 'syntax-error')).toEqual([]);
          expect(findings.filter((f) => f.rule === ruleId)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(testCase.name ?? testCase.sql, async () => {
          const { findings } = await lintSql(testCase.sql, { ...testCase, rules });
          if (ruleId !== 'syntax-error') expect(findings.filter((f) => f.rule === 'syntax-error')).toEqual([]);
          const actual = findings.filter((f) => f.rule === ruleId);
          expect(actual.map((f) => ({ line: f.line, column: f.column }))).toEqual(
            testCase.findings.map((f, i) => ({ line: f.line, column: f.column ?? actual[i]?.column })),
          );
          testCase.findings.forEach((expected, i) => {
            if (expected.message) expect(actual[i]!.message).toContain(expected.message);
            expect(actual[i]!.help.length).toBeGreaterThan(0);
            if (expected.help) expect(actual[i]!.help).toContain(expected.help);
            if (expected.fix !== undefined) expect(actual[i]!.fix).toBe(expected.fix ?? undefined);
            if (expected.suggestion !== undefined) expect(actual[i]!.suggestion).toEqual(expected.suggestion ?? undefined);
            if (expected.end) expect({ line: actual[i]!.endLine, column: actual[i]!.endColumn }).toEqual(expected.end);
          });
        });
      }
    });
  });
}
