// What header-risk-understated compares a migration's declared risk with: the findings of the
// other stages (lint, database) that say what the migration does to the database.

import type { Finding } from '../../types.js';

/**
 * Rules whose finding means a statement blocks writes (or reads and writes) on a table that
 * already holds data, for as long as the statement runs or waits in the lock queue: a migration
 * with one of them is not zero-downtime. Left out on purpose:
 * - renaming-table, renaming-column, ban-drop-column: a quick catalog change (they break
 *   application code still using the old name, but they do not hold writes up);
 * - adding-required-field: the statement fails on a non-empty table rather than blocking it;
 * - ban-concurrent-index-creation-in-transaction, enum-add-value-in-transaction: the statement
 *   fails, it does not run long;
 * - require-lock-timeout: about how long a lock may be waited for, not a lock of its own.
 */
export const WRITE_BLOCKING_RULES: ReadonlySet<string> = new Set([
  'require-concurrent-index-creation',
  'require-concurrent-index-deletion',
  'require-concurrent-reindex',
  'constraint-missing-not-valid',
  'disallowed-unique-constraint',
  'adding-not-nullable-field',
  'adding-field-with-default',
  'changing-column-type',
  'ban-truncate',
  'ban-drop-table',
  // Database rules: what a real Postgres did while applying the migration.
  'table-rewrite',
  'access-exclusive-lock',
]);

/**
 * The findings a migration's real risk is made of. Left out: the header rules (the risk rule must
 * not feed on its own or its siblings' findings), `unused-ignore` (a stale directive is not a
 * danger to the database) and `syntax-error` (a file Postgres cannot parse fails before it does
 * anything; that finding already says so, and "risk understated" would only echo it).
 */
export function riskFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => !finding.rule.startsWith('header-') && finding.rule !== 'unused-ignore' && finding.rule !== 'syntax-error');
}

/** `ban-drop-table (line 4), table-rewrite (lines 7, 9)`: what raises the risk, in file order. */
export function describeFindings(findings: readonly Finding[]): string {
  const linesByRule = new Map<string, number[]>();
  for (const finding of [...findings].sort((a, b) => a.line - b.line)) {
    const lines = linesByRule.get(finding.rule) ?? [];
    if (!lines.includes(finding.line)) lines.push(finding.line);
    linesByRule.set(finding.rule, lines);
  }
  return [...linesByRule].map(([rule, lines]) => `${rule} (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})`).join(', ');
}
