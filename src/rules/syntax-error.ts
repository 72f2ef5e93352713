// Reported by the lint engine when Postgres's parser rejects a statement or the file is not SQL
// text at all. The other statements of the file are still linted.

import { defineEngineRule } from './rule.js';

export default defineEngineRule({
  meta: {
    id: 'syntax-error',
    description: 'The file must be valid PostgreSQL that the server can parse.',
    severity: 'error',
    risk: 'high',
    kind: 'engine',
    messages: {
      syntax: {
        message: 'Postgres cannot parse this statement: {{detail}} (at {{where}}).',
        help: 'Fix the SQL so that Postgres accepts it; the migration fails at this statement otherwise.',
      },
      empty: {
        message: 'The file holds no SQL statement.',
        help: 'Add the migration\'s SQL, or delete the file if it was created by mistake.',
      },
      unreadable: {
        message: 'The file cannot be read as SQL: {{detail}}.',
        help: 'Migration files must be UTF-8 text; re-save the file as UTF-8 or remove it from the migrations directory.',
      },
    },
  },
});
