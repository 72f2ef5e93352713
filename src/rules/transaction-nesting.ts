// Postgres has no nested transactions: a BEGIN inside an open transaction is ignored with a warning,
// and a COMMIT with nothing open is a no-op. In a migration either one means the file's idea of
// what is atomic differs from what really runs, most dangerously when the runner already wraps the
// file: a COMMIT in the file then commits the runner's transaction halfway through.

import { defineRule } from './rule.js';
import { replayFileTransactions, transactionCommandOf } from './util/file-transactions.js';

export default defineRule({
  meta: {
    id: 'transaction-nesting',
    description: 'BEGIN, COMMIT and ROLLBACK must match the transaction that is really open, the runner\'s included.',
    severity: 'warning',
    risk: 'medium',
    kind: 'statement',
    messages: {
      'nested-begin': {
        message: '{{command}} inside the transaction an earlier BEGIN opened starts nothing: Postgres only warns "there is already a transaction in progress", and the first COMMIT ends the whole transaction.',
        help: 'Remove the inner {{command}} (use SAVEPOINT if part of the transaction must be able to roll back on its own).',
      },
      'begin-in-runner-transaction': {
        message: '{{runner}} already runs this file inside a transaction, so this {{command}} starts no new one, and a COMMIT after it commits {{runner}}\'s transaction early.',
        help: 'Remove BEGIN and COMMIT from the file: {{runner}} already applies it atomically.',
      },
      'no-transaction': {
        message: '{{command}} with no transaction open does nothing: Postgres only warns "there is no transaction in progress", and the statements before it have already been committed one by one.',
        help: 'Add the BEGIN this {{command}} was meant to close before the statements it should make atomic, or remove the {{command}}.',
      },
      'commit-ends-runner-transaction': {
        message: '{{command}} commits the transaction {{runner}} runs this file in: the statements after it are no longer atomic with those before it, so if one of them fails the earlier part stays applied.',
        help: 'Remove the {{command}}; {{runner}} commits the migration itself. Move a statement that cannot run in a transaction into a migration of its own instead.',
      },
      'begin-in-runner-batch': {
        message: '{{runner}} runs every pending migration in one transaction, so this {{command}} starts no new one, and a COMMIT after it commits the earlier pending migrations along with this file\'s statements.',
        help: 'Remove BEGIN and COMMIT from the file: {{runner}} already applies all pending migrations atomically.',
      },
      'commit-ends-runner-batch': {
        message: '{{command}} commits the transaction {{runner}} runs every pending migration in: the migrations before this one are committed with it, and what follows (the rest of this file and every later pending migration) runs outside any transaction, so a failure there leaves the deploy half applied.',
        help: 'Remove the {{command}}, unless a statement that cannot run in a transaction follows it (under {{runner}} the only way to run one): then keep just that statement after it, and deploy this migration on its own.',
      },
      'rollback-ends-runner-batch': {
        message: '{{command}} rolls back the transaction {{runner}} runs every pending migration in: the earlier pending migrations are undone along with their records, while this one and later ones run and are recorded, so the next deploy never applies the undone ones again.',
        help: 'Remove the {{command}}; to abort the deploy, raise an error (RAISE EXCEPTION in a DO block) so that {{runner}} rolls back the whole batch and reports the failure.',
      },
      'rollback-ends-runner-transaction': {
        message: '{{command}} rolls back the transaction {{runner}} runs this file in: the statements before it are undone, those after it run outside that transaction, and {{runner}} carries on as if the migration had succeeded.',
        help: 'Remove the {{command}}; to abort a migration, raise an error (RAISE EXCEPTION in a DO block) so that {{runner}} rolls back and reports the failure.',
      },
    },
  },
  check({ model, report }) {
    const { scope } = model;
    // The file's own BEGIN/COMMIT, replayed: it sees AND CHAIN, and the implicit transaction of a
    // runner that sends the whole file as one query, where the file model's runner view does not.
    const inFileTransaction = replayFileTransactions(model).inside;
    const singleQuery = scope.nonTransactional === 'single-statement';
    // A DO block cannot open or close the transaction that runs it; that is PL/pgSQL's business.
    const topLevel = model.statements.filter((statement) => statement.parsed.origin === 'file');
    const last = topLevel.at(-1);

    for (const statement of topLevel) {
      const command = transactionCommandOf(statement);
      if (!command) continue;
      const fileOpen = inFileTransaction.has(statement.index);
      const runnerOwned = statement.inTransaction && !statement.inExplicitTransaction;
      const data = { command, runner: scope.runner };

      if (command === 'BEGIN' || command === 'START TRANSACTION') {
        if (fileOpen) report({ messageId: 'nested-begin', statement, data });
        // In a multi-statement query BEGIN silently turns the implicit transaction into an explicit
        // one (no warning, same atomicity): BEGIN ... COMMIT around such a file is a common, harmless
        // idiom (golang-migrate's own examples use it), so only runners that really BEGIN report it.
        else if (runnerOwned && !singleQuery) report({ messageId: scope.batchesPending ? 'begin-in-runner-batch' : 'begin-in-runner-transaction', statement, data });
        continue;
      }
      const commit = command.startsWith('COMMIT');
      if (singleQuery) {
        // The whole file is one implicit transaction that commits at its end anyway: a COMMIT only
        // matters when statements follow it; a ROLLBACK always undoes what came before it.
        if (!commit) report({ messageId: 'rollback-ends-runner-transaction', statement, data });
        else if (statement !== last) report({ messageId: 'commit-ends-runner-transaction', statement, data });
      } else if (!statement.inTransaction && !fileOpen) {
        report({ messageId: 'no-transaction', statement, data });
      } else if (runnerOwned && scope.batchesPending) {
        report({ messageId: commit ? 'commit-ends-runner-batch' : 'rollback-ends-runner-batch', statement, data });
      } else if (runnerOwned) {
        report({ messageId: commit ? 'commit-ends-runner-transaction' : 'rollback-ends-runner-transaction', statement, data });
      }
    }
  },
});
