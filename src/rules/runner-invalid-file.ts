// A migration that its runner refuses, or cannot run as written: dbmate and goose read directive
// comments (`-- migrate:up`, `-- +goose Up`, `-- +goose StatementBegin`) before any SQL reaches
// Postgres, and goose cuts statements at lines ending in `;`. Discovery finds these (as it finds a
// broken Drizzle journal) with the line to fix; this rule is how they reach the report. The
// database stage cannot stand in for it: it applies the parser's statements, not goose's pieces.

import { defineSetRule } from './rule.js';

const RUNNER_PROBLEMS = new Set(['dbmate-invalid', 'goose-invalid']);

export default defineSetRule({
  meta: {
    id: 'runner-invalid-file',
    description: "The runner can run every new migration as written: its directives are where dbmate or goose expect them, and goose's line-based splitter ends each statement where Postgres does.",
    severity: 'error',
    risk: 'high',
    kind: 'set',
    messages: {
      invalid: {
        message: '{{detail}}.',
        help: 'Fix the file as the message says before merging: the runner reads these directives before any SQL reaches Postgres, so until then the deploy fails on this file.',
      },
    },
  },
  check({ set, report }) {
    // With a base, only what the change brings: a merged file was already run (or refused) in production.
    const inChange = new Set([...set.checked.map((c) => c.migration.path), ...(set.changes?.changes.map((c) => c.path) ?? [])]);
    for (const problem of set.problems) {
      if (!RUNNER_PROBLEMS.has(problem.code) || (set.base && !inChange.has(problem.path))) continue;
      report({ messageId: 'invalid', path: problem.path, line: problem.line, column: problem.column, data: { detail: problem.message } });
    }
  },
});
