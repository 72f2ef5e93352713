// COPY ... FROM PROGRAM / TO PROGRAM runs a shell command on the database server, as the operating
// system user the server runs as (postgres), with that user's access to every data file. A
// migration is the wrong place for it: it needs superuser or pg_execute_server_program, it does not
// run on managed Postgres, and a command string in a migration is a remote code execution path.

import { defineRule } from './rule.js';
import { statementsOf } from './util/statements.js';

/** Long shell commands are cut in messages; the statement itself is shown beside the finding. */
const MAX_COMMAND_LENGTH = 60;

export default defineRule({
  meta: {
    id: 'ban-copy-program',
    description: 'Migrations must not run shell commands on the database server with COPY ... PROGRAM.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      program: {
        message: 'COPY ... {{direction}} PROGRAM runs the shell command `{{command}}` on the database server as the postgres operating-system user.',
        help: 'Move data in or out from the client instead (psql \\copy, or the application), and keep shell commands out of migrations.',
      },
    },
  },
  check({ model, report }) {
    for (const { statement, node } of statementsOf(model, 'CopyStmt')) {
      if (!node.is_program) continue;
      const command = node.filename ?? '';
      report({
        messageId: 'program',
        statement,
        data: {
          direction: node.is_from ? 'FROM' : 'TO',
          command: command.length > MAX_COMMAND_LENGTH ? `${command.slice(0, MAX_COMMAND_LENGTH - 1)}…` : command,
        },
      });
    }
  },
});
