// Drizzle runs what its journal (meta/_journal.json) lists, not what the folder holds: a file
// missing from the journal never runs, an entry without a file fails the deploy.

import { defineSetRule } from './rule.js';

const JOURNAL_PROBLEMS = new Set(['journal-invalid', 'journal-entry-without-file', 'file-not-in-journal']);

export default defineSetRule({
  meta: {
    id: 'journal-mismatch',
    description: "A Drizzle journal and its folder agree: every entry has its .sql file and every .sql file is in the journal.",
    severity: 'error',
    risk: 'high',
    kind: 'set',
    messages: {
      mismatch: {
        message: '{{detail}}',
        help: 'Let drizzle-kit write the journal (drizzle-kit generate, or drizzle-kit drop to remove a migration) instead of adding, renaming or deleting files by hand.',
      },
    },
  },
  check({ set, report }) {
    for (const problem of set.problems) {
      if (!JOURNAL_PROBLEMS.has(problem.code)) continue;
      report({ messageId: 'mismatch', path: problem.path, line: problem.line, column: problem.column, data: { detail: problem.message }, subject: { problem } });
    }
  },
});
