// One fact, one finding: `lock-held-across-work` is found statically (which statement locks an
// existing table ACCESS EXCLUSIVE, which later statements of its transaction do slow work), and
// when the database stage ran the file its lock trace shows the same lock really taken at that line
// and held while the later statements ran. The trace does not add a second finding: its
// observation is appended to the static finding's message, and the `access-exclusive-lock` notes the
// stage gave the statements whose locks the observation names, which say less, are folded into it. A static finding the trace
// does not bear out (a lock not seen there) stays as it is.
//
// Self-contained on purpose (findings and the file's lock trace in, findings out), so that a general
// merge of static findings with database evidence can take it over.

import { lockModeSql } from '../db/lock-modes.js';
import type { LockTraceEntry } from '../report/report.js';
import type { Finding } from '../types.js';

export const HELD_LOCK_RULE = 'lock-held-across-work';
const LOCK_NOTE_RULE = 'access-exclusive-lock';
const TABLE_KINDS = new Set(['table', 'partitioned table', 'materialized view', 'foreign table', 'view']);

/**
 * `findings` of one file (the static ones and the database stage's) with each `lock-held-across-work`
 * finding the trace confirms carrying the observation, and no `access-exclusive-lock` note at its line.
 */
export function confirmHeldLocks(findings: readonly Finding[], locks: readonly LockTraceEntry[] | undefined): Finding[] {
  if (!locks || locks.length === 0) return [...findings];
  const exclusive = locks.filter((lock) => lock.mode === 'AccessExclusiveLock' && TABLE_KINDS.has(lock.relationKind));
  /** `path:line` of the statements whose lock a confirmed finding now describes. */
  const described = new Set<string>();
  const confirmed = findings.map((finding) => {
    if (finding.rule !== HELD_LOCK_RULE) return finding;
    const observation = observedAt(exclusive, finding.line);
    if (observation === undefined) return finding;
    for (const line of observation.lines) described.add(`${finding.path}:${line}`);
    return { ...finding, message: `${finding.message} Observed in the database stage: ${observation.text}.` };
  });
  return confirmed.filter((finding) => !(finding.rule === LOCK_NOTE_RULE && described.has(`${finding.path}:${finding.line}`)));
}

/**
 * What the trace saw of the ACCESS EXCLUSIVE locks taken at `line`: held while later statements
 * ran, or held together with locks taken earlier in the transaction. Undefined when it saw neither.
 */
function observedAt(exclusive: readonly LockTraceEntry[], line: number): { text: string; lines: number[] } | undefined {
  const taken = exclusive.filter((lock) => lock.line === line);
  if (taken.length === 0) return undefined;
  // Locks of earlier statements still held when this one ran (their transaction's later statements include it).
  const earlier = exclusive.filter((lock) => lock.line < line && lock.heldDuring !== undefined && lock.heldDuring.fromLine <= line && line <= lock.heldDuring.toLine);
  if (taken.every((lock) => lock.heldDuring === undefined) && earlier.length === 0) return undefined;
  const parts = unique(taken).map((lock) => `${lockModeSql(lock.mode)} on ${lock.relation} from line ${line}${lock.heldDuring ? `, held while ${lineRange(lock.heldDuring)} ran` : ''}`);
  const alongside = unique(earlier).map((lock) => `${lock.relation} (locked at line ${lock.line})`);
  const text = `${parts.join('; ')}${alongside.length > 0 ? `, with ${alongside.join(', ')} still locked` : ''}`;
  return { text, lines: [line, ...earlier.map((lock) => lock.line)] };
}

function lineRange({ fromLine, toLine }: NonNullable<LockTraceEntry['heldDuring']>): string {
  return fromLine === toLine ? `line ${fromLine}` : `lines ${fromLine}-${toLine}`;
}

function unique(locks: readonly LockTraceEntry[]): LockTraceEntry[] {
  const byRelation = new Map<string, LockTraceEntry>();
  for (const lock of locks) if (!byRelation.has(lock.relation)) byRelation.set(lock.relation, lock);
  return [...byRelation.values()];
}
