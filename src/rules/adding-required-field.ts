// ADD COLUMN ... NOT NULL without a DEFAULT gives every existing row NULL in a column that forbids
// it, so on any table with rows the statement fails ("column contains null values") and the deploy
// stops halfway. It passes on an empty development database, which is why it reaches production.

import type { ColumnDef, Constraint } from 'libpg-query';
import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { addedColumn, columnConstraint, columnConstraints } from './util/constraints.js';
import { isNullConstant } from './util/expressions.js';
import { alterTableCommands } from './util/statements.js';
import { isSerialType } from './util/type-names.js';

export default defineRule({
  meta: {
    id: 'adding-required-field',
    description: 'A column added to an existing table must not be NOT NULL without a DEFAULT.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'required-column': {
        message: 'ADD COLUMN {{column}} {{constraint}} without a DEFAULT fails on existing table {{table}} as soon as it has a row: every existing row would hold NULL.',
        help: 'Add the column nullable (or with a constant DEFAULT), backfill existing rows in batches, then make it NOT NULL without a long lock as adding-not-nullable-field describes.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, relation, command, existing } of alterTableCommands(model)) {
      // A table created earlier in this file has no rows yet, so the column cannot fail.
      if (!existing) continue;
      const column = addedColumn(command);
      if (!column || fillsExistingRows(column)) continue;
      const required = columnConstraints(column).find(
        (constraint) => constraint.contype === 'CONSTR_NOTNULL' || constraint.contype === 'CONSTR_PRIMARY',
      );
      if (!required) continue;
      report({
        messageId: 'required-column',
        statement,
        at: required,
        data: { table: displayName(relation), column: column.colname ?? '?', constraint: label(required) },
      });
    }
  },
});

/** Whether Postgres gives existing rows a value: a non-NULL DEFAULT, identity, generated, serial. */
function fillsExistingRows(column: ColumnDef): boolean {
  if (isSerialType(column.typeName)) return true;
  if (columnConstraint(column, 'CONSTR_IDENTITY') || columnConstraint(column, 'CONSTR_GENERATED')) return true;
  const defaultClause = columnConstraint(column, 'CONSTR_DEFAULT');
  return defaultClause !== undefined && !isNullConstant(defaultClause.raw_expr);
}

function label(constraint: Constraint): string {
  return constraint.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'NOT NULL';
}
