// Which table each index is on, for schema-drift: a snapshot's index is named on its own
// (`index orders_hotfix_idx`), and a drift finding must know whether its table is itself missing or
// extra (then the table is the one finding), or is a runner's tracking table (then it is left out).

import type { SchemaSnapshot } from '../verify/snapshot.js';

/** Index -> its table, both as snapshot names (`orders_hotfix_idx` -> `orders`): a snapshot's index does not say. */
export const INDEX_TABLES_SQL = `SELECT n.nspname AS schema, ic.relname AS name, cn.nspname AS table_schema, c.relname AS "table"
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
  JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`;

export function indexTablesOf(rows: ReadonlyArray<Record<string, unknown>>): Map<string, string> {
  const shown = (schema: unknown, name: unknown): string => (schema === 'public' ? String(name) : `${String(schema)}.${String(name)}`);
  return new Map(rows.map((row) => [`index ${shown(row['schema'], row['name'])}`, shown(row['table_schema'], row['table'])]));
}

/** A schema as schema-drift compares it. */
export interface ComparedSchema {
  snapshot: SchemaSnapshot;
  indexTables: ReadonlyMap<string, string>;
}

