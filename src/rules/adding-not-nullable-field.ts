// SET NOT NULL on a table with rows reads every row to prove there is no NULL, under the ACCESS
// EXCLUSIVE lock ALTER TABLE holds: no reads, no writes until the scan ends. Since Postgres 12 the
// scan is skipped when a validated CHECK (c IS NOT NULL) constraint already proves it, and that
// CHECK can be added NOT VALID and validated under a lock that blocks no one. Postgres 18 can do
// the same with a NOT NULL constraint itself (ADD CONSTRAINT ... NOT NULL c NOT VALID).

import { displayName, nameParts } from '../sql/ast.js';
import { relationKey } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { addedConstraint, constraintKey } from './util/constraints.js';
import { columnsProvedNotNull } from './util/expressions.js';
import { alterTableCommands } from './util/statements.js';

/** A constraint added in this file that proves columns NOT NULL once validated. */
interface NotNullProof {
  table: string;
  columns: string[];
  /** Index of the statement that validated it (added without NOT VALID, or VALIDATE CONSTRAINT). */
  validatedAt: number | undefined;
}

export default defineRule({
  meta: {
    id: 'adding-not-nullable-field',
    description: 'SET NOT NULL on an existing table must be backed by a validated CHECK (or NOT NULL) constraint.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    scalesWithTableSize: true,
    messages: {
      'set-not-null': {
        message: 'ALTER COLUMN {{column}} SET NOT NULL on existing table {{table}} scans every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
        help: 'Add CHECK ({{column}} IS NOT NULL) NOT VALID, run VALIDATE CONSTRAINT in a separate transaction, then SET NOT NULL (Postgres uses the validated check instead of scanning) and drop the check.',
      },
      'set-not-null-pg18': {
        message: 'ALTER COLUMN {{column}} SET NOT NULL on existing table {{table}} scans every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
        help: 'Add CONSTRAINT <name> NOT NULL {{column}} NOT VALID, then run VALIDATE CONSTRAINT in a separate transaction: the column is NOT NULL once it is validated. (Or add CHECK ({{column}} IS NOT NULL) NOT VALID, validate it, SET NOT NULL and drop the check.)',
      },
      'set-not-null-before-pg12': {
        message: 'ALTER COLUMN {{column}} SET NOT NULL on existing table {{table}} scans every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
        help: 'Before Postgres 12, SET NOT NULL always scans: add CHECK ({{column}} IS NOT NULL) NOT VALID and VALIDATE CONSTRAINT it in a separate transaction instead, leaving the column nullable in the catalog.',
      },
      'add-not-null-constraint': {
        message: 'Adding NOT NULL constraint on {{column}} to existing table {{table}} without NOT VALID scans every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
        help: 'Add it with NOT VALID, then run ALTER TABLE {{table}} VALIDATE CONSTRAINT in a separate transaction: validation does not block reads or writes.',
      },
    },
  },
  check({ model, postgresVersion, report }) {
    const proofs = new Map<string, NotNullProof>();
    let unnamed = 0;

    for (const { statement, relation, command, existing } of alterTableCommands(model)) {
      // A table created earlier in this file is empty: the scan costs nothing and blocks no one.
      if (!existing) continue;
      const table = relationKey(relation, statement.defaultSchema);

      const constraint = addedConstraint(command);
      if (constraint?.contype === 'CONSTR_CHECK' || constraint?.contype === 'CONSTR_NOTNULL') {
        const notNullConstraint = constraint.contype === 'CONSTR_NOTNULL';
        const columns = notNullConstraint ? nameParts(constraint.keys) : columnsProvedNotNull(constraint.raw_expr);
        // ADD CONSTRAINT ... NOT NULL c is Postgres 18 syntax; before 18 the statement fails instead.
        if (notNullConstraint && !constraint.skip_validation && postgresVersion >= 18) {
          report({ messageId: 'add-not-null-constraint', statement, at: constraint, data: { table: displayName(relation), column: columns.join(', ') } });
        }
        if (columns.length === 0) continue;
        const name = constraint.conname ?? `unnamed ${unnamed++}`;
        proofs.set(constraintKey(relation, statement, name), {
          table,
          columns,
          validatedAt: constraint.skip_validation ? undefined : statement.index,
        });
        continue;
      }

      if (command.subtype === 'AT_ValidateConstraint' && command.name) {
        const proof = proofs.get(constraintKey(relation, statement, command.name));
        if (proof) proof.validatedAt ??= statement.index;
        continue;
      }
      if (command.subtype === 'AT_DropConstraint' && command.name) {
        proofs.delete(constraintKey(relation, statement, command.name));
        continue;
      }
      if (command.subtype !== 'AT_SetNotNull' || !command.name) continue;

      const column = command.name;
      // Only a proof validated by an earlier statement counts: within one ALTER TABLE, Postgres
      // decides whether to scan before the statement's own constraints are in place.
      const proven = [...proofs.values()].some(
        (proof) => proof.table === table && proof.columns.includes(column) && proof.validatedAt !== undefined && proof.validatedAt < statement.index,
      );
      // Before Postgres 12, SET NOT NULL never looked at CHECK constraints.
      if (proven && postgresVersion >= 12) continue;
      const messageId = postgresVersion >= 18 ? 'set-not-null-pg18' : postgresVersion >= 12 ? 'set-not-null' : 'set-not-null-before-pg12';
      report({ messageId, statement, data: { table: displayName(relation), column } });
    }
  },
});
