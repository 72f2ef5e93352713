// A schema snapshot: every user-visible object of a database as plain data, keyed so that two
// snapshots can be compared object by object ("column users.email", "index users_email_idx").
// Names in schema public are shown without it.

import type pg from 'pg';
import { MIGRATION_TRACKING_TABLES, SNAPSHOT_QUERIES, SNAPSHOT_QUERY_GROUPS, type SnapshotQueryName } from './snapshot-queries.js';

export interface SnapshotObject {
  /** `table`, `column`, `index`, ... */
  kind: string;
  /** Display name, e.g. `users.email`, `app.orders`, `lower_email(text)`. */
  name: string;
  /** What is compared; an absent attribute and an empty one are the same. */
  attributes: Record<string, string>;
}

/** Keyed by `${kind} ${name}`. */
export type SchemaSnapshot = ReadonlyMap<string, SnapshotObject>;

type Row = Record<string, unknown>;

const RELATION_KINDS: Record<string, string> = { r: 'table', p: 'partitioned table', f: 'foreign table', v: 'view', m: 'materialized view' };
const FUNCTION_KINDS: Record<string, string> = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window function' };
const TRIGGER_STATES: Record<string, string> = { O: 'enabled', D: 'disabled', R: 'replica', A: 'always' };

/**
 * Reads the schema in `sessions`. One session runs every query as one text (one round trip); two or
 * more split them by SNAPSHOT_QUERY_GROUPS and run the groups at the same time, each in its own
 * session: most of a snapshot is the server's catalog functions (pg_get_indexdef, format_type, ...),
 * and a second backend runs its half on another core. The sessions read committed state only, so
 * nothing may change the schema while they read (the gate's sessions are idle then).
 */
export async function takeSnapshot(sessions: pg.Client | readonly pg.Client[]): Promise<SchemaSnapshot> {
  const clients = Array.isArray(sessions) ? (sessions as readonly pg.Client[]) : [sessions as pg.Client];
  if (clients.length === 0) throw new Error('takeSnapshot needs a session');
  const groups = clients.length === 1 ? [Object.keys(SNAPSHOT_QUERIES) as SnapshotQueryName[]] : SNAPSHOT_QUERY_GROUPS;
  const rowsByName = new Map<SnapshotQueryName, Row[]>();
  await Promise.all(
    groups.map(async (names, index) => {
      const result = (await clients[index % clients.length]!.query(names.map((name) => SNAPSHOT_QUERIES[name]).join(';\n'))) as unknown as
        | pg.QueryResult<Row>
        | pg.QueryResult<Row>[];
      // A text of one statement gives one result, of several an array of them.
      const results = Array.isArray(result) ? result : [result];
      names.forEach((name, position) => rowsByName.set(name, results[position]!.rows));
    }),
  );
  const rowsOf = (name: SnapshotQueryName): Row[] => rowsByName.get(name)!;
  const snapshot = new Map<string, SnapshotObject>();
  const add = (kind: string, name: string, attributes: Record<string, unknown>): void => {
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined && value !== '' && value !== false) clean[key] = value === true ? 'yes' : String(value);
    }
    snapshot.set(`${kind} ${name}`, { kind, name, attributes: clean });
  };
  const qualified = (row: Row, name = row['name']): string => qualify(String(row['schema']), String(name));

  for (const row of rowsOf('schemas')) add('schema', String(row['schema']), {});
  for (const row of rowsOf('relations')) {
    add(RELATION_KINDS[String(row['relkind'])] ?? 'relation', qualified(row), {
      unlogged: row['persistence'] === 'u',
      'row level security': row['row_security'] === true ? (row['force_row_security'] === true ? 'forced' : 'enabled') : '',
      definition: row['definition'],
      'partition key': row['partition_key'],
      'partition of': row['partition_of'],
      options: row['options'],
    });
  }
  let position = 0;
  let table = '';
  for (const row of rowsOf('columns')) {
    const owner = qualified(row, row['table']);
    position = owner === table ? position + 1 : 1;
    table = owner;
    add('column', `${owner}.${String(row['name'])}`, {
      type: row['type'],
      'not null': row['not_null'],
      default: row['default'],
      identity: row['identity'],
      generated: row['generated'],
      collation: row['collation'],
      position,
    });
  }
  for (const row of rowsOf('constraints')) add('constraint', `${qualified(row, row['table'])}.${String(row['name'])}`, { definition: row['definition'] });
  for (const row of rowsOf('indexes')) add('index', qualified(row), { definition: row['definition'], invalid: row['valid'] === false });
  for (const row of rowsOf('sequences')) {
    if (MIGRATION_TRACKING_TABLES.includes(String(row['owner_table']))) continue;
    const { type, start, increment, min, max, cache, cycle, owned_by: ownedBy } = row;
    add('sequence', qualified(row), { type, start, increment, min, max, cache, cycle, 'owned by': ownedBy });
  }
  for (const row of rowsOf('functions')) {
    add(FUNCTION_KINDS[String(row['kind'])] ?? 'function', `${qualified(row)}(${String(row['arguments'])})`, { definition: row['definition'] });
  }
  for (const row of rowsOf('triggers')) {
    add('trigger', `${qualified(row, row['table'])}.${String(row['name'])}`, {
      definition: row['definition'],
      state: TRIGGER_STATES[String(row['enabled'])] === 'enabled' ? '' : TRIGGER_STATES[String(row['enabled'])],
    });
  }
  for (const row of rowsOf('types')) {
    const enumType = row['kind'] === 'e';
    add(enumType ? 'enum type' : 'domain', qualified(row), {
      values: row['values'],
      'base type': row['base_type'],
      'not null': row['not_null'],
      default: row['default'],
    });
  }
  for (const row of rowsOf('extensions')) add('extension', String(row['name']), { version: row['version'], schema: row['schema'] });
  for (const row of rowsOf('policies')) {
    const { permissive, roles, command, using, with_check: withCheck } = row;
    add('policy', `${qualified(row, row['table'])}.${String(row['name'])}`, { permissive, roles, command, using, 'with check': withCheck });
  }
  return snapshot;
}

function qualify(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

/** A snapshot as JSON-ready data (saved with a cached base, verify/base-cache.ts). */
export function snapshotToData(snapshot: SchemaSnapshot): SnapshotObject[] {
  return [...snapshot.values()];
}

/** A snapshot back from snapshotToData's data; undefined when the data is not one. */
export function snapshotFromData(data: unknown): SchemaSnapshot | undefined {
  if (!Array.isArray(data)) return undefined;
  const snapshot = new Map<string, SnapshotObject>();
  for (const item of data as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { kind, name, attributes } = item as Record<string, unknown>;
    if (typeof kind !== 'string' || typeof name !== 'string' || typeof attributes !== 'object' || attributes === null) return undefined;
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (typeof value !== 'string') return undefined;
      clean[key] = value;
    }
    snapshot.set(`${kind} ${name}`, { kind, name, attributes: clean });
  }
  return snapshot;
}
