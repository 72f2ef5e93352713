// What a rule needs to know about a statement beyond its syntax: which tables the same file created
// before it, whether a transaction is open when it runs, and whether lock_timeout is set. Built once
// per file by replaying the statements in order, the way the migration runner will.

import type { Node, RangeVar } from 'libpg-query';
import { as, constString, findAll, nameParts, stringValue } from '../sql/ast.js';
import type { ParsedStatement } from '../sql/parse.js';
import type { TransactionScope } from '../types.js';

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
}

export interface CreatedSpan {
  /** Index of the statement that created (or renamed to) the name. */
  from: number;
  /** Index of the statement that renamed or dropped it; that statement still sees the new table. */
  until?: number;
}

export interface FileModel {
  statements: StatementModel[];
  scope: TransactionScope;
  /** Whether the transaction that was open at the end of the file was opened by the file. */
  openAtEnd: { explicit: boolean; statementIndex: number } | undefined;
  /**
   * Tables (`schema.name`, as Postgres folds them) the file creates, with the statement range during
   * which that name refers to the new table: a RENAME or DROP ends it, a RENAME starts one under the
   * new name.
   */
  createdTables: ReadonlyMap<string, readonly CreatedSpan[]>;
  /** Indexes the file creates (`schema.name`), with the creating statement's index. */
  createdIndexes: ReadonlyMap<string, number>;
}

/** `schema.name` with the parser's case folding already applied to unquoted identifiers. */
export function relationKey(relation: RangeVar | undefined, defaultSchema: string): string {
  return `${relation?.schemaname ?? defaultSchema}.${relation?.relname ?? ''}`;
}

/** True when `relation` was created by this file before statement `statement` runs. */
export function isCreatedInFile(model: FileModel, relation: RangeVar | undefined, statement: StatementModel): boolean {
  if (relation?.relpersistence === 't') return true; // temporary tables never hold other sessions' rows
  const spans = model.createdTables.get(relationKey(relation, statement.defaultSchema)) ?? [];
  return spans.some((span) => span.from < statement.index && (span.until === undefined || statement.index <= span.until));
}

export function isIndexCreatedInFile(model: FileModel, name: string, statement: StatementModel): boolean {
  const createdAt = model.createdIndexes.get(name.includes('.') ? name : `${statement.defaultSchema}.${name}`);
  return createdAt !== undefined && createdAt < statement.index;
}

export function buildFileModel(parsed: ParsedStatement[], scope: TransactionScope): FileModel {
  const createdTables = new Map<string, CreatedSpan[]>();
  const createdIndexes = new Map<string, number>();
  const statements: StatementModel[] = [];

  let open: { explicit: boolean; statementIndex: number } | undefined = scope.wrapsFile
    ? { explicit: false, statementIndex: 0 }
    : undefined;
  let sessionLockTimeout = false;
  let localLockTimeout = false;
  let defaultSchema = 'public';

  parsed.forEach((statement, index) => {
    // A DO block is one statement: what runs inside it is always inside a transaction.
    const insideDoBlock = statement.origin === 'do-block';
    statements.push({
      index,
      parsed: statement,
      inTransaction: insideDoBlock || open !== undefined,
      inExplicitTransaction: open?.explicit ?? false,
      lockTimeoutSet: localLockTimeout || sessionLockTimeout,
      defaultSchema,
    });

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
    recordCreatedRelations(statement.node, index, defaultSchema, createdTables, createdIndexes);
  });

  const explicitOpen = open !== undefined && open.explicit ? open : undefined;
  return { statements, scope, openAtEnd: explicitOpen, createdTables, createdIndexes };
}

function recordCreatedRelations(
  node: Node,
  index: number,
  defaultSchema: string,
  tables: Map<string, CreatedSpan[]>,
  indexes: Map<string, number>,
): void {
  const open = (key: string): void => {
    const spans = tables.get(key) ?? [];
    spans.push({ from: index });
    tables.set(key, spans);
  };
  /** Ends the span of a table this file created; true when there was one. */
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
  // A table the file created keeps that status under its new name (RENAME keeps the schema).
  const rename = as(node, 'RenameStmt');
  if (rename?.renameType === 'OBJECT_TABLE' && rename.relation && rename.newname) {
    if (close(relationKey(rename.relation, defaultSchema))) open(`${rename.relation.schemaname ?? defaultSchema}.${rename.newname}`);
  }
  const drop = as(node, 'DropStmt');
  if (drop?.removeType === 'OBJECT_TABLE') {
    for (const object of drop.objects ?? []) {
      const parts = nameParts(as(object, 'List')?.items);
      const name = parts.at(-1);
      if (name) close(`${parts.length > 1 ? parts.at(-2) : defaultSchema}.${name}`);
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
