// Postgres enforces a foreign key with internal triggers on both tables. ALTER TABLE ... DISABLE
// TRIGGER ALL (or SYSTEM) switches those off with the user's triggers, and SET
// session_replication_role = replica stops every trigger not marked REPLICA or ALWAYS, the foreign
// keys' included: rows that violate the key are then written without an error, deletes leave
// orphans, and pg_constraint still says the constraint is validated, so nothing ever checks again.
// DISABLE TRIGGER USER and a named trigger leave the foreign keys alone. (ALL is the only form that
// reaches the internal triggers; naming one, RI_ConstraintTrigger_..., is too rare to look for.)

import type { Node } from 'libpg-query';
import { as, constString, displayName, findAll, nameParts } from '../sql/ast.js';
import { relationKey, type StatementModel } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { alterTableCommands } from './util/statements.js';

/** `SET [LOCAL] session_replication_role ...`, `RESET`, or `SELECT set_config('session_replication_role', ...)`. */
function replicationRoleChange(node: Node): { replica: boolean; local: boolean } | undefined {
  const set = as(node, 'VariableSetStmt');
  if (set) {
    if (set.kind === 'VAR_RESET_ALL') return { replica: false, local: false };
    if (set.name !== 'session_replication_role') return undefined;
    const value = set.kind === 'VAR_SET_VALUE' ? constString(set.args?.[0]) : undefined;
    return { replica: value?.toLowerCase() === 'replica', local: set.is_local ?? false };
  }
  if (!as(node, 'SelectStmt')) return undefined;
  for (const call of findAll(node, 'FuncCall')) {
    if (nameParts(call.funcname).at(-1) !== 'set_config') continue;
    const [setting, value, isLocal] = call.args ?? [];
    if (constString(setting) !== 'session_replication_role') continue;
    return { replica: constString(value)?.toLowerCase() === 'replica', local: as(isLocal, 'A_Const')?.boolval?.boolval ?? false };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'ban-disable-trigger-all',
    description: 'DISABLE TRIGGER ALL and session_replication_role = replica stop foreign keys from being checked.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'disable-trigger-all': {
        message: 'DISABLE TRIGGER ALL on {{table}} also turns off the internal triggers that enforce the foreign keys from and to it{{until}}: rows that violate those keys are written without an error, and the constraints still read as validated afterwards.',
        help: 'Keep the foreign keys enforced: disable only your own triggers (DISABLE TRIGGER USER, or each by name). If checking every row is too slow for a bulk load, drop the foreign key, load, add it back with NOT VALID and VALIDATE CONSTRAINT it, which reports any violating row.',
      },
      'replication-role-replica': {
        message: 'session_replication_role = replica stops every ordinary trigger, the ones that enforce foreign keys included, {{until}}: rows that violate the keys are written without an error, and the constraints still read as validated afterwards.',
        help: 'Leave session_replication_role alone in migrations. If checking every row is too slow for a bulk load, drop the foreign key, load, add it back with NOT VALID and VALIDATE CONSTRAINT it, which reports any violating row.',
      },
    },
  },
  check({ model, report, lineOf }) {
    const commands = alterTableCommands(model);
    for (const { statement, relation, command } of commands) {
      if (command.subtype !== 'AT_DisableTrigAll') continue;
      const key = relationKey(relation, statement.defaultSchema);
      const enabled = commands.find(
        (later) => later.statement.index > statement.index && later.command.subtype === 'AT_EnableTrigAll' && relationKey(later.relation, later.statement.defaultSchema) === key,
      );
      const until = enabled
        ? ` until the ENABLE TRIGGER ALL at line ${lineOf(enabled.statement)}`
        : ', and nothing later in this migration turns them back on, so they stay off for the application too';
      report({ messageId: 'disable-trigger-all', statement, data: { table: displayName(relation), until } });
    }

    const changes = model.statements.flatMap((statement) => {
      const change = replicationRoleChange(statement.parsed.node);
      return change ? [{ statement, ...change }] : [];
    });
    for (const [i, change] of changes.entries()) {
      // SET LOCAL outside a transaction has no effect (Postgres warns and ignores it).
      if (!change.replica || (change.local && !change.statement.inTransaction)) continue;
      const reset = changes.slice(i + 1).find((later) => !later.replica);
      report({ messageId: 'replication-role-replica', statement: change.statement, data: { until: untilPhrase(change, reset?.statement, lineOf) } });
    }
  },
});

function untilPhrase(change: { statement: StatementModel; local: boolean }, reset: StatementModel | undefined, lineOf: (statement: StatementModel) => number): string {
  if (reset) return `until line ${lineOf(reset)} sets it back`;
  if (change.local && change.statement.inTransaction) return 'until the transaction ends';
  return "for the rest of the runner's session, later migrations on the same connection included";
}
