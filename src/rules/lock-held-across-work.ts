// A lock lasts until the transaction that took it ends. An ALTER TABLE on an existing table is
// usually instant, but its ACCESS EXCLUSIVE lock stays held while the statements after it in the
// same transaction (the runner's per-migration transaction, or the file's BEGIN ... COMMIT) run: a
// backfill UPDATE, a CREATE INDEX, a foreign key's validation. Every read and write of the table
// waits for all of that, not for the instant of the ALTER. Autocommit statements release their
// locks as they end, so only statements that share a transaction count. Tables created in the
// file (or by an earlier new migration of the change) are empty and unused: no finding.
//
// When the database stage ran the file, the lock trace confirms the finding with what it saw
// (verify/held-lock-evidence.ts appends it; there is no second finding).

import { relationKey, type FileModel, type StatementModel } from '../lint/file-model.js';
import { as, displayName } from '../sql/ast.js';
import { defineRule, type RuleContext } from './rule.js';
import { addedConstraint, constraintKey } from './util/constraints.js';
import { droppedTables } from './util/dropped-objects.js';
import { accessExclusiveTables, lockHoldingTransactions, runnerDropsTransaction, workOf, type LockedTable, type Work } from './util/held-locks.js';

type MessageId = 'held' | 'several-tables';

/** Work statements named in a message before "and N more". */
const LISTED_WORK = 2;

export default defineRule<MessageId>({
  meta: {
    id: 'lock-held-across-work',
    description: 'An ACCESS EXCLUSIVE lock on an existing table must not stay held while later statements of the same transaction backfill, index or validate tables.',
    severity: 'warning',
    risk: 'medium',
    kind: 'statement',
    messages: {
      held: {
        message:
          "{{lock}} locks existing {{tables}} ACCESS EXCLUSIVE, and the lock stays held until {{until}}, through {{statements}} of the same transaction whose run time grows with a table's size: {{work}}. Every read and write of {{tables}} waits for all of them, not only for this statement.",
        help:
          'Keep the lock short: split the migration so that {{lock}} commits on its own{{withLockTimeout}}, backfill in batches outside that transaction (each batch committed on its own), build indexes with CREATE INDEX CONCURRENTLY and {{recipe}}, and add constraints NOT VALID and VALIDATE them in a later transaction.',
      },
      'several-tables': {
        message:
          'This transaction locks {{count}} existing tables ACCESS EXCLUSIVE ({{tables}}) and holds every lock until {{until}}: while a later lock waits behind another session\'s query, the tables locked before it stay blocked for reads and writes.',
        help: 'Lock one existing table per transaction: put the changes to each table in a migration (or a BEGIN ... COMMIT block) of its own{{withLockTimeout}}, so that a lock that has to wait blocks only its own table, and only briefly.',
        // Each ALTER alone is instant; what this adds is the wait of one lock multiplied over the others.
        severity: 'info',
      },
    },
  },
  check(context) {
    const { model } = context;
    const ids = lockHoldingTransactions(model);
    const transactions = new Map<number, StatementModel[]>();
    for (const statement of model.statements) {
      const id = ids[statement.index]!;
      const members = transactions.get(id);
      if (members) members.push(statement);
      else transactions.set(id, [statement]);
    }
    for (const statements of transactions.values()) if (statements.length > 1) checkTransaction(context, statements);
  },
});

interface TakenLock {
  statement: StatementModel;
  /** The tables this statement is the first in the transaction to lock ACCESS EXCLUSIVE. */
  tables: LockedTable[];
}

interface WorkInTransaction {
  work: Work;
  /** Tables the working statement itself locks ACCESS EXCLUSIVE: those it blocks anyway. */
  locksItself: ReadonlySet<string>;
}

function checkTransaction(context: RuleContext<MessageId>, statements: readonly StatementModel[]): void {
  const { model, report, lineOf } = context;
  const locks: TakenLock[] = [];
  const locked = new Set<string>();
  const works: WorkInTransaction[] = [];
  /** Constraints added NOT VALID earlier in this transaction: their VALIDATE is constraint-missing-not-valid's finding. */
  const addedNotValid = new Set<string>();

  // A table the transaction drops is blocked until it commits anyway, and gone after: holding its lock longer costs nothing.
  const droppedAt = new Map<string, number>();
  for (const statement of statements) {
    const drop = as(statement.parsed.node, 'DropStmt');
    if (drop) for (const table of droppedTables(drop)) droppedAt.set(relationKey(table, statement.defaultSchema), statement.index);
  }

  for (const statement of statements) {
    const taken = accessExclusiveTables(model, statement).filter((table) => !((droppedAt.get(table.key) ?? -1) > statement.index));
    const work = workOf(model, statement);
    if (work && !(work.validates !== undefined && addedNotValid.has(work.validates))) {
      works.push({ work, locksItself: new Set(taken.map((table) => table.key)) });
    }
    for (const name of constraintsAddedNotValid(statement)) addedNotValid.add(name);
    const fresh = taken.filter((table) => !locked.has(table.key));
    if (fresh.length === 0) continue;
    for (const table of fresh) locked.add(table.key);
    locks.push({ statement, tables: fresh });
  }

  let reported = false;
  for (const lock of locks) {
    // Work that itself locks every one of these tables ACCESS EXCLUSIVE would block them anyway.
    const under = works.filter(({ work, locksItself }) => work.statement.index > lock.statement.index && !lock.tables.every((table) => locksItself.has(table.key)));
    if (under.length === 0) continue;
    reported = true;
    report({
      messageId: 'held',
      statement: lock.statement,
      data: {
        lock: lockKind(lock.statement),
        tables: tablePhrase(lock.tables),
        until: heldUntil(model, lock.statement),
        statements: under.length === 1 ? '1 later statement' : `${under.length} later statements`,
        work: workList(under.map(({ work }) => work), lineOf),
        recipe: model.scope.outsideTransaction,
        withLockTimeout: withLockTimeout(lock.statement),
      },
    });
  }

  // Where the transaction also does slow work, the finding above already says to split it.
  if (reported || locks.length < 2) return;
  const second = locks[1]!;
  const tables = locks.flatMap((lock) => lock.tables.map((table) => `${displayName(table.relation)} (line ${lineOf(lock.statement)})`));
  report({
    messageId: 'several-tables',
    statement: second.statement,
    data: { count: locked.size, tables: tables.join(', '), until: heldUntil(model, second.statement), withLockTimeout: withLockTimeout(second.statement) },
  });
}

/** Advice to set lock_timeout, unless the file or the runner already set it for this statement. */
function withLockTimeout(statement: StatementModel): string {
  return statement.lockTimeoutSet ? '' : ' (with lock_timeout set)';
}

/** Keys of the constraints `statement` adds NOT VALID (ALTER TABLE ... ADD CONSTRAINT name ... NOT VALID). */
function constraintsAddedNotValid(statement: StatementModel): string[] {
  const alter = as(statement.parsed.node, 'AlterTableStmt');
  const names: string[] = [];
  for (const node of alter?.cmds ?? []) {
    const command = as(node, 'AlterTableCmd');
    const constraint = command ? addedConstraint(command) : undefined;
    if (constraint?.skip_validation && constraint.conname) names.push(constraintKey(alter?.relation, statement, constraint.conname));
  }
  return names;
}

/** The statement as a reader names it. */
function lockKind(statement: StatementModel): string {
  switch (statement.parsed.tag) {
    case 'RenameStmt':
      return 'ALTER TABLE ... RENAME';
    case 'TruncateStmt':
      return 'TRUNCATE';
    case 'LockStmt':
      return 'LOCK TABLE';
    case 'CreateStmt':
      return 'CREATE TABLE ... PARTITION OF';
    case 'ClusterStmt':
      return 'CLUSTER';
    case 'RefreshMatViewStmt':
      return 'REFRESH MATERIALIZED VIEW';
    default:
      return 'ALTER TABLE';
  }
}

function tablePhrase(tables: readonly LockedTable[]): string {
  const names = tables.map((table) => displayName(table.relation));
  return `${names.length === 1 ? 'table' : 'tables'} ${names.join(', ')}`;
}

/** `line 5 (UPDATE accounts)`, `line 5 (...) and line 7 (...)`, `line 5 (...), line 7 (...) and 3 more`. */
function workList(works: readonly Work[], lineOf: (statement: StatementModel) => number): string {
  const listed = works.slice(0, LISTED_WORK).map((work) => `line ${lineOf(work.statement)} (${work.description})`);
  const more = works.length - listed.length;
  if (more > 0) return `${listed.join(', ')} and ${more} more`;
  return listed.join(' and ');
}

/** When the transaction that holds the lock ends. */
function heldUntil(model: FileModel, statement: StatementModel): string {
  const parent = statement.parsed.parentIndex;
  const top = parent === undefined ? statement : model.statements[parent]!;
  // A DO block outside any transaction is one transaction of its own.
  if (parent !== undefined && !top.inTransaction) return 'the DO block ends';
  if (top.inExplicitTransaction || runnerDropsTransaction(model)) return 'the transaction commits';
  return model.scope.batchesPending ? `${model.scope.runner} commits the batch of pending migrations` : `${model.scope.runner} commits the migration`;
}
