// Table cells for what the database stage did with one migration: applied?, rollback verified?,
// locks on existing tables (waits included: a statement outside a transaction is watched while it runs). "not run" when the stage did not run, so a reader never takes a missing
// result for a passing one.

import { lockRank } from '../db/lock-modes.js';
import { escapeMarkdown } from './markdown-escape.js';
import type { LockTraceEntry, MigrationReport, Report } from './report.js';

export const NOT_RUN = 'not run';
const NOT_APPLICABLE = '—';

const MAX_RELATIONS_IN_CELL = 3;

export function databaseRan(report: Report): boolean {
  return report.database?.status === 'ran';
}

export function applyCell(migration: MigrationReport, ran: boolean): string {
  if (migration.status === 'deleted') return NOT_APPLICABLE;
  switch (migration.apply?.status) {
    case undefined:
      return ran ? NOT_APPLICABLE : NOT_RUN;
    case 'applied':
      return '✅ yes';
    case 'failed':
      return '❌ failed';
    case 'skipped':
      return '⏭️ skipped';
  }
}

export function rollbackCell(migration: MigrationReport, ran: boolean): string {
  if (migration.status === 'deleted') return NOT_APPLICABLE;
  switch (migration.rollback?.status) {
    case undefined:
      return ran ? NOT_APPLICABLE : NOT_RUN;
    case 'verified':
      return '✅ verified';
    case 'mismatch':
      return '❌ schema differs';
    case 'failed':
      return '❌ failed';
    case 'reapply-failed':
      return '❌ re-apply failed';
    case 'no-rollback':
      return '➖ no rollback';
    case 'skipped':
      return '⏭️ skipped';
  }
}

/** The strongest lock per relation, strongest first: what a reviewer weighs at a glance. */
export function locksCell(migration: MigrationReport, ran: boolean): string {
  if (migration.status === 'deleted') return NOT_APPLICABLE;
  if (!migration.locks) return ran ? NOT_APPLICABLE : NOT_RUN;
  const strongest = strongestLockPerRelation(migration.locks);
  if (strongest.length === 0) return 'none';
  const shown = strongest.slice(0, MAX_RELATIONS_IN_CELL).map((lock) => {
    if (lock.relationKind === 'transaction') return 'waited for other transactions';
    const notes = [lock.rewrite ? 'rewrite' : '', lock.waited ? 'waited' : ''].filter((note) => note !== '');
    return `${escapeMarkdown(shortMode(lock.mode))} on ${escapeMarkdown(lock.relation)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  });
  const more = strongest.length - MAX_RELATIONS_IN_CELL;
  return more > 0 ? `${shown.join('<br>')}<br>+${more} more` : shown.join('<br>');
}

function strongestLockPerRelation(locks: readonly LockTraceEntry[]): LockTraceEntry[] {
  const byRelation = new Map<string, LockTraceEntry>();
  for (const lock of locks) {
    const current = byRelation.get(lock.relation);
    const stronger = !current || lockRank(lock.mode) > lockRank(current.mode);
    // Any statement that rewrote the relation (or waited for its lock) marks it, whichever lock was strongest.
    const waited = lock.waited === true || current?.waited === true;
    byRelation.set(lock.relation, { ...(stronger ? lock : current), rewrite: lock.rewrite || (current?.rewrite ?? false), ...(waited ? { waited } : {}) });
  }
  // Waits for other transactions are no lock on a relation: after the relations.
  const rank = (lock: LockTraceEntry): number => (lock.relationKind === 'transaction' ? 0 : lockRank(lock.mode));
  return [...byRelation.values()].sort((a, b) => rank(b) - rank(a) || a.relation.localeCompare(b.relation));
}

/**
 * The lock mode with what the trace knows of how it was held: `AccessExclusiveLock (held while
 * lines 4-5 ran)`, `ShareUpdateExclusiveLock (seen while the statement ran)`, `... (waited for it)`.
 */
export function lockModeDetail(lock: LockTraceEntry): string {
  const notes: string[] = [];
  if (lock.heldDuring) {
    const { fromLine, toLine } = lock.heldDuring;
    notes.push(`held while ${fromLine === toLine ? `line ${fromLine}` : `lines ${fromLine}-${toLine}`} ran`);
  }
  if (lock.waited) notes.push('waited for it');
  if (lock.observed === 'polled') notes.push('seen while the statement ran');
  return notes.length > 0 ? `${lock.mode} (${notes.join('; ')})` : lock.mode;
}

/** `AccessExclusiveLock` reads as "AccessExclusive" in a narrow cell. */
function shortMode(mode: string): string {
  return mode.endsWith('Lock') ? mode.slice(0, -'Lock'.length) : mode;
}
