// Inline ignores for database findings. The lint stage leaves directives that name set or
// database rules to the stage that decides them, so `-- pg-migration-gate-ignore table-rewrite --
// 40 rows, reviewed` before a statement (or `-ignore-file`) is honoured here, with the same
// meaning: a statement directive covers the next top-level statement.

import type { MigrationScript } from '../db/script.js';
import { readIgnoreDirectives } from '../sql/ignores.js';
import { parseSource } from '../sql/parse.js';

/** Whether `rule` is ignored for the statement starting at byte `statementStart` of the script's file. */
export type IgnoreCheck = (rule: string, statementStart: number) => boolean;

export function ignoresOf(script: MigrationScript): IgnoreCheck {
  if (!script.source.text.includes('pg-migration-gate-ignore')) return () => false;
  const parsed = parseSource(script.source);
  const directives = readIgnoreDirectives(script.source, parsed.gaps);
  const starts = [
    ...parsed.statements.filter((statement) => statement.origin === 'file').map((statement) => statement.start),
    ...parsed.syntaxErrors.map((error) => error.statementStart),
  ].sort((a, b) => a - b);
  const fileWide = new Set(directives.filter((d) => d.scope === 'file').flatMap((d) => d.rules));
  const byStatement = new Map<number, Set<string>>();
  for (const directive of directives) {
    if (directive.scope !== 'statement' || directive.insideStatement) continue;
    const target = starts.find((start) => start >= directive.end);
    if (target === undefined) continue;
    const rules = byStatement.get(target) ?? new Set<string>();
    for (const rule of directive.rules) rules.add(rule);
    byStatement.set(target, rules);
  }
  return (rule, statementStart) => fileWide.has(rule) || (byStatement.get(statementStart)?.has(rule) ?? false);
}
