// CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY refuse to run inside a
// transaction block ("cannot run inside a transaction block"): they commit internally between
// phases. Whether a statement is inside one depends on the file (BEGIN, DO) and on how the runner
// sends it (DESIGN.md, runner table), so the migration that passes locally fails on deploy.

import { defineRule } from './rule.js';
import { concurrentOperationOf } from './util/concurrent-statements.js';
import { transactionBlockCauses } from './util/transaction-block.js';

export default defineRule({
  meta: {
    id: 'ban-concurrent-index-creation-in-transaction',
    description: 'Concurrent index operations must not run inside a transaction, opened by the file or by the migration runner.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'explicit-transaction': {
        message: '{{operation}} inside the transaction opened by BEGIN fails: Postgres refuses to run it inside a transaction block.',
        help: 'Move {{operation}} out of BEGIN/COMMIT; under {{runner}}, {{recipe}}.',
      },
      'do-block': {
        message: '{{operation}} inside a DO block fails: a DO block always runs inside a transaction, where Postgres refuses it.',
        help: 'Run {{operation}} as a top-level statement instead of from a DO block; under {{runner}}, {{recipe}}.',
      },
      'runner-batch': {
        message: '{{runner}} runs every pending migration in one transaction, so {{operation}} fails there with "cannot run inside a transaction block".',
        help: 'To run {{operation}} under {{runner}}, {{recipe}}.',
      },
      'runner-transaction': {
        message: '{{runner}} runs each migration in a transaction of its own, so {{operation}} fails there with "cannot run inside a transaction block".',
        help: 'To run {{operation}} under {{runner}}, {{recipe}}.',
      },
      'runner-single-query': {
        message: '{{runner}} sends the whole file as one query, which Postgres runs as one implicit transaction, so {{operation}} fails unless it is the only statement in the file.',
        help: 'To run {{operation}} under {{runner}}, {{recipe}}.',
      },
    },
  },
  check({ model, report }) {
    const causeOf = transactionBlockCauses(model);
    for (const statement of model.statements) {
      const operation = concurrentOperationOf(statement.parsed.node);
      if (!operation) continue;
      const cause = causeOf(statement);
      if (!cause) continue;
      report({ messageId: cause, statement, data: { operation, runner: model.scope.runner, recipe: model.scope.outsideTransaction } });
    }
  },
});
