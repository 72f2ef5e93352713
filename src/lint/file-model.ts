// What a rule needs to know about a statement beyond its syntax: which tables are new when it runs
// (created earlier in the file, or by an earlier new migration of the same change), whether a
// transaction is open when it runs, what that transaction changed in enum types and has not
// committed yet, and whether lock_timeout is set. Built once per file by replaying the statements
// in order, the way the migration runner will.

import type { Node, RangeVar } from 'libpg-query';
import { as, constString, findAll, nameParts, stringValue } from '../sql/ast.js';
import type { ParsedStatement } from '../sql/parse.js';
import type { TransactionScope } from '../types.js';
import { chainProofs, NO_LAZY_NOT_NULL_PROOFS, NotNullProofBook, type LazyNotNullProofs } from './not-null-proofs.js';
import { trackEnumChanges, type UncommittedEnums } from './uncommitted-enums.js';

export interface StatementModel {
  /** Index in `FileModel.statements`. */
  index: number;
  parsed: ParsedStatement;
  /** A transaction is open when this statement starts (explicit BEGIN, or the runner's). */
  inTransaction: boolean;
  /** The open transaction was started by a BEGIN in the file (not by the runner). */
  inExplicitTransaction: boolean;
  /** lock_timeout is set to a non-zero value for this statement. */
  lockTimeoutSet: boolean;
  /** First schema of the search_path in effect (where unqualified names resolve). */
  defaultSchema: string;
  /**
   * Enum types created and values added earlier in the transaction this statement runs in, not
   * committed yet (also by earlier files of a batch the runner runs in one transaction).
   */
  uncommittedEnums: UncommittedEnums;
}

export interface CreatedSpan {
  /** Index of the statement that created (or renamed to) the name. */
  from: number;
  /** Index of the statement that renamed or dropped it; that statement still sees the new table. */
  until?: number;
}

/** What a file starts with that the statements before it (in earlier files) established. */
export interface FileContext {
  /**
   * Tables (`schema.name`) created by earlier new migrations of the same change and not yet live:
   * they ship together, so at deploy time these tables are new and empty like the file's own.
   */
  newTables?: ReadonlySet<string>;
  /** The runner sets lock_timeout for the session before each file (config `runner.settings`). */
  lockTimeoutSet?: boolean;
  /**
   * What the runner's transaction holds uncommitted when the file starts: the enum changes of the
   * earlier files of the same pending batch. Only a scope that batches pending migrations in one
   * transaction (`TransactionScope.batchesPending`) starts with any; other scopes ignore it.
   */
  uncommittedEnums?: UncommittedEnums;
  /**
   * The CHECK (and NOT NULL) constraints proving columns NOT NULL that the migrations before this
   * one left in place (the merged history, then the earlier migrations of the change).
   */
  notNullProofs?: LazyNotNullProofs;
}

export interface FileModel {
  statements: StatementModel[];
  scope: TransactionScope;
  /** Whether the transaction that was open at the end of the file was opened by the file. */
  openAtEnd: { explicit: boolean; statementIndex: number } | undefined;
  /**
   * New tables (`schema.name`, as Postgres folds them): those the file creates and those of
   * `FileContext.newTables` (with `from: -1`), each with the statement range during which that name
   * refers to the new table. A DROP ends it; a RENAME ends it and starts one under the new name,
   * unless the new name is one an existing table left in this file (the swap pattern), where the
   * table goes live; an ATTACH PARTITION onto an existing table makes it live too.
   */
  createdTables: ReadonlyMap<string, readonly CreatedSpan[]>;
  /** The new tables still new after the last statement: what the next new migration starts with. */
  newTablesAtEnd: ReadonlySet<string>;
  /** Indexes the file creates (`schema.name`), with the creating statement's index. */
  createdIndexes: ReadonlyMap<string, number>;
  /** Enum changes still uncommitted after the last statement: what the next file of a batch starts with. */
  uncommittedEnumsAtEnd: UncommittedEnums;
  /** The NOT NULL proofs in place when the file starts (FileContext.notNullProofs), worked out when called. */
  notNullProofsAtStart: LazyNotNullProofs;
  /** Those in place after its last statement: what the next migration starts with. */
  notNullProofsAtEnd: LazyNotNullProofs;
}

/** `schema.name` with the parser's case folding already applied to unquoted identifiers. */
export function relationKey(relation: RangeVar | undefined, defaultSchema: string): string {
  return `${relation?.schemaname ?? defaultSchema}.${relation?.relname ?? ''}`;
}

/** True when `relation` is a new table when `statement` runs (created by this file or an earlier new migration). */
export function isCreatedInFile(model: FileModel, relation: RangeVar | undefined, statement: StatementModel): boolean {
  if (relation?.relpersistence === 't') return true; // temporary tables never hold other sessions' rows
  const spans = model.createdTables.get(relationKey(relation, statement.defaultSchema)) ?? [];
  return spans.some((span) => span.from < statement.index && (span.until === undefined || statement.index <= span.until));
}

export function isIndexCreatedInFile(model: FileModel, name: string, statement: StatementModel): boolean {
  const createdAt = model.createdIndexes.get(name.includes('.') ? name : `${statement.defaultSchema}.${name}`);
  return createdAt !== undefined && createdAt < statement.index;
}

export function buildFileModel(parsed: ParsedStatement[], scope: TransactionScope, context: FileContext = {}): FileModel {
  const createdTables = new Map<string, CreatedSpan[]>();
  for (const key of context.newTables ?? []) createdTables.set(key, [{ from: -1 }]);
  /** Names that existing tables gave up in this file (renamed away or dropped): a table renamed into one goes live. */
  const vacated = new Set<string>();
  const createdIndexes = new Map<string, number>();
  const statements: StatementModel[] = [];

  let open: { explicit: boolean; statementIndex: number } | undefined = scope.wrapsFile
    ? { explicit: false, statementIndex: 0 }
    : undefined;
  let sessionLockTimeout = context.lockTimeoutSet ?? false;
  let localLockTimeout = false;
  let defaultSchema = 'public';
  const topLevelCount = parsed.filter((statement) => statement.origin === 'file').length;
  const enums = trackEnumChanges(scope, topLevelCount, scope.batchesPending ? context.uncommittedEnums : undefined);
  const notNullProofsAtStart = context.notNullProofs ?? NO_LAZY_NOT_NULL_PROOFS;
  // The statements that may add, validate or drop a proof, replayed only when the proofs are asked for.
  const proofSteps: Array<{ node: Node; index: number; defaultSchema: string }> = [];

  parsed.forEach((statement, index) => {
    // A DO block is one statement: what runs inside it is always inside a transaction.
    const insideDoBlock = statement.origin === 'do-block';
    const inTransaction = insideDoBlock || open !== undefined;
    const statementModel: StatementModel = {
      index,
      parsed: statement,
      inTransaction,
      inExplicitTransaction: open?.explicit ?? false,
      lockTimeoutSet: localLockTimeout || sessionLockTimeout,
      defaultSchema,
      uncommittedEnums: enums.before({ parsed: statement, inTransaction }),
    };
    statements.push(statementModel);
    enums.after(statementModel);

    const transaction = insideDoBlock ? undefined : as(statement.node, 'TransactionStmt');
    if (transaction) {
      switch (transaction.kind) {
        case 'TRANS_STMT_BEGIN':
        case 'TRANS_STMT_START':
          open ??= { explicit: true, statementIndex: index };
          break;
        case 'TRANS_STMT_COMMIT':
        case 'TRANS_STMT_ROLLBACK':
          localLockTimeout = false;
          // AND CHAIN ends the transaction and at once starts a new one with the same settings.
          open = transaction.chain && open ? { explicit: true, statementIndex: index } : undefined;
          break;
        case 'TRANS_STMT_PREPARE':
          open = undefined;
          localLockTimeout = false;
          break;
        default:
          break;
      }
    }

    const setting = lockTimeoutChange(statement.node);
    if (setting) {
      // SET LOCAL outside a transaction has no effect (Postgres warns and ignores it).
      if (setting.local) localLockTimeout = open !== undefined && setting.enabled;
      else sessionLockTimeout = setting.enabled;
    }
    defaultSchema = searchPathChange(statement.node) ?? defaultSchema;
    proofSteps.push({ node: statement.node, index, defaultSchema });
    recordCreatedRelations(statement.node, index, defaultSchema, { tables: createdTables, indexes: createdIndexes, vacated });
  });

  const explicitOpen = open !== undefined && open.explicit ? open : undefined;
  const newTablesAtEnd = new Set([...createdTables].filter(([, spans]) => spans.some((span) => span.until === undefined)).map(([key]) => key));
  return {
    statements,
    scope,
    openAtEnd: explicitOpen,
    createdTables,
    newTablesAtEnd,
    createdIndexes,
    uncommittedEnumsAtEnd: enums.current(),
    notNullProofsAtStart,
    notNullProofsAtEnd: chainProofs(notNullProofsAtStart, (start) => {
      const proofs = new NotNullProofBook(start);
      for (const step of proofSteps) proofs.apply(step.node, step.index, step.defaultSchema);
      return proofs.atEnd();
    }),
  };
}

interface RelationBook {
  tables: Map<string, CreatedSpan[]>;
  indexes: Map<string, number>;
  vacated: Set<string>;
}

function recordCreatedRelations(node: Node, index: number, defaultSchema: string, book: RelationBook): void {
  const { tables, indexes, vacated } = book;
  const open = (key: string): void => {
    const spans = tables.get(key) ?? [];
    spans.push({ from: index });
    tables.set(key, spans);
  };
  const isNew = (key: string): boolean => tables.get(key)?.some((s) => s.until === undefined) ?? false;
  /** Ends the span of a new table; true when there was one. */
  const close = (key: string): boolean => {
    const span = tables.get(key)?.find((s) => s.until === undefined);
    if (span) span.until = index;
    return span !== undefined;
  };

  const create = as(node, 'CreateStmt');
  if (create?.relation) open(relationKey(create.relation, defaultSchema));
  const createAs = as(node, 'CreateTableAsStmt');
  if (createAs?.into?.rel) open(relationKey(createAs.into.rel, defaultSchema));
  const indexStmt = as(node, 'IndexStmt');
  if (indexStmt?.idxname) {
    indexes.set(`${indexStmt.relation?.schemaname ?? defaultSchema}.${indexStmt.idxname}`, index);
  }
  const rename = as(node, 'RenameStmt');
  if (rename?.renameType === 'OBJECT_TABLE' && rename.relation && rename.newname) {
    const from = relationKey(rename.relation, defaultSchema);
    const to = `${rename.relation.schemaname ?? defaultSchema}.${rename.newname}`;
    // A new table keeps that status under its new name (RENAME keeps the schema), unless it takes
    // the name an existing table just gave up: queries for that name now reach it.
    if (close(from)) {
      if (!vacated.has(to)) open(to);
    } else {
      vacated.add(from);
    }
  }
  const drop = as(node, 'DropStmt');
  if (drop?.removeType === 'OBJECT_TABLE') {
    for (const object of drop.objects ?? []) {
      const parts = nameParts(as(object, 'List')?.items);
      const name = parts.at(-1);
      if (!name) continue;
      const key = `${parts.length > 1 ? parts.at(-2) : defaultSchema}.${name}`;
      if (!close(key)) vacated.add(key);
    }
  }
  // ATTACH PARTITION onto an existing table: the partition now holds rows the application reads and writes.
  const alter = as(node, 'AlterTableStmt');
  if (alter?.relation && !isNew(relationKey(alter.relation, defaultSchema))) {
    for (const cmd of alter.cmds ?? []) {
      const command = as(cmd, 'AlterTableCmd');
      const partition = command?.subtype === 'AT_AttachPartition' ? as(command.def, 'PartitionCmd')?.name : undefined;
      if (partition) close(relationKey(partition, defaultSchema));
    }
  }
}

interface LockTimeoutChange {
  local: boolean;
  enabled: boolean;
}

/** `SET [LOCAL] lock_timeout = ...`, `RESET lock_timeout`, or `SELECT set_config('lock_timeout', ...)`. */
function lockTimeoutChange(node: Node): LockTimeoutChange | undefined {
  const set = as(node, 'VariableSetStmt');
  if (set) {
    if (set.kind === 'VAR_RESET_ALL') return { local: false, enabled: false };
    if (set.name !== 'lock_timeout') return undefined;
    const value = set.kind === 'VAR_SET_VALUE' ? constString(set.args?.[0]) : undefined;
    return { local: set.is_local ?? false, enabled: value !== undefined && isNonZeroTimeout(value) };
  }
  if (!as(node, 'SelectStmt')) return undefined;
  for (const call of findAll(node, 'FuncCall')) {
    const name = nameParts(call.funcname).at(-1);
    if (name !== 'set_config') continue;
    const [setting, value, isLocal] = call.args ?? [];
    if (constString(setting) !== 'lock_timeout') continue;
    const text = constString(value);
    const local = as(isLocal, 'A_Const')?.boolval?.boolval ?? false;
    return { local, enabled: text !== undefined && isNonZeroTimeout(text) };
  }
  return undefined;
}

function isNonZeroTimeout(value: string): boolean {
  const number = Number.parseFloat(value);
  return Number.isFinite(number) && number > 0;
}

function searchPathChange(node: Node): string | undefined {
  const set = as(node, 'VariableSetStmt');
  if (set?.name !== 'search_path') return undefined;
  if (set.kind !== 'VAR_SET_VALUE') return 'public';
  const first = set.args?.[0];
  const schema = constString(first) ?? stringValue(first);
  // `"$user", public`: with no per-user schema in a migration database, the next entry wins.
  if (schema === '$user') return constString(set.args?.[1]) ?? 'public';
  return schema ?? 'public';
}
