// The objects a DROP statement names. DropStmt lists them as bare name lists (no RangeVar, no
// location), so table names are turned into RangeVars to ask the file model whether the file
// created them.

import type { DropStmt, RangeVar } from 'libpg-query';
import { as, nameParts, stringValue } from '../../sql/ast.js';

/** The tables of a `DROP TABLE` (empty for DROP INDEX/VIEW/...), as RangeVars without a location. */
export function droppedTables(drop: DropStmt): RangeVar[] {
  if (drop.removeType !== 'OBJECT_TABLE') return [];
  const tables: RangeVar[] = [];
  for (const object of drop.objects ?? []) {
    // `catalog.schema.table`: the catalog can only be the current database, so it is ignored.
    const [relname, schemaname] = nameParts(as(object, 'List')?.items).reverse();
    if (!relname) continue;
    tables.push({ relname, ...(schemaname === undefined ? {} : { schemaname }), relpersistence: 'p' });
  }
  return tables;
}

/** The schema names of a `DROP SCHEMA` (empty for any other DROP). */
export function droppedSchemas(drop: DropStmt): string[] {
  if (drop.removeType !== 'OBJECT_SCHEMA') return [];
  return (drop.objects ?? []).map((object) => stringValue(object) ?? '').filter((name) => name !== '');
}
