// Type names as users write them, for messages, and the serial pseudo-types (which are not types
// but shorthand for "integer column with a sequence default"), recognised the way Postgres does.

import type { TypeName } from 'libpg-query';
import { as, typeNameOf } from '../../sql/ast.js';

// The grammar turns SQL spellings into internal names (bigint -> int8); messages use the SQL ones.
const SQL_SPELLING: Readonly<Record<string, string>> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
};

/** `varchar(20)`, `numeric(10,2)`, `bigint`, `text[]`: the type as written, give or take spelling. */
export function formatTypeName(typeName: TypeName | undefined): string {
  const name = typeNameOf(typeName);
  const modifiers = (typeName?.typmods ?? []).map((node) => as(node, 'A_Const')?.ival?.ival ?? 0);
  // interval's modifiers are field bit masks (DAY TO SECOND), not something to print as numbers.
  const withModifiers = modifiers.length > 0 && name !== 'interval' ? `${name}(${modifiers.join(',')})` : name;
  const spelled = SQL_SPELLING[name] === undefined ? withModifiers : withModifiers.replace(name, SQL_SPELLING[name]);
  return spelled + '[]'.repeat(typeName?.arrayBounds?.length ?? 0);
}

const SERIAL_TYPES: ReadonlySet<string> = new Set(['smallserial', 'serial2', 'serial', 'serial4', 'bigserial', 'serial8']);

/** A serial column type: Postgres only recognises the unqualified, non-array name. */
export function isSerialType(typeName: TypeName | undefined): boolean {
  if (!typeName || (typeName.names?.length ?? 0) !== 1 || (typeName.arrayBounds?.length ?? 0) > 0) return false;
  return SERIAL_TYPES.has(typeNameOf(typeName));
}
