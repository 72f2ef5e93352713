// Locks held across later statements. A lock lasts until its transaction ends, so an ACCESS
// EXCLUSIVE lock an ALTER TABLE takes in a migration's transaction keeps blocking every read and
// write of the table while the statements after it run: a backfill, an index build, a validation.
// This file answers three questions about one file: which statements take ACCESS EXCLUSIVE on an
// existing table, which statements take time that grows with a table's size ("work"), and which
// statements run in the same transaction, i.e. under the locks taken earlier in it.

import type { AlterTableCmd, Node, RangeVar } from 'libpg-query';
import { isIndexCreatedInFile, relationKey, type FileModel, type StatementModel } from '../../lint/file-model.js';
import { as, displayName, findAll } from '../../sql/ast.js';
import { cannotRunInTransaction } from './non-transactional.js';
import { isConcurrentReindex } from './concurrent-statements.js';
import { addedColumn, addedConstraint, columnConstraint, columnConstraints, constraintKey } from './constraints.js';
import { perFile } from './per-file.js';
import { isExistingTable } from './statements.js';
import { transactionIds } from './transactions.js';
import { isSerialType } from './type-names.js';
import { volatileCall } from './volatility.js';

/** A table the statement locks ACCESS EXCLUSIVE. */
export interface LockedTable {
  relation: RangeVar;
  /** `schema.name` as Postgres folds it, to compare tables across statements. */
  key: string;
}

/** Statements that take at least this lock on the table (Postgres's AlterTableGetLockLevel). */
const WEAKER_THAN_ACCESS_EXCLUSIVE = new Set([
  // SHARE UPDATE EXCLUSIVE
  'AT_SetStatistics',
  'AT_SetOptions',
  'AT_ResetOptions',
  'AT_SetRelOptions',
  'AT_ResetRelOptions',
  'AT_ClusterOn',
  'AT_DropCluster',
  'AT_ValidateConstraint',
  'AT_AttachPartition',
  'AT_DetachPartitionFinalize',
  // SHARE ROW EXCLUSIVE
  'AT_EnableTrig',
  'AT_EnableAlwaysTrig',
  'AT_EnableReplicaTrig',
  'AT_EnableTrigAll',
  'AT_EnableTrigUser',
  'AT_DisableTrig',
  'AT_DisableTrigAll',
  'AT_DisableTrigUser',
  'AT_AlterConstraint',
]);

function takesAccessExclusive(command: AlterTableCmd): boolean {
  if (command.subtype === undefined || WEAKER_THAN_ACCESS_EXCLUSIVE.has(command.subtype)) return false;
  // A foreign key takes SHARE ROW EXCLUSIVE on both tables; DETACH ... CONCURRENTLY, SHARE UPDATE EXCLUSIVE.
  if (addedConstraint(command)?.contype === 'CONSTR_FOREIGN') return false;
  if (command.subtype === 'AT_DetachPartition' && as(command.def, 'PartitionCmd')?.concurrent) return false;
  return true;
}

/** The existing tables `statement` locks ACCESS EXCLUSIVE (a dropped table is gone, so DROP is not one). */
export function accessExclusiveTables(model: FileModel, statement: StatementModel): LockedTable[] {
  const node = statement.parsed.node;
  const tables: RangeVar[] = [];
  const add = (relation: RangeVar | undefined): void => {
    if (relation?.relname && isExistingTable(model, relation, statement)) tables.push(relation);
  };

  const alter = as(node, 'AlterTableStmt');
  if (alter?.objtype === 'OBJECT_TABLE') {
    const commands = (alter.cmds ?? []).map((cmd) => as(cmd, 'AlterTableCmd')).filter((cmd): cmd is AlterTableCmd => cmd !== undefined);
    if (commands.some(takesAccessExclusive)) add(alter.relation);
    // ATTACH PARTITION: SHARE UPDATE EXCLUSIVE on the parent, ACCESS EXCLUSIVE on the table attached.
    for (const command of commands) if (command.subtype === 'AT_AttachPartition') add(as(command.def, 'PartitionCmd')?.name);
  }
  const rename = as(node, 'RenameStmt');
  if (rename && (rename.renameType === 'OBJECT_TABLE' || rename.renameType === 'OBJECT_TABCONSTRAINT' || (rename.renameType === 'OBJECT_COLUMN' && rename.relationType === 'OBJECT_TABLE'))) {
    add(rename.relation);
  }
  for (const relation of as(node, 'TruncateStmt')?.relations ?? []) add(as(relation, 'RangeVar'));
  const lock = as(node, 'LockStmt');
  // Mode 8 is ACCESS EXCLUSIVE, LOCK TABLE's default.
  if (lock && (lock.mode ?? 8) === 8) for (const relation of lock.relations ?? []) add(as(relation, 'RangeVar'));
  const create = as(node, 'CreateStmt');
  // CREATE TABLE ... PARTITION OF locks the parent ACCESS EXCLUSIVE.
  if (create?.partbound) add(as(create.inhRelations?.[0], 'RangeVar'));
  add(as(node, 'ClusterStmt')?.relation);
  const refresh = as(node, 'RefreshMatViewStmt');
  if (refresh && !refresh.concurrent) add(refresh.relation);

  const seen = new Set<string>();
  const locked: LockedTable[] = [];
  for (const relation of tables) {
    const key = relationKey(relation, statement.defaultSchema);
    if (seen.has(key)) continue;
    seen.add(key);
    locked.push({ relation, key });
  }
  return locked;
}

/** A statement whose run time grows with the size of an existing table. */
export interface Work {
  statement: StatementModel;
  /** What it does, for messages: `UPDATE accounts`, `CREATE INDEX on accounts`, ... */
  description: string;
  /** The tables it works on (`schema.name`); empty when the statement does not name them (REINDEX INDEX). */
  tables: string[];
  /** A VALIDATE CONSTRAINT: the constraint, to tell one added NOT VALID in the same transaction. */
  validates?: string;
}

/** The work `statement` does on existing tables, or undefined when it is instant or on new tables only. */
export function workOf(model: FileModel, statement: StatementModel): Work | undefined {
  const node = statement.parsed.node;
  const existing = (relation: RangeVar | undefined): relation is RangeVar => relation?.relname !== undefined && isExistingTable(model, relation, statement);
  const key = (relation: RangeVar): string => relationKey(relation, statement.defaultSchema);
  const work = (description: string, tables: RangeVar[], extra: Partial<Work> = {}): Work => ({
    statement,
    description,
    tables: tables.map(key),
    ...extra,
  });

  const update = as(node, 'UpdateStmt');
  if (update) return existing(update.relation) ? work(`UPDATE ${displayName(update.relation)}`, [update.relation]) : undefined;
  const del = as(node, 'DeleteStmt');
  if (del) return existing(del.relation) ? work(`DELETE FROM ${displayName(del.relation)}`, [del.relation]) : undefined;
  const insert = as(node, 'InsertStmt');
  if (insert) {
    const read = tablesRead(model, statement, insert.selectStmt, node);
    if (read.length === 0) return undefined;
    const target = existing(insert.relation) ? [insert.relation] : [];
    return work(`INSERT INTO ${displayName(insert.relation)} ... SELECT FROM ${displayName(read[0])}`, [...target, ...read]);
  }
  const createAs = as(node, 'CreateTableAsStmt');
  if (createAs) {
    if (createAs.into?.skipData) return undefined;
    const read = tablesRead(model, statement, createAs.query, node);
    if (read.length === 0) return undefined;
    const kind = createAs.objtype === 'OBJECT_MATVIEW' ? 'CREATE MATERIALIZED VIEW' : 'CREATE TABLE';
    return work(`${kind} ${displayName(createAs.into?.rel)} AS SELECT FROM ${displayName(read[0])}`, read);
  }
  const index = as(node, 'IndexStmt');
  if (index) {
    if (index.concurrent || !existing(index.relation)) return undefined;
    return work(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX on ${displayName(index.relation)}`, [index.relation]);
  }
  const alter = as(node, 'AlterTableStmt');
  if (alter?.objtype === 'OBJECT_TABLE') return alterWork(model, statement, alter.relation, alter.cmds ?? [], work);
  const cluster = as(node, 'ClusterStmt');
  if (cluster) return existing(cluster.relation) ? work(`CLUSTER ${displayName(cluster.relation)}`, [cluster.relation]) : undefined;
  const refresh = as(node, 'RefreshMatViewStmt');
  if (refresh) return existing(refresh.relation) ? work(`REFRESH MATERIALIZED VIEW ${displayName(refresh.relation)}`, [refresh.relation]) : undefined;
  const reindex = as(node, 'ReindexStmt');
  if (reindex && !isConcurrentReindex(reindex)) {
    if (reindex.kind === 'REINDEX_OBJECT_TABLE') return existing(reindex.relation) ? work(`REINDEX TABLE ${displayName(reindex.relation)}`, [reindex.relation]) : undefined;
    if (reindex.kind === 'REINDEX_OBJECT_INDEX' && reindex.relation?.relname) {
      const name = reindex.relation.schemaname ? `${reindex.relation.schemaname}.${reindex.relation.relname}` : reindex.relation.relname;
      return isIndexCreatedInFile(model, name, statement) ? undefined : work(`REINDEX INDEX ${name}`, []);
    }
  }
  return undefined;
}

type MakeWork = (description: string, tables: RangeVar[], extra?: Partial<Work>) => Work;

/** The first sub-command of an ALTER TABLE on an existing table that scans, rewrites or indexes it. */
function alterWork(model: FileModel, statement: StatementModel, relation: RangeVar | undefined, commands: Node[], work: MakeWork): Work | undefined {
  if (!relation?.relname) return undefined;
  const table = displayName(relation);
  for (const node of commands) {
    const command = as(node, 'AlterTableCmd');
    if (!command) continue;
    // ATTACH PARTITION scans the table attached (unless a constraint proves its bound), whatever the parent.
    const partition = command.subtype === 'AT_AttachPartition' ? as(command.def, 'PartitionCmd')?.name : undefined;
    if (partition?.relname && isExistingTable(model, partition, statement)) return work(`ATTACH PARTITION ${displayName(partition)}`, [partition]);
    // A table created earlier in the file is empty: none of the rest takes any time on it.
    if (!isExistingTable(model, relation, statement)) continue;
    const description = alterCommandWork(command);
    if (description === undefined) continue;
    const validates = command.subtype === 'AT_ValidateConstraint' && command.name ? constraintKey(relation, statement, command.name) : undefined;
    return work(`ALTER TABLE ${table} ${description}`, [relation], validates === undefined ? {} : { validates });
  }
  return undefined;
}

const REWRITES = new Set(['AT_SetTableSpace', 'AT_SetLogged', 'AT_SetUnLogged', 'AT_SetAccessMethod', 'AT_SetExpression']);

/** What the sub-command does that reads or rewrites every row, or undefined. */
function alterCommandWork(command: AlterTableCmd): string | undefined {
  const constraint = addedConstraint(command);
  if (constraint) {
    if (constraint.skip_validation) return undefined;
    switch (constraint.contype) {
      case 'CONSTR_FOREIGN':
        return 'ADD FOREIGN KEY';
      case 'CONSTR_CHECK':
        return 'ADD CHECK';
      case 'CONSTR_NOTNULL':
        return 'ADD NOT NULL';
      case 'CONSTR_PRIMARY':
      case 'CONSTR_UNIQUE':
      case 'CONSTR_EXCLUSION':
        // USING INDEX takes an index built before: nothing to build.
        return constraint.indexname ? undefined : `ADD ${constraint.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : constraint.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'EXCLUDE'}`;
      default:
        return undefined;
    }
  }
  const column = addedColumn(command);
  if (column) {
    const name = column.colname ?? '?';
    const rewrites =
      columnConstraint(column, 'CONSTR_IDENTITY') !== undefined ||
      isSerialType(column.typeName) ||
      columnConstraint(column, 'CONSTR_GENERATED')?.generated_kind === 's' ||
      volatileCall(columnConstraint(column, 'CONSTR_DEFAULT')?.raw_expr) !== undefined;
    if (rewrites) return `ADD COLUMN ${name} (rewrite)`;
    const indexed = columnConstraints(column).some((c) => c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE');
    if (indexed) return `ADD COLUMN ${name} (index build)`;
    const checked = columnConstraint(column, 'CONSTR_CHECK') !== undefined;
    if (checked) return `ADD COLUMN ${name} CHECK`;
    return undefined;
  }
  switch (command.subtype) {
    case 'AT_ValidateConstraint':
      return `VALIDATE CONSTRAINT ${command.name ?? '?'}`;
    case 'AT_AlterColumnType':
      return `ALTER COLUMN ${command.name ?? '?'} TYPE`;
    case 'AT_SetNotNull':
      return `ALTER COLUMN ${command.name ?? '?'} SET NOT NULL`;
    default:
      return command.subtype !== undefined && REWRITES.has(command.subtype) ? `${command.subtype.replace(/^AT_/, '')} (rewrite)` : undefined;
  }
}

/** Existing tables a query reads (a VALUES list reads none; a CTE's own name is not a table). */
function tablesRead(model: FileModel, statement: StatementModel, query: Node | undefined, whole: Node): RangeVar[] {
  if (!query || as(query, 'SelectStmt')?.valuesLists) return [];
  const cteNames = new Set(findAll(whole, 'CommonTableExpr').map((cte) => cte.ctename));
  return findAll(query, 'RangeVar').filter(
    (relation) => relation.relname !== undefined && !(relation.schemaname === undefined && cteNames.has(relation.relname)) && isExistingTable(model, relation, statement),
  );
}

/** Flyway runs a migration that holds a statement it detects (CONCURRENTLY, VACUUM, ...) without its transaction. */
export const runnerDropsTransaction = perFile(
  (model: FileModel): boolean =>
    model.scope.wrapsFile &&
    model.scope.nonTransactional === 'detected' &&
    model.statements.some((statement) => statement.parsed.origin === 'file' && cannotRunInTransaction(statement.parsed.node)),
);

/**
 * Which statements share a transaction whose locks last until it ends, as an id per statement
 * (indexed like `model.statements`). A statement alone in its id runs in autocommit: its locks end
 * with it. Flyway runs a migration holding a statement it detects (CONCURRENTLY, VACUUM, ...)
 * without its own transaction, so only the file's BEGIN ... COMMIT blocks count there.
 */
export const lockHoldingTransactions = perFile((model: FileModel): readonly number[] => {
  if (!runnerDropsTransaction(model)) return transactionIds(model);
  const ids: number[] = [];
  let next = 0;
  let block: number | undefined;
  for (const statement of model.statements) {
    const parent = statement.parsed.parentIndex;
    ids.push(parent !== undefined ? ids[parent]! : (block ?? next++));
    if (parent !== undefined) continue;
    const transaction = as(statement.parsed.node, 'TransactionStmt');
    switch (transaction?.kind) {
      case 'TRANS_STMT_BEGIN':
      case 'TRANS_STMT_START':
        block ??= next++;
        break;
      case 'TRANS_STMT_COMMIT':
      case 'TRANS_STMT_ROLLBACK':
        block = transaction.chain ? next++ : undefined;
        break;
      case 'TRANS_STMT_PREPARE':
        block = undefined;
        break;
      default:
        break;
    }
  }
  return ids;
});
