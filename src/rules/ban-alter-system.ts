// ALTER SYSTEM writes postgresql.auto.conf: the change applies to every database on the server,
// overrides postgresql.conf silently, is invisible to whatever manages the server's configuration,
// and survives the rollback of the migration. It also cannot run inside a transaction block, so in
// a runner that wraps files in a transaction the migration fails outright.

import { defineRule } from './rule.js';
import { statementsOf } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'ban-alter-system',
    description: 'Migrations must not change server-wide configuration with ALTER SYSTEM.',
    severity: 'error',
    risk: 'medium',
    kind: 'statement',
    messages: {
      'alter-system': {
        message: 'ALTER SYSTEM {{change}} changes the configuration of the whole server, for every database on it, outside configuration management, and cannot run inside a transaction block.',
        help: 'Set server parameters where the server is configured (postgresql.conf, your provider\'s parameter group); for this database or one role only, use ALTER DATABASE ... SET or ALTER ROLE ... SET.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node } of statementsOf(model, 'AlterSystemStmt')) {
      const { kind, name } = node.setstmt ?? {};
      let change: string;
      if (kind === 'VAR_RESET_ALL') change = 'RESET ALL';
      else if (kind === 'VAR_RESET') change = `RESET ${name ?? '?'}`;
      else if (kind === 'VAR_SET_DEFAULT') change = `SET ${name ?? '?'} TO DEFAULT`;
      else change = `SET ${name ?? '?'}`;
      report({ messageId: 'alter-system', statement, data: { change } });
    }
  },
});
