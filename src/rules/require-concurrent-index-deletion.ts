// DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table: every read
// and write of that table waits, and while the DROP itself waits for running transactions to
// finish, every later query queues behind it.

import { isIndexCreatedInFile } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { insertAfter } from './util/rewrite.js';
import { droppedIndexNames, indexPhrase } from './util/index-names.js';
import { statementsOf } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'require-concurrent-index-deletion',
    description: 'DROP INDEX of an existing index must use CONCURRENTLY.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'not-concurrent': {
        message: 'DROP INDEX {{name}} without CONCURRENTLY locks its table ACCESS EXCLUSIVE, blocking every read and write of it until the drop is done.',
        help: 'Use DROP INDEX CONCURRENTLY {{name}}, and {{recipe}}.',
      },
      'not-concurrent-several': {
        message: 'DROP INDEX of {{name}} without CONCURRENTLY locks their tables ACCESS EXCLUSIVE, blocking every read and write of them until the drop is done.',
        help: 'Drop each index with its own DROP INDEX CONCURRENTLY statement (CONCURRENTLY takes one index at a time), and {{recipe}}.',
      },
      'concurrent-several': {
        message: 'DROP INDEX CONCURRENTLY of {{name}} fails: Postgres drops only one index per concurrent DROP INDEX.',
        help: 'Write one DROP INDEX CONCURRENTLY statement per index.',
      },
      'concurrent-cascade': {
        message: 'DROP INDEX CONCURRENTLY {{name}} CASCADE fails: Postgres does not support CASCADE with CONCURRENTLY.',
        help: 'Drop the objects that depend on the index first, then use DROP INDEX CONCURRENTLY without CASCADE.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node } of statementsOf(model, 'DropStmt')) {
      const names = droppedIndexNames(node);
      if (names.length === 0) continue;
      if (node.concurrent) {
        // The concurrent form is what we ask for, but Postgres rejects these shapes of it outright.
        if (names.length > 1) {
          report({ messageId: 'concurrent-several', statement, data: { name: indexPhrase(names) } });
        } else if (node.behavior === 'DROP_CASCADE') {
          report({ messageId: 'concurrent-cascade', statement, data: { name: names[0]! } });
        }
        continue;
      }
      // An index the file itself created earlier has no queries that depend on it yet, and dropping
      // it undoes the file's own work; only indexes that existed before the file are a concern.
      const existing = names.filter((name) => !isIndexCreatedInFile(model, name, statement));
      if (existing.length === 0) continue;
      if (names.length === 1) {
        report({
          messageId: 'not-concurrent',
          statement,
          data: { name: names[0]!, recipe: model.scope.outsideTransaction },
          // CASCADE cannot be CONCURRENTLY: only the plain form gets a ready fix.
          ...(node.behavior === 'DROP_CASCADE' ? {} : { fix: (text: string) => insertAfter(text, ['INDEX'], 'CONCURRENTLY'), fixInPlace: !statement.inTransaction }),
        });
      } else {
        report({ messageId: 'not-concurrent-several', statement, data: { name: indexPhrase(existing), recipe: model.scope.outsideTransaction } });
      }
    }
  },
});
