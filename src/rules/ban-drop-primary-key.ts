// Dropping the primary key of a table in use takes away its replica identity: logical replication
// (the default REPLICA IDENTITY is the primary key) then refuses every UPDATE and DELETE of a
// published table ("cannot update table ... because it does not have a replica identity and
// publishes updates", SQLSTATE 55000), and tools keyed on it (ORMs' identity maps, CDC connectors,
// pg_repack) stop working. Dropping the index a REPLICA IDENTITY USING INDEX names does the same.
// Replacing the key within one transaction (the swap recipe) leaves no moment without one.
// A DropStmt or DROP CONSTRAINT names no constraint type: a primary key is recognised by the name
// the file gave it or by the names Postgres and the ORMs give primary keys (util/key-names.ts).

import type { RangeVar } from 'libpg-query';
import { as, displayName } from '../sql/ast.js';
import { relationKey, type StatementModel } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { addedConstraint } from './util/constraints.js';
import { droppedIndexNames } from './util/index-names.js';
import { looksLikePrimaryKeyName } from './util/key-names.js';
import { alterTableCommands, isExistingTable, statementsOf } from './util/statements.js';
import { transactionIds } from './util/transactions.js';

export default defineRule({
  meta: {
    id: 'ban-drop-primary-key',
    description: 'Dropping the primary key (or the replica identity index) of an existing table breaks logical replication and tools keyed on it.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'drop-primary-key': {
        message: 'Dropping primary key {{constraint}} of existing table {{table}} leaves it without a replica identity: on a published table logical replication then refuses every UPDATE and DELETE ("does not have a replica identity", SQLSTATE 55000), and tools keyed on the primary key (ORMs, change-data-capture, pg_repack) stop working.',
        help: 'Keep a primary key at all times. To change it, build the new unique index first with CREATE UNIQUE INDEX CONCURRENTLY, and {{recipe}}; then swap in one statement: ALTER TABLE {{table}} DROP CONSTRAINT {{constraint}}, ADD CONSTRAINT {{constraint}} PRIMARY KEY USING INDEX <new index>.',
      },
      'drop-replica-identity-index': {
        message: 'Dropping {{index}}, which REPLICA IDENTITY USING INDEX made the replica identity of existing table {{table}}, leaves the table without one: on a published table logical replication then refuses every UPDATE and DELETE ("does not have a replica identity", SQLSTATE 55000).',
        help: 'Set another replica identity first (ALTER TABLE {{table}} REPLICA IDENTITY USING INDEX <another unique index>, or REPLICA IDENTITY DEFAULT for the primary key), in the same transaction as the drop or before it.',
      },
    },
  },
  check({ model, report }) {
    const transactionOf = transactionIds(model);
    const commands = alterTableCommands(model);
    // Primary keys the file adds, by table (`schema.table`), with the statement that adds each.
    const addedKeys = new Map<string, Array<{ statement: StatementModel; name: string | undefined }>>();
    // REPLICA IDENTITY changes in statement order: USING INDEX names the index, the other forms none.
    const identityChanges: Array<{ index: number; table: string; relation: RangeVar | undefined; identityIndex: string | undefined }> = [];
    for (const { statement, relation, command } of commands) {
      const constraint = addedConstraint(command);
      if (constraint?.contype === 'CONSTR_PRIMARY') {
        const key = relationKey(relation, statement.defaultSchema);
        addedKeys.set(key, [...(addedKeys.get(key) ?? []), { statement, name: constraint.conname }]);
      }
      const identity = command.subtype === 'AT_ReplicaIdentity' ? as(command.def, 'ReplicaIdentityStmt') : undefined;
      if (identity) {
        const identityIndex = identity.identity_type === 'i' && identity.name ? `${relation?.schemaname ?? statement.defaultSchema}.${identity.name}` : undefined;
        identityChanges.push({ index: statement.index, table: relationKey(relation, statement.defaultSchema), relation, identityIndex });
      }
    }

    /** The table whose replica identity index `schema.index` is when `statement` starts. */
    const identityTableOf = (qualifiedIndex: string, statement: StatementModel): RangeVar | undefined => {
      const current = new Map<string, (typeof identityChanges)[number]>();
      for (const change of identityChanges) if (change.index < statement.index) current.set(change.table, change);
      return [...current.values()].find((change) => change.identityIndex === qualifiedIndex)?.relation;
    };

    /** Another primary key is added to the table in the same transaction: no moment without one. */
    const replacedInTransaction = (relation: RangeVar | undefined, statement: StatementModel): boolean =>
      (addedKeys.get(relationKey(relation, statement.defaultSchema)) ?? []).some((added) => added.statement.index >= statement.index && transactionOf[added.statement.index] === transactionOf[statement.index]);

    for (const { statement, relation, command, existing } of commands) {
      if (command.subtype !== 'AT_DropConstraint' || !command.name || !existing) continue;
      const table = displayName(relation);
      const identityIndex = identityTableOf(`${relation?.schemaname ?? statement.defaultSchema}.${command.name}`, statement) !== undefined;
      const addedHere = (addedKeys.get(relationKey(relation, statement.defaultSchema)) ?? []).some((added) => added.name === command.name && added.statement.index < statement.index);
      if (identityIndex && !addedHere) {
        report({ messageId: 'drop-replica-identity-index', statement, data: { index: `constraint ${command.name}`, table } });
        continue;
      }
      // A key this file added moments ago is no one's yet; a name that does not read as a key is not one.
      if (addedHere || !looksLikePrimaryKeyName(command.name)) continue;
      if (replacedInTransaction(relation, statement)) continue;
      report({ messageId: 'drop-primary-key', statement, data: { constraint: command.name, table, recipe: model.scope.outsideTransaction } });
    }

    for (const { statement, node } of statementsOf(model, 'DropStmt')) {
      for (const name of droppedIndexNames(node)) {
        const qualified = name.includes('.') ? name : `${statement.defaultSchema}.${name}`;
        const table = identityTableOf(qualified, statement);
        if (table && isExistingTable(model, table, statement)) report({ messageId: 'drop-replica-identity-index', statement, data: { index: `index ${name}`, table: displayName(table) } });
      }
    }
  },
});
