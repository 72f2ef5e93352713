// Finding the runner's tracking table in the target, and checking that this role may read it,
// before selecting from it: a missing table or privilege is a one-line reason (exit 2) that names
// the table and the privilege, not a Postgres error from the middle of a transaction. Only the
// catalog is read here (pg_class and pg_namespace are readable by every role).

import { PlanTargetError } from './errors.js';
import type { TargetSession } from './target.js';

export interface TableName {
  /** Undefined: the first schema of the session's search_path (current_schema()). */
  schema: string | undefined;
  name: string;
}

export interface ResolvedTable {
  schema: string;
  name: string;
  /** `schema.name`, as messages show it. */
  display: string;
  columns: ReadonlySet<string>;
}

/** `schema.name` or `name` as written in the config or a runner's default. */
export function parseTableName(text: string): TableName {
  const dot = text.indexOf('.');
  return dot === -1 ? { schema: undefined, name: text } : { schema: text.slice(0, dot), name: text.slice(dot + 1) };
}

/**
 * The table, or undefined when it does not exist (nothing applied yet, or another table name).
 * Throws PlanTargetError when it exists but this role lacks USAGE on its schema or SELECT on it.
 */
export async function findTrackingTable(session: TargetSession, table: TableName): Promise<ResolvedTable | undefined> {
  const [row] = await session.select<{ schema: string; oid: string | null; usage: boolean | null; can_select: boolean | null; columns: string[] | null }>(
    `SELECT s.schema,
            c.oid::text AS oid,
            CASE WHEN n.oid IS NULL THEN NULL ELSE has_schema_privilege(n.oid, 'USAGE') END AS usage,
            CASE WHEN c.oid IS NULL THEN NULL ELSE has_table_privilege(c.oid, 'SELECT') END AS can_select,
            (SELECT array_agg(a.attname::text) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
       FROM (SELECT coalesce($1::text, current_schema(), 'public') AS schema) s
       LEFT JOIN pg_namespace n ON n.nspname = s.schema
       LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
    [table.schema ?? null, table.name],
  );
  const schema = row?.schema ?? table.schema ?? 'public';
  const display = `${schema}.${table.name}`;
  if (!row || row.oid === null) return undefined;
  if (row.usage === false) {
    throw new PlanTargetError(
      `cannot read ${display} in ${session.target}: role "${session.user}" has no USAGE on schema ${schema}; GRANT USAGE ON SCHEMA ${schema} TO "${session.user}" (and SELECT on the table)`,
      '42501',
    );
  }
  if (row.can_select === false) {
    throw new PlanTargetError(
      `cannot read ${display} in ${session.target}: role "${session.user}" has no SELECT on table ${display}; GRANT SELECT ON ${display} TO "${session.user}"`,
      '42501',
    );
  }
  return { schema, name: table.name, display, columns: new Set(row.columns ?? []) };
}

/** Double-quoted `schema.name` for a query. */
export function quoted(table: Pick<ResolvedTable, 'schema' | 'name'>): string {
  const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
  return `${q(table.schema)}.${q(table.name)}`;
}
