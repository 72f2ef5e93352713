// Which statements take a table lock that other sessions' queries conflict with, and on which
// existing relation. A lock request that has to wait sits in the lock queue, and every later
// request that conflicts with it waits behind it: the reason migrations need a lock_timeout.
// Relations the file created earlier are skipped: no other session can be using them yet.

import type { Node, RangeVar } from 'libpg-query';
import { relationKey, type FileModel, type StatementModel } from '../../lint/file-model.js';
import { as, displayName, findAll } from '../../sql/ast.js';
import { isConcurrentReindex } from './concurrent-statements.js';
import { droppedTables } from './dropped-objects.js';
import { droppedIndexNames, indexNameOf, isIndexOnNewTable } from './index-names.js';
import { isOptionEnabled } from './option-flags.js';
import { isExistingTable } from './statements.js';

export interface BlockingLock {
  /** The statement, as a reader names it: `ALTER TABLE`, `CREATE INDEX`, `VACUUM FULL`, ... */
  kind: string;
  /** What it locks: `table users`, `index users_email_idx`, `schema billing`, `the database`. */
  target: string;
  /**
   * True when the locked table is only referenced (a foreign key to it): the statement is on a new
   * table, but adding the constraint locks the referenced one against writes.
   */
  reference: boolean;
  /** The clause to point at; the statement start when absent. */
  at?: RangeVar;
}

/** LOCK TABLE modes from SHARE (5) up conflict with the ROW EXCLUSIVE lock every write takes. */
const SHARE_LOCK_MODE = 5;

/** The blocking lock `statement` takes on a relation that existed before the file, if any. */
export function blockingLockOf(model: FileModel, statement: StatementModel): BlockingLock | undefined {
  const node = statement.parsed.node;
  const existing = (relation: RangeVar | undefined): boolean => isExistingTable(model, relation, statement);
  const onTable = (kind: string, relation: RangeVar | undefined): BlockingLock | undefined =>
    relation && existing(relation) ? { kind, target: `table ${displayName(relation)}`, reference: false } : undefined;

  const alter = as(node, 'AlterTableStmt');
  if (alter) {
    if (alter.objtype !== 'OBJECT_TABLE') return undefined;
    const attached = attachedPartitions(alter.cmds);
    const kind = attached.length > 0 ? 'ALTER TABLE ... ATTACH PARTITION' : 'ALTER TABLE';
    // ATTACH PARTITION locks the partition ACCESS EXCLUSIVE even when the parent is new.
    return onTable(kind, alter.relation) ?? firstOf(attached, (partition) => onTable(kind, partition)) ?? foreignKeyLock(node, 'ALTER TABLE', existing);
  }
  const create = as(node, 'CreateStmt');
  if (create) {
    // PARTITION OF takes ACCESS EXCLUSIVE on the parent (ATTACH PARTITION needs less).
    const parent = create.partbound ? as(create.inhRelations?.[0], 'RangeVar') : undefined;
    const self = relationKey(create.relation, statement.defaultSchema);
    return (
      onTable('CREATE TABLE ... PARTITION OF', parent) ??
      foreignKeyLock(node, 'CREATE TABLE', (table) => relationKey(table, statement.defaultSchema) !== self && existing(table))
    );
  }
  const index = as(node, 'IndexStmt');
  if (index) return index.concurrent ? undefined : onTable('CREATE INDEX', index.relation);

  const drop = as(node, 'DropStmt');
  if (drop?.removeType === 'OBJECT_INDEX' && !drop.concurrent) {
    const name = droppedIndexNames(drop).find((candidate) => !isIndexOnNewTable(model, candidate, statement));
    return name === undefined ? undefined : { kind: 'DROP INDEX', target: `index ${name}`, reference: false };
  }
  if (drop?.removeType === 'OBJECT_TABLE') return firstOf(droppedTables(drop), (table) => onTable('DROP TABLE', table));

  const reindex = as(node, 'ReindexStmt');
  if (reindex) return isConcurrentReindex(reindex) ? undefined : reindexLock(model, statement, reindex.kind, reindex.relation, reindex.name);

  const truncate = as(node, 'TruncateStmt');
  if (truncate) return firstOf(rangeVars(truncate.relations), (table) => onTable('TRUNCATE', table));

  const rename = as(node, 'RenameStmt');
  if (rename?.renameType === 'OBJECT_TABLE') return onTable('ALTER TABLE ... RENAME', rename.relation);
  if (rename?.renameType === 'OBJECT_COLUMN' && rename.relationType === 'OBJECT_TABLE') {
    return onTable('ALTER TABLE ... RENAME COLUMN', rename.relation);
  }

  const trigger = as(node, 'CreateTrigStmt');
  if (trigger) return onTable('CREATE TRIGGER', trigger.relation);

  const vacuum = as(node, 'VacuumStmt');
  if (vacuum?.is_vacuumcmd && isOptionEnabled(vacuum.options, 'full')) {
    const tables = (vacuum.rels ?? []).map((rel) => as(rel, 'VacuumRelation')?.relation);
    if (tables.length === 0) return { kind: 'VACUUM FULL', target: 'every table of the database', reference: false };
    return firstOf(tables, (table) => onTable('VACUUM FULL', table));
  }

  const cluster = as(node, 'ClusterStmt');
  if (cluster) {
    if (!cluster.relation) return { kind: 'CLUSTER', target: 'every table clustered before', reference: false };
    return onTable('CLUSTER', cluster.relation);
  }

  const lock = as(node, 'LockStmt');
  if (lock && (lock.mode ?? 0) >= SHARE_LOCK_MODE) return firstOf(rangeVars(lock.relations), (table) => onTable('LOCK TABLE', table));
  return undefined;
}

function reindexLock(
  model: FileModel,
  statement: StatementModel,
  kind: string | undefined,
  relation: RangeVar | undefined,
  name: string | undefined,
): BlockingLock | undefined {
  switch (kind) {
    case 'REINDEX_OBJECT_TABLE':
      return isExistingTable(model, relation, statement)
        ? { kind: 'REINDEX', target: `table ${displayName(relation)}`, reference: false }
        : undefined;
    case 'REINDEX_OBJECT_INDEX':
      return isIndexOnNewTable(model, indexNameOf(relation), statement)
        ? undefined
        : { kind: 'REINDEX', target: `index ${displayName(relation)}`, reference: false };
    case 'REINDEX_OBJECT_SCHEMA':
      return { kind: 'REINDEX', target: `schema ${name ?? ''}`, reference: false };
    case 'REINDEX_OBJECT_SYSTEM':
      return { kind: 'REINDEX', target: 'the system catalogs', reference: false };
    default:
      return { kind: 'REINDEX', target: 'the database', reference: false };
  }
}

/** A foreign key in the statement that references an existing table locks that table (SHARE ROW EXCLUSIVE). */
function foreignKeyLock(node: Node, kind: string, locks: (table: RangeVar) => boolean): BlockingLock | undefined {
  for (const constraint of findAll(node, 'Constraint')) {
    const table = constraint.pktable;
    if (constraint.contype !== 'CONSTR_FOREIGN' || !table || !locks(table)) continue;
    return { kind, target: `table ${displayName(table)}`, reference: true, at: table };
  }
  return undefined;
}

function attachedPartitions(commands: Node[] | undefined): RangeVar[] {
  const partitions: RangeVar[] = [];
  for (const command of commands ?? []) {
    const cmd = as(command, 'AlterTableCmd');
    const partition = cmd?.subtype === 'AT_AttachPartition' ? as(cmd.def, 'PartitionCmd')?.name : undefined;
    if (partition) partitions.push(partition);
  }
  return partitions;
}

function rangeVars(nodes: Node[] | undefined): RangeVar[] {
  return (nodes ?? []).map((node) => as(node, 'RangeVar')).filter((table): table is RangeVar => table !== undefined);
}

function firstOf<T, R>(items: readonly T[], map: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const result = map(item);
    if (result !== undefined) return result;
  }
  return undefined;
}
