// SET NOT NULL on a table with rows reads every row to prove there is no NULL, under the ACCESS
// EXCLUSIVE lock ALTER TABLE holds: no reads, no writes until the scan ends. Since Postgres 12 the
// scan is skipped when a validated CHECK (c IS NOT NULL) constraint already proves it, and that
// CHECK can be added NOT VALID and validated under a lock that blocks no one. Postgres 18 can do
// the same with a NOT NULL constraint itself (ADD CONSTRAINT ... NOT NULL c NOT VALID). The recipe
// spans migrations, so the proofs the merged history and earlier migrations of the change left count
// too (lint/not-null-proofs.ts; lint-files carries them from file to file).

import { as, displayName, nameParts } from '../sql/ast.js';
import { relationKey } from '../lint/file-model.js';
import { NotNullProofBook } from '../lint/not-null-proofs.js';
import { defineRule } from './rule.js';
import { addedConstraint } from './util/constraints.js';
import { isExistingTable } from './util/statements.js';

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
    // Replayed here statement by statement, from what earlier migrations left (the model carries
    // it), and only from the first SET NOT NULL on: working out what they left parses the history.
    let proofs: NotNullProofBook | undefined;
    const proofsBefore = (index: number): NotNullProofBook => {
      const book = new NotNullProofBook(model.notNullProofsAtStart());
      for (const earlier of model.statements.slice(0, index)) book.apply(earlier.parsed.node, earlier.index, earlier.defaultSchema);
      return book;
    };
    for (const statement of model.statements) {
      const alter = as(statement.parsed.node, 'AlterTableStmt');
      // A table created earlier in this file (or change) is empty: the scan costs nothing and blocks no one.
      if (alter?.objtype === 'OBJECT_TABLE' && isExistingTable(model, alter.relation, statement)) {
        const table = relationKey(alter.relation, statement.defaultSchema);
        for (const node of alter.cmds ?? []) {
          const command = as(node, 'AlterTableCmd');
          const constraint = command && addedConstraint(command);
          // ADD CONSTRAINT ... NOT NULL c is Postgres 18 syntax; before 18 the statement fails instead.
          if (constraint?.contype === 'CONSTR_NOTNULL' && !constraint.skip_validation && postgresVersion >= 18) {
            const column = nameParts(constraint.keys).join(', ');
            report({ messageId: 'add-not-null-constraint', statement, at: constraint, data: { table: displayName(alter.relation), column } });
          }
          if (command?.subtype !== 'AT_SetNotNull' || !command.name) continue;
          // Before Postgres 12, SET NOT NULL never looked at CHECK constraints.
          proofs ??= proofsBefore(statement.index);
          if (postgresVersion >= 12 && proofs.provedBefore(table, command.name, statement.index)) continue;
          const messageId = postgresVersion >= 18 ? 'set-not-null-pg18' : postgresVersion >= 12 ? 'set-not-null' : 'set-not-null-before-pg12';
          report({ messageId, statement, data: { table: displayName(alter.relation), column: command.name } });
        }
      }
      proofs?.apply(statement.parsed.node, statement.index, statement.defaultSchema);
    }
  },
});
