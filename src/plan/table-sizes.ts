// The target's size of each existing table a pending migration touches: the planner's row estimate
// (`pg_class.reltuples`, what the last VACUUM or ANALYZE counted) and `pg_total_relation_size`
// (heap, indexes, TOAST), a partitioned table's summed over its partitions. Sizes, not durations:
// how long a rewrite or an index build of 3.4 GB takes depends on the server, and the gate does not
// guess it. Catalog reads only; neither needs a privilege on the table.

import type { TargetSession } from './target.js';

export interface TableSize {
  /** `schema.name`. */
  table: string;
  /** Estimated rows; null when the table was never vacuumed or analyzed (reltuples -1). */
  rows: number | null;
  bytes: number;
}

/** Sizes of those of `tables` (`schema.name`) that exist in the target. */
export async function readTableSizes(session: TargetSession, tables: readonly string[]): Promise<Map<string, TableSize>> {
  if (tables.length === 0) return new Map();
  const split = tables.map((table) => [table.slice(0, table.indexOf('.')), table.slice(table.indexOf('.') + 1)] as const);
  const rows = await session.select<{ table: string; rows: number; bytes: number }>(
    `WITH RECURSIVE wanted AS (
       SELECT c.oid, n.nspname || '.' || c.relname AS "table"
         FROM unnest($1::text[], $2::text[]) AS w(schema, name)
         JOIN pg_namespace n ON n.nspname = w.schema
         JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.name AND c.relkind IN ('r', 'p', 'm')
     ), parts AS (
       SELECT "table", oid FROM wanted
       UNION ALL
       SELECT p."table", i.inhrelid FROM parts p JOIN pg_inherits i ON i.inhparent = p.oid
     )
     SELECT p."table",
            -- -1: never vacuumed or analyzed (PostgreSQL 14+); a partitioned parent has no rows of its own.
            CASE WHEN bool_and(c.reltuples < 0) FILTER (WHERE c.relkind <> 'p') THEN -1
                 ELSE coalesce(sum(greatest(c.reltuples, 0)) FILTER (WHERE c.relkind <> 'p'), 0) END::float8 AS rows,
            sum(pg_total_relation_size(c.oid))::float8 AS bytes
       FROM parts p JOIN pg_class c ON c.oid = p.oid
      GROUP BY p."table"`,
    [split.map(([schema]) => schema), split.map(([, name]) => name)],
  );
  return new Map(rows.map((row) => [row.table, { table: row.table, rows: row.rows < 0 ? null : Math.round(row.rows), bytes: row.bytes }]));
}

/** `orders: 1.2M rows, 3.4 GB`. */
export function formatTableSize(size: Pick<TableSize, 'table' | 'rows' | 'bytes'>): string {
  const rows = size.rows === null ? 'rows not counted yet (never vacuumed or analyzed)' : `${countText(size.rows)} ${size.rows === 1 ? 'row' : 'rows'}`;
  return `${shownTable(size.table)}: ${rows}, ${bytesText(size.bytes)}`;
}

function shownTable(table: string): string {
  return table.startsWith('public.') ? table.slice('public.'.length) : table;
}

function countText(count: number): string {
  for (const [unit, scale] of [['B', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (count >= scale) return `${roughly(count / scale)}${unit}`;
  }
  return String(count);
}

/** As pg_size_pretty counts (1024), with one decimal below 10. */
function bytesText(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : roughly(value)} ${units[unit]}`;
}

function roughly(value: number): string {
  return value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
}
