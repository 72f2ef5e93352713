// What the database stage does after a migration fails to apply: it leaves that migration out and goes
// on with the next ones on the schema without it (verify-set.ts), so that a change with two problems
// shows both. This module decides two things about a failure:
// - whether the database is still as it was before the failed file (the runner's one transaction was
//   rolled back), or must be rebuilt from the base because part of the file was committed;
// - whether a later failure is only a consequence of what was left out: an object that "does not
//   exist" and that a left-out migration names in its statements (it would have created it). Such a
//   migration is not reported as failing; it is skipped, and verified once the left-out one applies.

import type { Migration } from '../discover/index.js';
import { parseSource } from '../sql/parse.js';
import { upScript } from './scripts.js';
import { located } from './session.js';
import type { MigrationVerification } from './verify-set.js';

/** After this failure the session's database is as it was before the file: nothing of it was committed. */
export function nothingKept(verification: MigrationVerification): boolean {
  if (verification.unreadable) return true;
  const { script, failure } = verification;
  if (!script || !failure || failure.fatal) return false;
  // One transaction of the runner's (or one implicit one) with no COMMIT of the file's own in it:
  // the failure rolled all of it back. Anything else may have committed a part, so the caller rebuilds.
  const units = script.units.filter((unit) => unit.statements.length > 0);
  return units.length === 1 && units[0]!.mode !== 'autocommit' && !units[0]!.statements.some((statement) => statement.control);
}

/** SQLSTATEs of "X does not exist": undefined table, column, object (type, index, constraint, role), function, schema. */
const MISSING_OBJECT_CODES = new Set(['42P01', '42703', '42704', '42883', '3F000']);

/**
 * The left-out migration whose absence the failure is probably about: the object Postgres says does
 * not exist is one the left-out migration names (a table, column, type, function, ... anywhere in its
 * statements, DO blocks included). Undefined for any other failure, which is the migration's own.
 */
export async function leftOutCause(verification: MigrationVerification, leftOut: readonly Migration[]): Promise<Migration | undefined> {
  const { failure } = verification;
  if (!failure?.code || !MISSING_OBJECT_CODES.has(failure.code)) return undefined;
  const name = missingName(failure.message);
  if (!name) return undefined;
  for (const migration of [...leftOut].reverse()) {
    if ((await namesIn(migration)).has(name)) return migration;
  }
  return undefined;
}

/** The missing object's own name (last part of a qualified one): `relation "app.users" does not exist` → `users`. */
function missingName(message: string): string | undefined {
  // Postgres's message, not SQL: the name is the first quoted one, or a function's before its argument types.
  const named = /"([^"]+)"/.exec(message)?.[1] ?? /^(?:function|procedure|operator) ([^\s(]+)\(/.exec(message)?.[1];
  return named?.split('.').at(-1) || undefined;
}

/** Keys of the parse tree whose value is the name of an object (the names in lists are `String` nodes). */
const NAME_KEYS = new Set(['relname', 'colname', 'idxname', 'conname', 'schemaname', 'newname', 'subname', 'trigname', 'policy_name', 'name']);

/** Every identifier the migration's up statements use, as the parser folds them. */
async function namesIn(migration: Migration): Promise<Set<string>> {
  const names = new Set<string>();
  const built = await upScript(migration);
  if (!built.ok) return names;
  const visit = (node: unknown, key: string | undefined): void => {
    if (typeof node === 'string') {
      if (key !== undefined && NAME_KEYS.has(key)) names.add(node);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, undefined);
      return;
    }
    const string = (node as { String?: { sval?: string } }).String;
    if (string?.sval !== undefined) names.add(string.sval);
    for (const [childKey, child] of Object.entries(node)) visit(child, childKey);
  };
  for (const unit of built.script.units) {
    for (const statement of parseSource(unit.source).statements) visit(statement.node, undefined);
  }
  return names;
}

/** The verification of a migration that fails only because `cause` was left out: skipped, not failed. */
export function skippedForLeftOut(verification: MigrationVerification, cause: Migration): MigrationVerification {
  const { migration, status, script, failure, apply } = verification;
  const error = script && failure ? located(script, failure) : (apply.reason ?? '');
  return {
    migration,
    status,
    apply: {
      status: 'skipped',
      reason: `it builds on ${cause.path}, which does not apply, so it was not verified (without it: ${error})`,
      ...(apply.without ? { without: apply.without } : {}),
    },
    rollback: { status: 'skipped', reason: `it builds on ${cause.path}, which does not apply` },
  };
}
