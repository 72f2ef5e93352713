// Table cells for what the database stage did with one migration: applied?, rollback verified?,
// locks on existing tables (waits included: a statement outside a transaction is watched while it
// runs). "not run" when the stage did not run, so a reader never takes a missing result for a passing
// one. "yes, without 1 failed migration": applied on the schema without a migration before it that does
// not apply (which one: the file's section, format-markdown.ts).

import { lockRank } from '../db/lock-modes.js';
import { escapeMarkdown } from './markdown-escape.js';
import type { LockTraceEntry, MigrationReport, Report } from './report.js';

export const NOT_RUN = 'not run';
export const NOT_APPLIED = 'not applied';
const NOT_APPLICABLE = '—';

const MAX_RELATIONS_IN_CELL = 3;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function databaseRan(report: Report): boolean {
  return report.database?.status === 'ran';
}

export function applyCell(migration: MigrationReport, ran: boolean): string {
  if (migration.status === 'deleted') return NOT_APPLICABLE;
  switch (migration.apply?.status) {
    case undefined:
      return ran ? NOT_APPLICABLE : NOT_RUN;
    case 'applied':
      return migration.apply.without?.length ? `✅ yes, without ${plural(migration.apply.without.length, 'failed migration')}` : '✅ yes';
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
  // "none" only when the migration really ran: a migration that was not applied took no locks here
  // that anyone saw, which is not the same as taking none.
  if (!ran || (migration.apply !== undefined && migration.apply.status !== 'applied')) return NOT_APPLIED;
  if (!migration.locks) return NOT_APPLICABLE;
  const strongest = strongestLockPerRelation(migration.locks);
  if (strongest.length === 0) return 'none';
  const shown = strongest.slice(0, MAX_RELATIONS_IN_CELL).map((lock) => {
    if (lock.relationKind === 'transaction') return 'waited for other transactions';
    const notes = [lock.rewrite ? 'rewrite' : '', lock.waited ? 'waited' : ''].filter((note) => note !== '');
    return `${escapeMarkdown(lockWords(lock.mode))} on ${escapeMarkdown(lock.relation)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
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
  if (lock.observed === 'documented') notes.push('as the manual documents it; too fast to be seen');
  return notes.length > 0 ? `${lockWords(lock.mode)} (${notes.join('; ')})` : lockWords(lock.mode);
}

/** Postgres's mode names in the words the findings use: `AccessExclusiveLock` is ACCESS EXCLUSIVE. */
export function lockWords(mode: string): string {
  return mode
    .replace(/Lock$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
}

/** Who applied the migrations, one sentence for the text and the summary (empty when unknown). */
export function appliedAsText(database: NonNullable<Report['database']>): string {
  const applied = database.appliedAs;
  if (!applied) return '';
  if (applied.migratorRole) return "The migrations ran as the gate's own role, not a superuser.";
  return applied.superuser ? `The migrations ran as the superuser ${applied.user}.` : `The migrations ran as ${applied.user}.`;
}
