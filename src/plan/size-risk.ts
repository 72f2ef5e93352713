// Risk at production size: what the rehearsal saw a pending migration do to an existing table,
// weighed by the target's size of that table. A rewrite, an index build or a validating scan holds
// its lock for as long as it takes to work through the table, so the same statement is high risk on
// a 40 GB table and low on a 200-row lookup table. Which findings are of that kind is the rules'
// own `scalesWithTableSize`; the sizes are the target's (table-sizes.ts), the limits the config's
// `plan.large-table` and `plan.small-table`. Sizes, never durations: the gate does not guess how
// long 40 GB takes.

import type { TableSizeLimits } from '../config.js';
import type { LockTraceEntry } from '../report/report.js';
import { effectiveRisk } from '../report/report.js';
import { RULES_BY_ID } from '../rules/index.js';
import { RISK_RANK, SEVERITY_RANK, type Finding, type Risk } from '../types.js';
import { observedStatementAt, type FileEvidence } from '../verify/evidence.js';
import { formatTableSize, type TableSize } from './table-sizes.js';

/** `large`: at or above either large-table limit; `small`: below both small-table limits. */
export type SizeClass = 'small' | 'medium' | 'large';

const CLASS_RANK: Record<SizeClass, number> = { small: 0, medium: 1, large: 2 };

/** One lock (or rewrite) a pending migration took on an existing table in the rehearsal, with the target's size of it. */
export interface PlanLock {
  /** Line of the statement in the migration file. */
  line: number;
  /** `schema.name`. */
  table: string;
  /** Postgres lock mode, e.g. `AccessExclusiveLock`. */
  mode: string;
  /** What the mode blocks, in words. */
  blocks: string;
  rewrite: boolean;
  /** The target's estimate (`pg_class.reltuples`); null when never vacuumed or analyzed. */
  rows: number | null;
  bytes: number;
  size: SizeClass;
  /** The risk of the statement on this table at this size (the findings about it, weighed). */
  risk: Risk;
}

export function sizeClassOf(size: Pick<TableSize, 'rows' | 'bytes'>, limits: TableSizeLimits): SizeClass {
  // A table never analyzed has no row count; its bytes alone decide (no count is made up).
  if ((size.rows !== null && size.rows >= limits.large.rows) || size.bytes >= limits.large.bytes) return 'large';
  if ((size.rows === null || size.rows < limits.small.rows) && size.bytes < limits.small.bytes) return 'small';
  return 'medium';
}

/** A lock entry's relation as the trace names it (`orders`, `app.orders`) -> the sizes' key. */
export function tableKey(relation: string): string {
  return relation.includes('.') ? relation : `public.${relation}`;
}

const TABLE_KINDS = new Set(['table', 'partitioned table', 'materialized view']);

/** The tables of the locks that the target's sizes are read for. */
export function lockedTables(locks: readonly LockTraceEntry[]): string[] {
  return [...new Set(locks.filter((lock) => TABLE_KINDS.has(lock.relationKind)).map((lock) => tableKey(lock.relation)))];
}

/**
 * The findings of one pending migration with those whose danger grows with the table weighed by the
 * target's size of the largest table their statement locked or rewrote: on a large table high risk,
 * on a small one low risk and at most a note (the lock is brief there), each with the size said.
 * Other findings (data loss, a failure, a missing lock_timeout) are left as they are: size does not
 * change them.
 */
export function weighFindings(findings: readonly Finding[], evidence: FileEvidence | undefined, sizes: ReadonlyMap<string, TableSize>, limits: TableSizeLimits): Finding[] {
  if (!evidence) return [...findings];
  return findings.map((finding) => {
    if (!RULES_BY_ID.get(finding.rule)?.meta.scalesWithTableSize) return finding;
    const observed = observedStatementAt(evidence, finding);
    if (!observed) return finding;
    const largest = largestOf([...observed.rewritten, ...observed.locked], sizes, limits);
    if (!largest) return finding;
    const where = `On the target, ${formatTableSize(largest.size)}`;
    // A note already (a rewrite the trace did not see, or a rule the config set to info): the size is
    // said, but it claims no long lock.
    if (finding.severity === 'info') return { ...finding, message: `${finding.message} ${where}.` };
    switch (largest.sizeClass) {
      case 'large':
        return { ...finding, risk: 'high', message: `${finding.message} ${where}: at or above plan.large-table, so the lock is held while all of it is worked through.` };
      case 'small':
        return {
          ...finding,
          risk: 'low',
          severity: SEVERITY_RANK[finding.severity] > SEVERITY_RANK.info ? 'info' : finding.severity,
          message: `${finding.message} ${where}: under plan.small-table, so the lock is brief there.`,
        };
      default:
        return { ...finding, message: `${finding.message} ${where}.` };
    }
  });
}

/** Each lock on an existing table with the target's size and the risk of its statement there. */
export function planLocks(
  locks: readonly LockTraceEntry[],
  weighed: readonly Finding[],
  evidence: FileEvidence | undefined,
  sizes: ReadonlyMap<string, TableSize>,
  limits: TableSizeLimits,
): PlanLock[] {
  const result: PlanLock[] = [];
  for (const lock of locks) {
    if (!TABLE_KINDS.has(lock.relationKind)) continue;
    const size = sizes.get(tableKey(lock.relation));
    if (!size) continue;
    const sizeClass = sizeClassOf(size, limits);
    // The findings of the same statement whose danger grows with the table say how risky it is; a
    // lock with none (a metadata-only ALTER) is brief whatever the size.
    // A finding may point inside a statement of several lines: it belongs to the statement holding it.
    const observed = evidence?.statements.find((statement) => statement.start.line === lock.line);
    const ofStatement = (finding: Finding): boolean => (observed ? observedStatementAt(evidence!, finding) === observed : finding.line === lock.line);
    const scaled = weighed.filter((finding) => RULES_BY_ID.get(finding.rule)?.meta.scalesWithTableSize && ofStatement(finding));
    let risk: Risk = 'low';
    for (const finding of scaled) {
      const effective = effectiveRisk(finding);
      if (RISK_RANK[effective] > RISK_RANK[risk]) risk = effective;
    }
    result.push({ line: lock.line, table: size.table, mode: lock.mode, blocks: lock.blocks, rewrite: lock.rewrite, rows: size.rows, bytes: size.bytes, size: sizeClass, risk });
  }
  return result;
}

function largestOf(relations: readonly string[], sizes: ReadonlyMap<string, TableSize>, limits: TableSizeLimits): { size: TableSize; sizeClass: SizeClass } | undefined {
  let largest: { size: TableSize; sizeClass: SizeClass } | undefined;
  for (const relation of relations) {
    const size = sizes.get(tableKey(relation));
    if (!size) continue;
    const sizeClass = sizeClassOf(size, limits);
    if (!largest || CLASS_RANK[sizeClass] > CLASS_RANK[largest.sizeClass] || (sizeClass === largest.sizeClass && size.bytes > largest.size.bytes)) largest = { size, sizeClass };
  }
  return largest;
}
