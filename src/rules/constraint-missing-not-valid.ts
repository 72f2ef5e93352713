// Adding a CHECK or FOREIGN KEY constraint to a table with rows validates every row before the
// ALTER TABLE returns, holding the lock ADD CONSTRAINT took the whole time: ACCESS EXCLUSIVE for a
// CHECK (no reads, no writes), SHARE ROW EXCLUSIVE on both tables for a foreign key (no writes).
// NOT VALID skips that scan; a later VALIDATE CONSTRAINT scans under SHARE UPDATE EXCLUSIVE, which
// blocks neither reads nor writes, but only once the ADD's lock is gone, i.e. in another transaction.

import { parseSync, type ColumnDef, type Constraint } from 'libpg-query';
import { as, displayName } from '../sql/ast.js';
import type { StatementModel } from '../lint/file-model.js';
import { defineRule, type RuleContext } from './rule.js';
import { addedColumn, addedConstraint, columnConstraint, columnConstraints, constraintKey } from './util/constraints.js';
import { appendAfterLastToken } from './util/rewrite.js';
import { alterTableCommands } from './util/statements.js';
import { transactionIds } from './util/transactions.js';

type MessageId = 'check' | 'foreign-key' | 'inline-check' | 'inline-foreign-key' | 'validate-in-same-transaction';

export default defineRule<MessageId>({
  meta: {
    id: 'constraint-missing-not-valid',
    description: 'A CHECK or FOREIGN KEY constraint added to an existing table must be added NOT VALID and validated in a separate transaction.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    scalesWithTableSize: true,
    messages: {
      check: {
        message: 'Adding {{constraint}} to existing table {{table}} without NOT VALID checks every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
        help: 'Add the constraint with NOT VALID, then run ALTER TABLE {{table}} VALIDATE CONSTRAINT in a separate transaction: validation takes only a SHARE UPDATE EXCLUSIVE lock, which blocks neither reads nor writes.',
      },
      'foreign-key': {
        message: 'Adding {{constraint}} to existing table {{table}} without NOT VALID checks every row while holding SHARE ROW EXCLUSIVE locks on {{table}} and {{referenced}}, blocking writes to both until the scan ends.',
        help: 'Add the foreign key with NOT VALID, then run ALTER TABLE {{table}} VALIDATE CONSTRAINT in a separate transaction: validation does not block writes to either table.',
      },
      'inline-check': {
        message: 'ADD COLUMN {{column}} with an inline CHECK on existing table {{table}} checks every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
        help: 'Add the column without the CHECK, then ALTER TABLE {{table}} ADD CONSTRAINT ... CHECK (...) NOT VALID, and VALIDATE CONSTRAINT it in a separate transaction.',
      },
      'inline-foreign-key': {
        message: 'ADD COLUMN {{column}} with {{value}} and REFERENCES {{referenced}} on existing table {{table}} checks every row against {{referenced}} while holding an ACCESS EXCLUSIVE lock on {{table}} and a SHARE ROW EXCLUSIVE lock on {{referenced}}, blocking all queries on {{table}} and writes to {{referenced}} until the scan ends.',
        help: 'Add the column without REFERENCES, then ALTER TABLE {{table}} ADD CONSTRAINT ... FOREIGN KEY ({{column}}) REFERENCES {{referenced}} NOT VALID, and VALIDATE CONSTRAINT it in a separate transaction.',
      },
      'validate-in-same-transaction': {
        message: 'VALIDATE CONSTRAINT {{name}} runs in the same transaction that added it NOT VALID to {{table}}, so the lock ADD CONSTRAINT took is still held while every row is checked.',
        help: 'Commit after ADD CONSTRAINT ... NOT VALID and run VALIDATE CONSTRAINT {{name}} in a separate transaction, or in the next migration.',
      },
    },
  },
  check({ model, report }) {
    const transactionOf = transactionIds(model);
    // Constraints this file adds NOT VALID to existing tables, with the transaction that adds them.
    const addedNotValidIn = new Map<string, number>();

    for (const { statement, relation, command, existing } of alterTableCommands(model)) {
      // A table created earlier in this file is empty: validating it scans nothing and blocks no one.
      if (!existing) continue;
      const table = displayName(relation);

      const constraint = addedConstraint(command);
      if (constraint && (constraint.contype === 'CONSTR_CHECK' || constraint.contype === 'CONSTR_FOREIGN')) {
        if (constraint.skip_validation) {
          // NOT VALID (or PG 18's NOT ENFORCED, which also sets it): no scan now.
          if (constraint.conname) addedNotValidIn.set(constraintKey(relation, statement, constraint.conname), transactionOf[statement.index]!);
          continue;
        }
        const isCheck = constraint.contype === 'CONSTR_CHECK';
        report({
          messageId: isCheck ? 'check' : 'foreign-key',
          statement,
          at: constraint,
          data: { table, constraint: describe(constraint), referenced: displayName(constraint.pktable) },
          // NOT VALID ends the constraint's clause; with other commands after it, it would not be at the end.
          ...(commandCount(statement) === 1 ? { fix: addNotValid } : {}),
        });
        continue;
      }

      const column = addedColumn(command);
      if (column) {
        reportInlineConstraints(column, table, statement, report);
        continue;
      }

      if (command.subtype === 'AT_ValidateConstraint' && command.name) {
        const addedIn = addedNotValidIn.get(constraintKey(relation, statement, command.name));
        if (addedIn !== undefined && addedIn === transactionOf[statement.index]) {
          report({ messageId: 'validate-in-same-transaction', statement, data: { table, name: command.name } });
        }
      }
    }
  },
});

function reportInlineConstraints(
  column: ColumnDef,
  table: string,
  statement: StatementModel,
  report: RuleContext<MessageId>['report'],
): void {
  const name = column.colname ?? '?';
  // Postgres skips validating an inline foreign key when the new column has no value expression:
  // every row holds NULL, which no foreign key rejects, and the key is marked valid without a scan
  // (parse_utilcmd.c, transformAlterTableStmt: `raw_default` unset). A DEFAULT (even NULL) or a
  // generated column's expression fills the rows, and then every row is checked.
  const value = valueSourceOf(column);
  for (const constraint of columnConstraints(column)) {
    if (constraint.contype === 'CONSTR_CHECK') {
      report({ messageId: 'inline-check', statement, at: constraint, data: { table, column: name } });
    } else if (constraint.contype === 'CONSTR_FOREIGN' && value) {
      report({
        messageId: 'inline-foreign-key',
        statement,
        at: constraint,
        data: { table, column: name, value, referenced: displayName(constraint.pktable) },
      });
    }
  }
}

function commandCount(statement: StatementModel): number {
  return as(statement.parsed.node, 'AlterTableStmt')?.cmds?.length ?? 0;
}

/**
 * The ALTER TABLE with NOT VALID after its one ADD CONSTRAINT, as long as the parser reads it back
 * as that constraint, now skipping validation (else no fix is offered).
 */
function addNotValid(text: string): string | undefined {
  const fixed = appendAfterLastToken(text, 'NOT VALID');
  if (fixed === undefined) return undefined;
  try {
    const [entry] = parseSync(fixed).stmts ?? [];
    const commands = entry?.stmt ? as(entry.stmt, 'AlterTableStmt')?.cmds ?? [] : [];
    const command = commands.length === 1 ? as(commands[0]!, 'AlterTableCmd') : undefined;
    return command && addedConstraint(command)?.skip_validation ? fixed : undefined;
  } catch {
    return undefined;
  }
}

/** What fills the existing rows of a new column, as the message names it; undefined when they hold NULL. */
function valueSourceOf(column: ColumnDef): string | undefined {
  if (columnConstraint(column, 'CONSTR_DEFAULT')) return 'a DEFAULT';
  if (columnConstraint(column, 'CONSTR_GENERATED')) return 'a generated value (GENERATED ALWAYS AS ... STORED)';
  return undefined;
}

/** `CHECK constraint orders_amount_positive`, or `a CHECK constraint` when unnamed. */
function describe(constraint: Constraint): string {
  const kind = constraint.contype === 'CONSTR_CHECK' ? 'CHECK' : 'FOREIGN KEY';
  return constraint.conname ? `${kind} constraint ${constraint.conname}` : `a ${kind} constraint`;
}
