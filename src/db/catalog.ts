// Catalog queries of the lock and rewrite trace. Each one is cheap enough to run after every
// statement of a new migration (a migration touches a few tables; the history may hold hundreds).

import type pg from 'pg';

/** Namespaces that hold no user objects. */
export const SYSTEM_SCHEMA_FILTER =
  "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

export interface RelationInfo {
  oid: string;
  /** `name` in schema public, `schema.name` elsewhere. */
  name: string;
  relkind: string;
  relfilenode: string;
}

/** Every user relation, by oid: what "existed before the migration" means for the trace. */
export async function readRelations(client: pg.Client): Promise<Map<string, RelationInfo>> {
  const { rows } = await client.query<{ oid: string; schema: string; name: string; relkind: string; relfilenode: string }>(
    `SELECT c.oid::int8::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
            c.relfilenode::int8::text AS relfilenode
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${SYSTEM_SCHEMA_FILTER}`,
  );
  return new Map(rows.map((row) => [row.oid, { oid: row.oid, name: displayName(row.schema, row.name), relkind: row.relkind, relfilenode: row.relfilenode }]));
}

export function displayName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

/** Relation locks this session holds right now (granted), as `oid` and mode. */
export const OWN_LOCKS_SQL = `SELECT relation::int8::text AS oid, mode FROM pg_locks
  WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** Current relfilenode of every table, materialized view and index: a change means it was rewritten (rebuilt). */
export const RELFILENODES_SQL = `SELECT c.oid::int8::text AS oid, c.relfilenode::int8::text AS relfilenode
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm', 'i') AND ${SYSTEM_SCHEMA_FILTER}`;

/**
 * Foreign keys whose referencing columns are not the leading columns (in any order) of a plain
 * index: deleting or updating a referenced row then scans the referencing table. Partition clones
 * of a foreign key (conparentid <> 0) are reported once, on the partitioned table.
 */
export const UNINDEXED_FOREIGN_KEYS_SQL = `SELECT con.oid::int8::text AS oid, con.conname AS name, n.nspname AS schema, cl.relname AS "table",
    (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
    con.confrelid::regclass::text AS referenced
  FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
  WHERE con.contype = 'f' AND con.conparentid = 0 AND ${SYSTEM_SCHEMA_FILTER}
    AND NOT EXISTS (
      SELECT 1 FROM pg_index i
       WHERE i.indrelid = con.conrelid AND i.indpred IS NULL AND i.indnkeyatts >= cardinality(con.conkey)
         AND (SELECT array_agg(x ORDER BY x) FROM unnest(con.conkey) AS x)
           = (SELECT array_agg(x ORDER BY x) FROM unnest((i.indkey::int2[])[0:cardinality(con.conkey) - 1]) AS x))`;

/**
 * Validated CHECK constraints that may prove a column NOT NULL (their definition holds IS NOT NULL):
 * since PostgreSQL 12, SET NOT NULL uses one instead of scanning the table. Which columns one proves
 * is read from the definition with the parser (verify/evidence.ts).
 */
export const VALIDATED_NOT_NULL_CHECKS_SQL = `SELECT n.nspname AS schema, cl.relname AS "table", con.conname AS name, pg_get_constraintdef(con.oid) AS definition
  FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
  WHERE con.contype = 'c' AND con.convalidated AND pg_get_constraintdef(con.oid) LIKE '%IS NOT NULL%' AND ${SYSTEM_SCHEMA_FILTER}`;

export interface ValidatedCheck {
  /** `name` in schema public, `schema.name` elsewhere. */
  table: string;
  name: string;
  /** `pg_get_constraintdef`: `CHECK ((email IS NOT NULL))`. */
  definition: string;
}

export async function readValidatedNotNullChecks(client: pg.Client): Promise<ValidatedCheck[]> {
  const { rows } = await client.query<{ schema: string; table: string; name: string; definition: string }>(VALIDATED_NOT_NULL_CHECKS_SQL);
  return rows.map((row) => ({ table: displayName(row.schema, row.table), name: row.name, definition: row.definition }));
}

export interface UnindexedForeignKey {
  oid: string;
  name: string;
  schema: string;
  table: string;
  columns: string;
  referenced: string;
}

export async function readUnindexedForeignKeys(client: pg.Client): Promise<Map<string, UnindexedForeignKey>> {
  const { rows } = await client.query<UnindexedForeignKey>(UNINDEXED_FOREIGN_KEYS_SQL);
  return new Map(rows.map((row) => [row.oid, row]));
}

export interface IndexInfo {
  oid: string;
  /** `name` in schema public, `schema.name` elsewhere. */
  name: string;
  /** The table (or partitioned table) it indexes, named the same way. */
  table: string;
  /** `pg_index.indisvalid`: false while a concurrent build has not finished, or after it failed. */
  valid: boolean;
  /** An index of a partitioned table: valid only once every partition has its index attached. */
  partitioned: boolean;
  /**
   * `pg_get_indexdef`, the CREATE INDEX statement that builds it again: read for an invalid index
   * only (the only kind reported); rendering every index's definition twice per migration cost
   * more than the rest of the read on a long history.
   */
  definition: string | undefined;
}

/** Every index of a user table, by oid: what the migration leaves invalid is compared with this before it. */
export async function readIndexes(client: pg.Client): Promise<Map<string, IndexInfo>> {
  const { rows } = await client.query<{ oid: string; schema: string; name: string; table_schema: string; table: string; valid: boolean; relkind: string; definition: string | null }>(
    `SELECT i.indexrelid::int8::text AS oid, n.nspname AS schema, ic.relname AS name, tn.nspname AS table_schema, c.relname AS "table",
            i.indisvalid AS valid, ic.relkind::text AS relkind, CASE WHEN NOT i.indisvalid THEN pg_get_indexdef(i.indexrelid) END AS definition
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
       JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = c.relnamespace
      WHERE ${SYSTEM_SCHEMA_FILTER}`,
  );
  return new Map(
    rows.map((row) => [
      row.oid,
      {
        oid: row.oid,
        name: displayName(row.schema, row.name),
        table: displayName(row.table_schema, row.table),
        valid: row.valid,
        partitioned: row.relkind === 'I',
        definition: row.definition ?? undefined,
      },
    ]),
  );
}

/** A setting of the session as it is now (after the migration's own SETs). */
export async function readSetting(client: pg.Client, name: string): Promise<string | undefined> {
  const { rows } = await client.query<{ value: string | null }>('SELECT current_setting($1, true) AS value', [name]);
  return rows[0]?.value ?? undefined;
}
