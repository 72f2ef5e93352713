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
      'too-large': {
        message: 'This statement is {{detail}}, so the gate could not check it; it is not known to be invalid SQL.',
        help:
          'The gate parses each statement with Postgres\'s parser compiled to WebAssembly, which runs out of memory or stack before the server does: ' +
          'a statement of more than about 30 MB (a long VALUES list) or an expression nested some 100,000 deep (`1 + 1 + ...`) does not fit. ' +
          'Split a data load into INSERTs of a few megabytes each, or load the data with COPY outside the migration.',
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
