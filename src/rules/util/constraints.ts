// What an ALTER TABLE sub-command adds: a table constraint (ADD CONSTRAINT) or a column with its
// inline constraints (ADD COLUMN x int NOT NULL REFERENCES ...), which Postgres checks and builds
// like their table-level forms. And a key to follow one constraint from statement to statement
// (ADD ... NOT VALID, then VALIDATE).

import type { AlterTableCmd, ColumnDef, Constraint, ConstrType, RangeVar } from 'libpg-query';
import { as } from '../../sql/ast.js';
import { relationKey, type StatementModel } from '../../lint/file-model.js';

/** The constraint of `ADD [CONSTRAINT name] ...`, or undefined for any other sub-command. */
export function addedConstraint(command: AlterTableCmd): Constraint | undefined {
  return command.subtype === 'AT_AddConstraint' ? as(command.def, 'Constraint') : undefined;
}

/** The column of `ADD [COLUMN] ...`, or undefined for any other sub-command. */
export function addedColumn(command: AlterTableCmd): ColumnDef | undefined {
  return command.subtype === 'AT_AddColumn' ? as(command.def, 'ColumnDef') : undefined;
}

/** The inline constraints of a column definition (NOT NULL, DEFAULT, REFERENCES, ...). */
export function columnConstraints(column: ColumnDef): Constraint[] {
  const constraints: Constraint[] = [];
  for (const node of column.constraints ?? []) {
    const constraint = as(node, 'Constraint');
    if (constraint) constraints.push(constraint);
  }
  return constraints;
}

/** The first inline constraint of `column` of type `type`. */
export function columnConstraint(column: ColumnDef, type: ConstrType): Constraint | undefined {
  return columnConstraints(column).find((constraint) => constraint.contype === type);
}

/** Names one constraint of one table (constraint names are unique per table), across statements. */
export function constraintKey(relation: RangeVar | undefined, statement: StatementModel, name: string): string {
  return JSON.stringify([relationKey(relation, statement.defaultSchema), name]);
}
