// ALTER TYPE ... ADD VALUE inside a transaction: from Postgres 12 the statement itself succeeds, but
// the new value cannot be used until that transaction commits ("unsafe use of new value", SQLSTATE
// 55P04), and Postgres checks when it parses a statement, so even a DEFAULT or a CHECK that no row
// reaches fails. Before 12 the statement cannot run inside a transaction block at all (25001).
// The transaction may be the file's BEGIN, a DO block, the runner's wrapping of the migration, or,
// for Drizzle, the one transaction of every pending migration (the file model carries the values
// an earlier pending file added). What counts as a use: util/enum-value-uses.ts.

import type { FileModel, StatementModel } from '../lint/file-model.js';
import { addedEnumValueOf, isNewEnumType, type AddedEnumValue, type EnumTypeName } from '../lint/uncommitted-enums.js';
import { defineRule } from './rule.js';
import { firstEnumValueUse } from './util/enum-value-uses.js';
import { transactionBlockCauses, type TransactionBlockCause } from './util/transaction-block.js';

type UseMessageId = 'used-in-begin' | 'used-in-do-block' | 'used-in-migration' | 'used-in-batch' | 'used-in-later-migration';
type Before12MessageId = 'before-12-begin' | 'before-12-do-block' | 'before-12-runner';

const REFUSED = 'Postgres refuses a new enum value until the transaction that added it commits ("unsafe use of new value", SQLSTATE 55P04)';
const BEFORE_12 = 'Before Postgres 12, ALTER TYPE ... ADD VALUE fails inside a transaction block (SQLSTATE 25001)';

const BEFORE_12_MESSAGE: Record<TransactionBlockCause, Before12MessageId> = {
  'explicit-transaction': 'before-12-begin',
  'do-block': 'before-12-do-block',
  'runner-batch': 'before-12-runner',
  'runner-transaction': 'before-12-runner',
  'runner-single-query': 'before-12-runner',
};

export default defineRule<UseMessageId | Before12MessageId>({
  meta: {
    id: 'enum-add-value-in-transaction',
    description: 'A value ALTER TYPE ... ADD VALUE adds must not be used before its transaction commits (the file\'s, the runner\'s, or Drizzle\'s batch of pending migrations); before Postgres 12, ADD VALUE must not run in a transaction at all.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'used-in-begin': {
        message: `{{label}} is added to enum {{type}} earlier in the transaction opened by BEGIN, so this statement fails: ${REFUSED}.`,
        help: 'End the transaction with COMMIT; right after the ALTER TYPE ... ADD VALUE and use {{label}} only after it, or move the statements that use {{label}} into a later migration.',
      },
      'used-in-do-block': {
        message: `{{label}} is added to enum {{type}} earlier in the same DO block, which runs as one transaction, so this statement fails: ${REFUSED}.`,
        help: 'Add the value with a top-level ALTER TYPE ... ADD VALUE, outside any transaction, before the DO block that uses {{label}}.',
      },
      'used-in-migration': {
        message: `{{label}} is added to enum {{type}} earlier in this migration, and {{runner}} runs the whole migration in one transaction, so this statement fails: ${REFUSED}.`,
        help: 'Move the statements that use {{label}} into a later migration: {{runner}} commits each migration before it runs the next.',
      },
      'used-in-batch': {
        message: `{{label}} is added to enum {{type}} earlier in this migration, and {{runner}} runs every pending migration in one transaction, so this statement fails: ${REFUSED}.`,
        help: 'Put `COMMIT;` and a `--> statement-breakpoint` line right after the ALTER TYPE ... ADD VALUE (what follows then runs outside the migrator\'s transaction, no longer atomic with the rest of the batch), or move the statements that use {{label}} into a later migration and deploy it separately, after this one.',
      },
      'used-in-later-migration': {
        message: `{{label}} is added to enum {{type}} by {{file}}:{{line}}, and {{runner}} runs every pending migration in one transaction: deployed together with it, this statement fails, because ${REFUSED}.`,
        help: 'Deploy {{file}} on its own before this migration, or start this migration with `COMMIT;` and a `--> statement-breakpoint` line so {{label}} is committed first (the statements after it then run outside the migrator\'s transaction).',
      },
      'before-12-begin': {
        message: `${BEFORE_12}, and this statement runs inside the transaction opened by BEGIN.`,
        help: 'Move ALTER TYPE ... ADD VALUE out of BEGIN/COMMIT, and use {{label}} only after it has run.',
      },
      'before-12-do-block': {
        message: 'Before Postgres 12, ALTER TYPE ... ADD VALUE fails inside a transaction block or a function (SQLSTATE 25001), and a DO block runs as both.',
        help: 'Run ALTER TYPE ... ADD VALUE as a top-level statement, outside any transaction, instead of from a DO block.',
      },
      'before-12-runner': {
        message: `${BEFORE_12}, and {{runner}} runs this statement inside a transaction.`,
        help: 'Run ALTER TYPE ... ADD VALUE outside a transaction: {{recipe}}.',
      },
    },
  },
  check({ model, postgresVersion, report }) {
    if (postgresVersion < 12) {
      const causeOf = transactionBlockCauses(model);
      for (const statement of model.statements) {
        const added = addedEnumValueOf(statement.parsed);
        if (!added) continue;
        // Postgres 9.3 to 11 allowed it for a type created earlier in the same transaction (pg_dump --binary-upgrade needs that).
        if (statement.parsed.origin === 'file' && isNewEnumType(statement.uncommittedEnums, added.type)) continue;
        const cause = causeOf(statement);
        if (!cause) continue;
        report({ messageId: BEFORE_12_MESSAGE[cause], statement, data: { label: quoted(added.label), runner: model.scope.runner, recipe: model.scope.outsideTransaction } });
      }
      return;
    }
    for (const statement of model.statements) {
      // From Postgres 17 a value added to a type created in the same transaction is usable at once.
      const pending = statement.uncommittedEnums.addedValues.filter((value) => !(value.ofNewType && postgresVersion >= 17));
      if (pending.length === 0) continue;
      const use = firstEnumValueUse(statement.parsed.node, pending);
      if (!use) continue;
      const { value } = use;
      const data = { label: quoted(value.label), type: typeDisplay(value.type), runner: model.scope.runner };
      const addedElsewhere: Record<string, string | number> = 'path' in value.addedBy ? { file: value.addedBy.path, line: value.addedBy.line } : {};
      report({ messageId: useMessageId(model, value), statement, at: use.at, data: { ...data, ...addedElsewhere } });
    }
  },
});

/** Whose transaction the value was added in: the file's BEGIN, a DO block, the runner's, or an earlier file's. */
function useMessageId(model: FileModel, value: AddedEnumValue): UseMessageId {
  if (!('statementIndex' in value.addedBy)) return 'used-in-later-migration';
  const adder = model.statements[value.addedBy.statementIndex]!;
  // The transaction of a DO block's statement is the one the DO statement itself runs in.
  const top: StatementModel = adder.parsed.parentIndex === undefined ? adder : model.statements[adder.parsed.parentIndex]!;
  if (top.inExplicitTransaction) return 'used-in-begin';
  // A whole-file query is one implicit transaction even after a COMMIT (the file model says autocommit there).
  const wrapped = top.inTransaction || (model.scope.wrapsFile && model.scope.nonTransactional === 'single-statement');
  if (!wrapped) return 'used-in-do-block';
  return model.scope.batchesPending ? 'used-in-batch' : 'used-in-migration';
}

function quoted(label: string): string {
  return `'${label.replaceAll("'", "''")}'`;
}

function typeDisplay(type: EnumTypeName): string {
  return type.schema ? `${type.schema}.${type.name}` : type.name;
}
