// The CHECK constraints a file gives a table, replayed up to a statement: added (validated at
// once, or NOT VALID), validated later, dropped. Postgres trusts only a validated CHECK to prove
// something about every row (ATTACH PARTITION skips its scan on that proof).

import type { Constraint, Node, RangeVar } from 'libpg-query';
import { as } from '../../sql/ast.js';
import { relationKey, type FileModel, type StatementModel } from '../../lint/file-model.js';
import { addedConstraint, columnConstraints } from './constraints.js';
import { perFile } from './per-file.js';
import { alterTableCommands, statementsOf } from './statements.js';

export interface CheckConstraint {
  /** As written; undefined for an unnamed CHECK (Postgres names it, the file cannot refer to it). */
  name: string | undefined;
  /**
   * Undefined for a constraint an earlier migration added and this file only validates (VALIDATE
   * CONSTRAINT of a name the file did not add): its expression is not in the file.
   */
  expression: Node | undefined;
  validated: boolean;
}

type CheckEvent =
  | { index: number; kind: 'add'; constraint: CheckConstraint }
  | { index: number; kind: 'validate' | 'drop'; name: string };

const checkEvents = perFile((model: FileModel): ReadonlyMap<string, readonly CheckEvent[]> => {
  const events = new Map<string, CheckEvent[]>();
  const push = (relation: RangeVar | undefined, statement: StatementModel, event: CheckEvent): void => {
    const key = relationKey(relation, statement.defaultSchema);
    events.set(key, [...(events.get(key) ?? []), event]);
  };
  const added = (constraint: Constraint): CheckConstraint => ({
    name: constraint.conname,
    expression: constraint.raw_expr,
    validated: !constraint.skip_validation,
  });

  for (const { statement, node } of statementsOf(model, 'CreateStmt')) {
    for (const element of node.tableElts ?? []) {
      const constraints = [as(element, 'Constraint'), ...columnConstraints(as(element, 'ColumnDef') ?? {})];
      for (const constraint of constraints) {
        if (constraint?.contype === 'CONSTR_CHECK') push(node.relation, statement, { index: statement.index, kind: 'add', constraint: added(constraint) });
      }
    }
  }
  for (const { statement, relation, command } of alterTableCommands(model)) {
    const constraint = addedConstraint(command);
    if (constraint?.contype === 'CONSTR_CHECK') push(relation, statement, { index: statement.index, kind: 'add', constraint: added(constraint) });
    if (command.subtype === 'AT_ValidateConstraint' && command.name) push(relation, statement, { index: statement.index, kind: 'validate', name: command.name });
    if (command.subtype === 'AT_DropConstraint' && command.name) push(relation, statement, { index: statement.index, kind: 'drop', name: command.name });
  }
  // CREATE TABLE and ALTER TABLE were gathered apart: put each table's events in statement order.
  for (const list of events.values()) list.sort((a, b) => a.index - b.index);
  return events;
});

/** The CHECK constraints the file has given `relation` when `statement` starts. */
export function checkConstraintsBefore(model: FileModel, relation: RangeVar | undefined, statement: StatementModel): CheckConstraint[] {
  const constraints: CheckConstraint[] = [];
  for (const event of checkEvents(model).get(relationKey(relation, statement.defaultSchema)) ?? []) {
    if (event.index >= statement.index) break;
    if (event.kind === 'add') {
      constraints.push({ ...event.constraint });
      continue;
    }
    const named = constraints.findIndex((constraint) => constraint.name === event.name);
    if (named === -1) {
      if (event.kind === 'validate') constraints.push({ name: event.name, expression: undefined, validated: true });
      continue;
    }
    if (event.kind === 'drop') constraints.splice(named, 1);
    else constraints[named] = { ...constraints[named]!, validated: true };
  }
  return constraints;
}
