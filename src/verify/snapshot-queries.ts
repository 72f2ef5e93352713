// The catalog queries behind a schema snapshot, one per kind of object. Privileges and owners are
// left out (a rollback is about structure), so are objects that belong to an extension (the
// extension and its version stand for them) and the tables migration tools keep their history in.

/** Tables migration runners create for their own bookkeeping; their rows differ after every run. */
export const MIGRATION_TRACKING_TABLES = [
  '__drizzle_migrations',
  '_prisma_migrations',
  'schema_migrations',
  'flyway_schema_history',
  '__migration_tracking',
  'goose_db_version',
  'knex_migrations',
  'knex_migrations_lock',
  '__EFMigrationsHistory',
  'SequelizeMeta',
];

const TRACKING = MIGRATION_TRACKING_TABLES.map((name) => `'${name}'`).join(', ');
const USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

function notExtensionMember(catalog: string, oid: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;
}

const USER_RELATION = `${USER_SCHEMA} AND c.relname NOT IN (${TRACKING}) AND ${notExtensionMember('pg_class', 'c.oid')}`;

export const SNAPSHOT_QUERIES = {
  schemas: `SELECT n.nspname AS schema FROM pg_namespace n WHERE ${USER_SCHEMA} AND ${notExtensionMember('pg_namespace', 'n.oid')}`,

  relations: `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind, c.relpersistence::text AS persistence,
      c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
      CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
      CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
      CASE WHEN c.relispartition THEN (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid) END AS partition_of,
      array_to_string(c.reloptions, ', ') AS options
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND ${USER_RELATION}`,

  columns: `SELECT n.nspname AS schema, c.relname AS "table", a.attname AS name, a.attnum AS number,
      format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
      CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS "default",
      CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,
      CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
      CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      LEFT JOIN pg_collation co ON co.oid = a.attcollation
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'c') AND ${USER_RELATION}
    ORDER BY 1, 2, a.attnum`,

  // PostgreSQL 18 also lists NOT NULL as constraints (contype 'n'); the column's `not null` says
  // the same, and leaving them out keeps a diff the same on every server version.
  constraints: `SELECT n.nspname AS schema, c.relname AS "table", con.conname AS name, pg_get_constraintdef(con.oid) AS definition
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE con.contype <> 'n' AND ${USER_RELATION}
    UNION ALL
    SELECT n.nspname, t.typname, con.conname, pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE con.contype <> 'n' AND ${USER_SCHEMA} AND ${notExtensionMember('pg_type', 't.oid')}`,

  indexes: `SELECT n.nspname AS schema, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid AS valid
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = ic.relnamespace
    WHERE ${USER_RELATION}`,

  sequences: `SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
      s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
      (SELECT d.refobjid::regclass::text || '.' || a.attname FROM pg_depend d
         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') LIMIT 1) AS owned_by,
      (SELECT r.relname FROM pg_depend d JOIN pg_class r ON r.oid = d.refobjid
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') LIMIT 1) AS owner_table
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_RELATION}`,

  functions: `SELECT n.nspname AS schema, p.proname AS name, pg_get_function_identity_arguments(p.oid) AS arguments,
      p.prokind::text AS kind, CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS definition
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_SCHEMA} AND ${notExtensionMember('pg_proc', 'p.oid')}`,

  triggers: `SELECT n.nspname AS schema, c.relname AS "table", t.tgname AS name, pg_get_triggerdef(t.oid, true) AS definition,
      t.tgenabled::text AS enabled
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND ${USER_RELATION}`,

  types: `SELECT n.nspname AS schema, t.typname AS name, t.typtype::text AS kind,
      (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS "values",
      CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
      CASE WHEN t.typtype = 'd' THEN t.typnotnull END AS not_null, t.typdefault AS "default"
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype IN ('e', 'd') AND ${USER_SCHEMA} AND ${notExtensionMember('pg_type', 't.oid')}`,

  extensions: `SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`,

  policies: `SELECT schemaname AS schema, tablename AS "table", policyname AS name, permissive, array_to_string(roles, ', ') AS roles,
      cmd AS command, qual AS "using", with_check
    FROM pg_policies WHERE tablename NOT IN (${TRACKING})`,
} as const;

export type SnapshotQueryName = keyof typeof SNAPSHOT_QUERIES;

/**
 * The queries split in two halves of about the same server time, for a snapshot read in two sessions
 * at once (snapshot.ts). Measured on an 800-table schema: pg_get_indexdef makes the indexes the
 * largest single query; relations, columns and constraints together weigh about as much.
 */
export const SNAPSHOT_QUERY_GROUPS: readonly SnapshotQueryName[][] = [
  ['indexes', 'sequences', 'functions', 'types', 'extensions', 'policies', 'schemas'],
  ['relations', 'columns', 'constraints', 'triggers'],
];
