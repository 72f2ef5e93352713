// Which DEFAULT expressions Postgres must evaluate once per existing row. Since Postgres 11,
// ADD COLUMN with a non-volatile default evaluates it once and keeps the value in the catalog
// (pg_attribute.attmissingval): no row is touched. A VOLATILE function can return a different value
// for every row, so Postgres rewrites the whole table to store one per row, under ACCESS EXCLUSIVE.
//
// Volatility is a property of the function in the database (pg_proc.provolatile), which a static
// check cannot read. This list holds the built-in functions and those of common extensions
// (pgcrypto, uuid-ossp) that are VOLATILE, checked against pg_proc of Postgres 18. Unknown
// (user-defined) functions are treated as not volatile: reporting every user function would be
// mostly false positives, and the database stage sees the real rewrite.
// Not listed on purpose: now(), statement_timestamp(), transaction_timestamp(), CURRENT_TIMESTAMP,
// CURRENT_DATE, txid_current() and pg_current_xact_id() are STABLE (one value per statement).

import type { FuncCall, Node } from 'libpg-query';
import { findAll, nameParts } from '../../sql/ast.js';

export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  // randomness
  'random',
  'random_normal',
  'setseed',
  'array_shuffle',
  'array_sample',
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'uuid_generate_v1', // uuid-ossp; its v3/v5 (name-based) are immutable
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'gen_random_bytes', // pgcrypto
  'gen_salt',
  // wall-clock time, different for every row (unlike now())
  'clock_timestamp',
  'timeofday',
  // sequences: serial-style defaults
  'nextval',
  'currval',
  'lastval',
  'setval',
]);

/** The first call to a known volatile function in `expression`, or undefined. */
export function volatileCall(expression: Node | undefined): { name: string; call: FuncCall } | undefined {
  for (const call of findAll(expression, 'FuncCall')) {
    const parts = nameParts(call.funcname);
    const name = parts[parts.length - 1]?.toLowerCase();
    if (name !== undefined && VOLATILE_FUNCTIONS.has(name)) return { name, call };
  }
  return undefined;
}
