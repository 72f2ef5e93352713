// Enum changes a transaction has made and not committed yet. Postgres refuses to use a value that
// ALTER TYPE ... ADD VALUE added until its transaction commits (SQLSTATE 55P04, "unsafe use of new
// value"), so which transaction a statement runs in decides whether it may use the value. The file
// model replays them with the file's transactions; a runner that runs all pending migrations in one
// transaction (Drizzle) carries them from one file to the next.

import type { Node } from 'libpg-query';
import { as, nameParts } from '../sql/ast.js';
import type { ParsedStatement } from '../sql/parse.js';
import type { TransactionScope } from '../types.js';

/** An enum type as a statement names it, identifiers folded the way the parser folds them. */
export interface EnumTypeName {
  /** Absent when the statement does not qualify the name (the search_path decides). */
  schema?: string;
  name: string;
}

export interface AddedEnumValue {
  type: EnumTypeName;
  label: string;
  /**
   * The type was created earlier in the same transaction, both statements outside DO blocks (a DO
   * block's EXCEPTION clause makes a subtransaction, where Postgres does not track this): from
   * Postgres 17 the value may then be used at once, as if CREATE TYPE had listed it.
   */
  ofNewType: boolean;
  /** The ALTER TYPE ... ADD VALUE: a statement of this file, or the file and line of an earlier file of the batch. */
  addedBy: { statementIndex: number } | { path: string; line: number };
}

export interface UncommittedEnums {
  /** Types CREATE TYPE ... AS ENUM made in the transaction, outside DO blocks. */
  createdTypes: readonly EnumTypeName[];
  /** Values ALTER TYPE ... ADD VALUE added in the transaction, in order. */
  addedValues: readonly AddedEnumValue[];
}

export const NO_UNCOMMITTED_ENUMS: UncommittedEnums = { createdTypes: [], addedValues: [] };

/** The same type: same name, and same schema where both name one (an unqualified name may be either). */
export function sameEnumType(a: EnumTypeName, b: EnumTypeName): boolean {
  return a.name === b.name && (a.schema === undefined || b.schema === undefined || a.schema === b.schema);
}

/** A type's name from its qualified-name list (`TypeName.names`, `AlterEnumStmt.typeName`, ...). */
export function enumTypeName(names: Node[] | undefined): EnumTypeName {
  const parts = nameParts(names);
  const name = parts.at(-1) ?? '';
  return parts.length > 1 ? { schema: parts.at(-2)!, name } : { name };
}

/** `ALTER TYPE t ADD VALUE 'v'` (not RENAME VALUE), as the type and the new label. */
export function addedEnumValueOf(statement: ParsedStatement): { type: EnumTypeName; label: string } | undefined {
  const alter = as(statement.node, 'AlterEnumStmt');
  if (!alter || alter.oldVal !== undefined || alter.newVal === undefined) return undefined;
  return { type: enumTypeName(alter.typeName), label: alter.newVal };
}

export function isNewEnumType(uncommitted: UncommittedEnums, type: EnumTypeName): boolean {
  return uncommitted.createdTypes.some((created) => sameEnumType(created, type));
}

export interface EnumTracker {
  /** What is uncommitted in the transaction `statement` runs in, when it starts. */
  before(statement: { parsed: ParsedStatement; inTransaction: boolean }): UncommittedEnums;
  /** Records what `statement` created, added or committed. */
  after(statement: { index: number; parsed: ParsedStatement; inTransaction: boolean }): void;
  current(): UncommittedEnums;
}

/**
 * Replays the enum changes of a file in statement order. `topLevelCount` is the number of the
 * file's own statements: a runner that sends the whole file as one query gives a file of several
 * statements one implicit transaction, which a COMMIT ends only for a new implicit one to start.
 */
export function trackEnumChanges(scope: TransactionScope, topLevelCount: number, carried: UncommittedEnums = NO_UNCOMMITTED_ENUMS): EnumTracker {
  let state = carried;
  const implicitBlock = scope.wrapsFile && scope.nonTransactional === 'single-statement' && topLevelCount > 1;
  const inBlock = (statement: { inTransaction: boolean }): boolean => statement.inTransaction || implicitBlock;
  return {
    before(statement) {
      // A top-level statement outside any transaction runs in one of its own: what came before committed.
      if (statement.parsed.origin === 'file' && !inBlock(statement)) state = NO_UNCOMMITTED_ENUMS;
      return state;
    },
    after(statement) {
      const { parsed } = statement;
      const transaction = parsed.origin === 'file' ? as(parsed.node, 'TransactionStmt') : undefined;
      if (transaction?.kind === 'TRANS_STMT_COMMIT' || transaction?.kind === 'TRANS_STMT_ROLLBACK' || transaction?.kind === 'TRANS_STMT_PREPARE') {
        state = NO_UNCOMMITTED_ENUMS;
        return;
      }
      if (!inBlock(statement)) return;
      const created = as(parsed.node, 'CreateEnumStmt');
      if (created && parsed.origin === 'file') {
        state = { ...state, createdTypes: [...state.createdTypes, enumTypeName(created.typeName)] };
      }
      const added = addedEnumValueOf(parsed);
      if (added) {
        const ofNewType = parsed.origin === 'file' && isNewEnumType(state, added.type);
        state = { ...state, addedValues: [...state.addedValues, { ...added, ofNewType, addedBy: { statementIndex: statement.index } }] };
      }
    },
    current: () => state,
  };
}
