// Which statements take a table lock that other sessions' queries conflict with, on which existing
// relation, and in which mode. A lock request that has to wait sits in the lock queue, and every
// later request that conflicts with it waits behind it: the reason migrations need a lock_timeout.
// What queues depends on the mode: behind ACCESS EXCLUSIVE every query, behind SHARE ... EXCLUSIVE
// the writes, behind SHARE UPDATE EXCLUSIVE only other schema changes, index builds and VACUUM.
// Relations the file created earlier are skipped: no other session can be using them yet.

import type { AlterTableCmd, Node, RangeVar } from 'libpg-query';
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
  /** The lock, as a message names it: `an ACCESS EXCLUSIVE lock`. */
  lock: string;
  /**
   * What a waiting request of that mode holds up: `everything` (ACCESS EXCLUSIVE: reads too),
   * `writes` (SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE), `schema-changes` (SHARE UPDATE EXCLUSIVE:
   * reads and writes go on).
   */
  blocks: LockImpact;
}

export type LockImpact = 'everything' | 'writes' | 'schema-changes';

/** How much of the table's traffic each impact holds up, to pick the worst statement of a file. */
export const LOCK_IMPACT_RANK: Record<LockImpact, number> = { 'schema-changes': 1, writes: 2, everything: 3 };

const ACCESS_EXCLUSIVE = { lock: 'an ACCESS EXCLUSIVE lock', blocks: 'everything' } as const;
const SHARE_ROW_EXCLUSIVE = { lock: 'a SHARE ROW EXCLUSIVE lock', blocks: 'writes' } as const;
const SHARE_UPDATE_EXCLUSIVE = { lock: 'a SHARE UPDATE EXCLUSIVE lock', blocks: 'schema-changes' } as const;

/** LOCK TABLE modes (LockStmt.mode) from SHARE (5) up conflict with the ROW EXCLUSIVE lock every write takes. */
const LOCK_TABLE_MODES: Record<number, Pick<BlockingLock, 'lock' | 'blocks'>> = {
  5: { lock: 'a SHARE lock', blocks: 'writes' },
  6: SHARE_ROW_EXCLUSIVE,
  7: { lock: 'an EXCLUSIVE lock', blocks: 'writes' },
  8: ACCESS_EXCLUSIVE,
};

/**
 * ALTER TABLE sub-commands that take less than ACCESS EXCLUSIVE (tablecmds.c, AlterTableGetLockLevel;
 * the ALTER TABLE page of the manual): the statement takes the strongest lock of its sub-commands.
 */
const SUB_COMMAND_LOCKS: Partial<Record<NonNullable<AlterTableCmd['subtype']>, Pick<BlockingLock, 'lock' | 'blocks'>>> = {
  AT_ValidateConstraint: SHARE_UPDATE_EXCLUSIVE,
  AT_SetStatistics: SHARE_UPDATE_EXCLUSIVE,
  AT_SetOptions: SHARE_UPDATE_EXCLUSIVE,
  AT_ResetOptions: SHARE_UPDATE_EXCLUSIVE,
  AT_SetRelOptions: SHARE_UPDATE_EXCLUSIVE,
  AT_ResetRelOptions: SHARE_UPDATE_EXCLUSIVE,
  AT_ClusterOn: SHARE_UPDATE_EXCLUSIVE,
  AT_DropCluster: SHARE_UPDATE_EXCLUSIVE,
  AT_EnableTrig: SHARE_ROW_EXCLUSIVE,
  AT_EnableAlwaysTrig: SHARE_ROW_EXCLUSIVE,
  AT_EnableReplicaTrig: SHARE_ROW_EXCLUSIVE,
  AT_EnableTrigAll: SHARE_ROW_EXCLUSIVE,
  AT_EnableTrigUser: SHARE_ROW_EXCLUSIVE,
  AT_DisableTrig: SHARE_ROW_EXCLUSIVE,
  AT_DisableTrigAll: SHARE_ROW_EXCLUSIVE,
  AT_DisableTrigUser: SHARE_ROW_EXCLUSIVE,
};

/** The blocking lock `statement` takes on a relation that existed before the file, if any. */
export function blockingLockOf(model: FileModel, statement: StatementModel): BlockingLock | undefined {
  const node = statement.parsed.node;
  const existing = (relation: RangeVar | undefined): boolean => isExistingTable(model, relation, statement);
  const onTable = (kind: string, relation: RangeVar | undefined, mode: Pick<BlockingLock, 'lock' | 'blocks'> = ACCESS_EXCLUSIVE): BlockingLock | undefined =>
    relation && existing(relation) ? { kind, target: `table ${displayName(relation)}`, reference: false, ...mode } : undefined;

  const alter = as(node, 'AlterTableStmt');
  if (alter) {
    if (alter.objtype !== 'OBJECT_TABLE') return undefined;
    const attached = attachedPartitions(alter.cmds);
    if (attached.length > 0) {
      // ATTACH PARTITION locks the partition ACCESS EXCLUSIVE, the parent only SHARE UPDATE EXCLUSIVE.
      const kind = 'ALTER TABLE ... ATTACH PARTITION';
      return firstOf(attached, (partition) => onTable(kind, partition)) ?? onTable(kind, alter.relation, SHARE_UPDATE_EXCLUSIVE);
    }
    return onTable('ALTER TABLE', alter.relation, alterTableLock(alter.cmds)) ?? foreignKeyLock(node, 'ALTER TABLE', existing);
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
  if (index) return index.concurrent ? undefined : onTable('CREATE INDEX', index.relation, { lock: 'a SHARE lock', blocks: 'writes' });

  const drop = as(node, 'DropStmt');
  if (drop?.removeType === 'OBJECT_INDEX' && !drop.concurrent) {
    const name = droppedIndexNames(drop).find((candidate) => !isIndexOnNewTable(model, candidate, statement));
    // DROP INDEX locks the index's table ACCESS EXCLUSIVE too.
    return name === undefined ? undefined : { kind: 'DROP INDEX', target: `index ${name}`, reference: false, ...ACCESS_EXCLUSIVE };
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
  if (trigger) return onTable('CREATE TRIGGER', trigger.relation, SHARE_ROW_EXCLUSIVE);

  const vacuum = as(node, 'VacuumStmt');
  if (vacuum?.is_vacuumcmd && isOptionEnabled(vacuum.options, 'full')) {
    const tables = (vacuum.rels ?? []).map((rel) => as(rel, 'VacuumRelation')?.relation);
    if (tables.length === 0) return { kind: 'VACUUM FULL', target: 'every table of the database', reference: false, ...ACCESS_EXCLUSIVE };
    return firstOf(tables, (table) => onTable('VACUUM FULL', table));
  }

  const cluster = as(node, 'ClusterStmt');
  if (cluster) {
    if (!cluster.relation) return { kind: 'CLUSTER', target: 'every table clustered before', reference: false, ...ACCESS_EXCLUSIVE };
    return onTable('CLUSTER', cluster.relation);
  }

  const lock = as(node, 'LockStmt');
  const mode = lock ? LOCK_TABLE_MODES[lock.mode ?? 0] : undefined;
  if (lock && mode) return firstOf(rangeVars(lock.relations), (table) => onTable('LOCK TABLE', table, mode));
  return undefined;
}

function reindexLock(
  model: FileModel,
  statement: StatementModel,
  kind: string | undefined,
  relation: RangeVar | undefined,
  name: string | undefined,
): BlockingLock | undefined {
  // SHARE on the table and ACCESS EXCLUSIVE on the index: the planner locks every index of a table
  // it plans a query for, so reads wait as well.
  const lock = { kind: 'REINDEX', reference: false, lock: 'a SHARE lock on the table and an ACCESS EXCLUSIVE lock on its indexes', blocks: 'everything' } as const;
  switch (kind) {
    case 'REINDEX_OBJECT_TABLE':
      return isExistingTable(model, relation, statement) ? { ...lock, target: `table ${displayName(relation)}` } : undefined;
    case 'REINDEX_OBJECT_INDEX':
      return isIndexOnNewTable(model, indexNameOf(relation), statement) ? undefined : { ...lock, target: `index ${displayName(relation)}` };
    case 'REINDEX_OBJECT_SCHEMA':
      return { ...lock, target: `schema ${name ?? ''}` };
    case 'REINDEX_OBJECT_SYSTEM':
      return { ...lock, target: 'the system catalogs' };
    default:
      return { ...lock, target: 'the database' };
  }
}

/** A foreign key in the statement that references an existing table locks that table (SHARE ROW EXCLUSIVE). */
function foreignKeyLock(node: Node, kind: string, locks: (table: RangeVar) => boolean): BlockingLock | undefined {
  for (const constraint of findAll(node, 'Constraint')) {
    const table = constraint.pktable;
    if (constraint.contype !== 'CONSTR_FOREIGN' || !table || !locks(table)) continue;
    return { kind, target: `table ${displayName(table)}`, reference: true, at: table, ...SHARE_ROW_EXCLUSIVE };
  }
  return undefined;
}

/** The strongest lock of an ALTER TABLE's sub-commands; a foreign key added takes SHARE ROW EXCLUSIVE. */
function alterTableLock(commands: Node[] | undefined): Pick<BlockingLock, 'lock' | 'blocks'> {
  let strongest: Pick<BlockingLock, 'lock' | 'blocks'> | undefined;
  for (const node of commands ?? []) {
    const command = as(node, 'AlterTableCmd');
    const foreignKey = command?.subtype === 'AT_AddConstraint' && as(command.def, 'Constraint')?.contype === 'CONSTR_FOREIGN';
    const mode = foreignKey ? SHARE_ROW_EXCLUSIVE : ((command?.subtype && SUB_COMMAND_LOCKS[command.subtype]) ?? ACCESS_EXCLUSIVE);
    if (!strongest || LOCK_IMPACT_RANK[mode.blocks] > LOCK_IMPACT_RANK[strongest.blocks]) strongest = mode;
  }
  return strongest ?? ACCESS_EXCLUSIVE;
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
