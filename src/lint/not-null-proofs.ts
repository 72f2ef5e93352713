// Validated CHECK (col IS NOT NULL) constraints, followed from statement to statement and from one
// migration to the next. Since PostgreSQL 12, SET NOT NULL skips its full-table scan when such a
// constraint proves the column has no NULL, and the documented recipe spreads over migrations: add
// the CHECK NOT VALID, VALIDATE it, then SET NOT NULL later. So what a file can rely on is what the
// merged history and the earlier migrations of the change left in place, plus its own statements.

import type { Constraint, Node, RangeVar } from 'libpg-query';
import { as, findAll, nameParts } from '../sql/ast.js';

export interface NotNullProof {
  /** `schema.table`, as Postgres folds the names. */
  table: string;
  /** The constraint's name (Postgres's own choice for an unnamed one). */
  name: string;
  /** The columns it proves NOT NULL. */
  columns: readonly string[];
  /**
   * Index of the statement of this file that validated it (added without NOT VALID, or VALIDATE
   * CONSTRAINT); -1 when it was validated before the file; undefined while it is NOT VALID.
   */
  validatedAt: number | undefined;
}

export type NotNullProofs = readonly NotNullProof[];

export const NO_NOT_NULL_PROOFS: NotNullProofs = [];

/**
 * Proofs worked out only when asked, once. Only a SET NOT NULL on an existing table needs them, and
 * working them out means parsing every merged migration before it (78 ms of an 800-migration
 * history's `check`), so a change without one never pays for that.
 */
export type LazyNotNullProofs = () => NotNullProofs;

export const NO_LAZY_NOT_NULL_PROOFS: LazyNotNullProofs = () => NO_NOT_NULL_PROOFS;

interface ProofLink {
  before: LazyNotNullProofs;
  step: (before: NotNullProofs) => NotNullProofs;
  value?: NotNullProofs;
}

const links = new WeakMap<LazyNotNullProofs, ProofLink>();

/**
 * The proofs after one more migration (or file): `step` applied to those `before` it, when asked.
 * A chain of them (one link per merged migration) is worked out in a loop, not by recursion, so
 * that a history of thousands of migrations cannot overflow the stack.
 */
export function chainProofs(before: LazyNotNullProofs, step: (before: NotNullProofs) => NotNullProofs): LazyNotNullProofs {
  const lazy: LazyNotNullProofs = () => settle(lazy);
  links.set(lazy, { before, step });
  return lazy;
}

function settle(lazy: LazyNotNullProofs): NotNullProofs {
  const unsettled: ProofLink[] = [];
  let current = lazy;
  let link = links.get(current);
  while (link && link.value === undefined) {
    unsettled.push(link);
    current = link.before;
    link = links.get(current);
  }
  let value = link?.value ?? current();
  for (const next of unsettled.reverse()) {
    value = next.step(value);
    next.value = value;
  }
  return value;
}

/**
 * Columns that a CHECK expression proves NOT NULL: `c IS NOT NULL`, possibly AND-ed with other
 * conditions. Postgres (12+) uses such a validated constraint to skip SET NOT NULL's table scan.
 */
export function columnsProvedNotNull(expression: Node | undefined): string[] {
  const and = as(expression, 'BoolExpr');
  if (and?.boolop === 'AND_EXPR') return (and.args ?? []).flatMap((arg) => columnsProvedNotNull(arg));
  const test = as(expression, 'NullTest');
  if (test?.nulltesttype !== 'IS_NOT_NULL') return [];
  const column = nameParts(as(test.arg, 'ColumnRef')?.fields).at(-1);
  return column === undefined ? [] : [column];
}

/** The proofs of a file, replayed statement by statement. */
export class NotNullProofBook {
  private proofs: NotNullProof[];

  constructor(carried: NotNullProofs = NO_NOT_NULL_PROOFS) {
    this.proofs = carried.map((proof) => ({ ...proof }));
  }

  /**
   * A proof of `table`.`column` validated before the statement at `index`. Within one ALTER TABLE,
   * Postgres decides whether to scan before the statement's own constraints are in place, so only
   * earlier statements count.
   */
  provedBefore(table: string, column: string, index: number): NotNullProof | undefined {
    return this.proofs.find((proof) => proof.table === table && proof.columns.includes(column) && proof.validatedAt !== undefined && proof.validatedAt < index);
  }

  /** What the proofs are after the last statement, as the next file starts with them. */
  atEnd(): NotNullProofs {
    return this.proofs.map((proof) => ({ ...proof, validatedAt: proof.validatedAt === undefined ? undefined : -1 }));
  }

  /** Records what the statement at `index` adds, validates, drops or renames. */
  apply(node: Node, index: number, defaultSchema: string): void {
    const key = (relation: RangeVar | undefined): string => `${relation?.schemaname ?? defaultSchema}.${relation?.relname ?? ''}`;
    const create = as(node, 'CreateStmt');
    if (create?.relation) {
      // CREATE TABLE checks hold at once: the table has no rows to check.
      for (const constraint of createdChecks(create.tableElts)) this.add(key(create.relation), create.relation.relname ?? '', constraint, index);
      return;
    }
    const alter = as(node, 'AlterTableStmt');
    if (alter?.relation && alter.objtype === 'OBJECT_TABLE') {
      const table = key(alter.relation);
      for (const commandNode of alter.cmds ?? []) {
        const command = as(commandNode, 'AlterTableCmd');
        const constraint = command?.subtype === 'AT_AddConstraint' ? as(command.def, 'Constraint') : undefined;
        if (constraint) this.add(table, alter.relation.relname ?? '', constraint, constraint.skip_validation ? undefined : index);
        else if (command?.subtype === 'AT_ValidateConstraint') this.find(table, command.name).forEach((proof) => (proof.validatedAt ??= index));
        else if (command?.subtype === 'AT_DropConstraint') this.remove((proof) => proof.table === table && proof.name === command.name);
        // Dropping a column drops the constraints that use it.
        else if (command?.subtype === 'AT_DropColumn') this.remove((proof) => proof.table === table && proof.columns.includes(command.name ?? ''));
      }
      return;
    }
    const rename = as(node, 'RenameStmt');
    if (rename?.relation && rename.newname) {
      const table = key(rename.relation);
      if (rename.renameType === 'OBJECT_TABLE') {
        const renamed = `${rename.relation.schemaname ?? defaultSchema}.${rename.newname}`;
        for (const proof of this.proofs) if (proof.table === table) proof.table = renamed;
      } else if (rename.renameType === 'OBJECT_COLUMN' && rename.subname) {
        // A constraint refers to its columns by number: it follows the rename.
        for (const proof of this.proofs) {
          if (proof.table === table) proof.columns = proof.columns.map((column) => (column === rename.subname ? rename.newname! : column));
        }
      } else if (rename.renameType === 'OBJECT_TABCONSTRAINT') {
        this.find(table, rename.subname).forEach((proof) => (proof.name = rename.newname!));
      }
      return;
    }
    const drop = as(node, 'DropStmt');
    if (drop?.removeType === 'OBJECT_TABLE') {
      for (const object of drop.objects ?? []) {
        const parts = nameParts(as(object, 'List')?.items);
        const table = `${parts.length > 1 ? parts.at(-2) : defaultSchema}.${parts.at(-1) ?? ''}`;
        this.remove((proof) => proof.table === table);
      }
    }
  }

  private add(table: string, relname: string, constraint: Constraint, validatedAt: number | undefined): void {
    const notNull = constraint.contype === 'CONSTR_NOTNULL';
    if (constraint.contype !== 'CONSTR_CHECK' && !notNull) return;
    const columns = notNull ? nameParts(constraint.keys) : columnsProvedNotNull(constraint.raw_expr);
    if (columns.length === 0) return;
    const name = constraint.conname ?? generatedName(relname, constraint, notNull);
    this.remove((proof) => proof.table === table && proof.name === name);
    this.proofs.push({ table, name, columns, validatedAt });
  }

  private find(table: string, name: string | undefined): NotNullProof[] {
    return this.proofs.filter((proof) => proof.table === table && proof.name === name);
  }

  private remove(matches: (proof: NotNullProof) => boolean): void {
    this.proofs = this.proofs.filter((proof) => !matches(proof));
  }
}

/** CHECK constraints of a CREATE TABLE, table-level and inline. */
function createdChecks(elements: Node[] | undefined): Constraint[] {
  const checks: Constraint[] = [];
  for (const element of elements ?? []) {
    const table = as(element, 'Constraint');
    if (table) checks.push(table);
    for (const inline of as(element, 'ColumnDef')?.constraints ?? []) {
      const constraint = as(inline, 'Constraint');
      if (constraint?.contype === 'CONSTR_CHECK') checks.push(constraint);
    }
  }
  return checks;
}

/**
 * The name Postgres gives an unnamed constraint (heap.c, AddRelationNewConstraints): `t_c_check` when
 * the expression uses one column, `t_check` otherwise; `t_c_not_null` for a NOT NULL constraint. A
 * name already taken gets a number appended, which this does not follow.
 */
function generatedName(relname: string, constraint: Constraint, notNull: boolean): string {
  if (notNull) return `${relname}_${nameParts(constraint.keys)[0] ?? ''}_not_null`;
  const columns = new Set(findAll(constraint.raw_expr, 'ColumnRef').map((ref) => nameParts(ref.fields).at(-1)));
  return columns.size === 1 ? `${relname}_${[...columns][0]}_check` : `${relname}_check`;
}
