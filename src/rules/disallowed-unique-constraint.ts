// ADD CONSTRAINT ... UNIQUE / PRIMARY KEY builds a unique index inside ALTER TABLE, which holds an
// ACCESS EXCLUSIVE lock: for the whole index build nobody can read or write the table. The same
// index built with CREATE UNIQUE INDEX CONCURRENTLY blocks no one, and `USING INDEX` then turns it
// into the constraint with a catalog change only.

import type { Constraint } from 'libpg-query';
import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { addedColumn, addedConstraint, columnConstraints } from './util/constraints.js';
import { alterTableCommands } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'disallowed-unique-constraint',
    description: 'A UNIQUE or PRIMARY KEY constraint on an existing table must be added USING INDEX of an index built concurrently.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    scalesWithTableSize: true,
    messages: {
      unique: {
        message: 'Adding {{constraint}} to existing table {{table}} builds its unique index under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the build finishes.',
        help: 'Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then attach it with ALTER TABLE {{table}} ADD CONSTRAINT <name> UNIQUE USING INDEX <index>.',
      },
      'primary-key': {
        message: 'Adding {{constraint}} to existing table {{table}} builds its unique index under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the build finishes.',
        help: 'Make the key columns NOT NULL without a long lock first (see adding-not-nullable-field), build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE {{table}} ADD CONSTRAINT <name> PRIMARY KEY USING INDEX <index>.',
      },
      'inline-unique': {
        message: 'ADD COLUMN {{column}} ... {{kind}} on existing table {{table}} builds a unique index under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the build finishes.',
        help: 'Add the column without {{kind}}, build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE {{table}} ADD CONSTRAINT <name> {{kind}} USING INDEX <index>.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, relation, command, existing } of alterTableCommands(model)) {
      // On a table created earlier in this file the index build is instant and blocks no one.
      if (!existing) continue;
      const table = displayName(relation);

      const constraint = addedConstraint(command);
      if (constraint && isUniqueKind(constraint) && !constraint.indexname) {
        const primary = constraint.contype === 'CONSTR_PRIMARY';
        report({ messageId: primary ? 'primary-key' : 'unique', statement, at: constraint, data: { table, constraint: describe(constraint) } });
        continue;
      }

      const column = addedColumn(command);
      if (!column) continue;
      for (const inline of columnConstraints(column)) {
        if (!isUniqueKind(inline)) continue;
        const kind = inline.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE';
        report({ messageId: 'inline-unique', statement, at: inline, data: { table, column: column.colname ?? '?', kind } });
      }
    }
  },
});

function isUniqueKind(constraint: Constraint): boolean {
  return constraint.contype === 'CONSTR_UNIQUE' || constraint.contype === 'CONSTR_PRIMARY';
}

/** `UNIQUE constraint orders_code_key`, or `a PRIMARY KEY` when unnamed. */
function describe(constraint: Constraint): string {
  const kind = constraint.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE';
  return constraint.conname ? `${kind} constraint ${constraint.conname}` : `a ${kind} constraint`;
}
