// Inline ignores of database rules: honoured by the database stage, and reported when stale, but
// only for rules whose checks ran on the whole file.

import { describe, expect, it } from 'vitest';
import { runCase } from '../db-rule-tester.js';

const USERS = 'CREATE TABLE users (id int PRIMARY KEY, score int);';

function summary(findings: Array<{ rule: string; line: number; column: number; message: string }>) {
  return findings.map((f) => [f.rule, f.line, f.column, f.message]);
}

describe('ignores of database rules', () => {
  it('a statement ignore that suppresses nothing is reported at the directive', async () => {
    const { findings } = await runCase({
      name: 'stale',
      before: [USERS],
      sql: 'SELECT 1;\n  -- pg-migration-gate-ignore table-rewrite -- was a rewrite once\nCREATE INDEX CONCURRENTLY users_score ON users (score);\n',
    });
    expect(summary(findings)).toEqual([['unused-ignore', 2, 3, 'The ignore for table-rewrite suppresses nothing in the statement at line 3.']]);
  });

  it('a file ignore of a rollback rule, in a rollback file that restores the schema', async () => {
    const { findings } = await runCase({
      name: 'stale file ignore',
      sql: 'CREATE TABLE audit (id int);\n',
      rollback: '-- pg-migration-gate-ignore-file rollback-mismatch\nDROP TABLE audit;\n',
    });
    expect(findings.map((f) => [f.rule, f.path, f.line, f.message])).toEqual([
      ['unused-ignore', 'migrations/0100_change_rollback.sql', 1, 'The ignore for rollback-mismatch suppresses nothing in this file.'],
    ]);
  });

  it('an ignore that suppresses a finding is not reported', async () => {
    const { findings } = await runCase({
      name: 'used',
      before: [USERS],
      sql: "SET lock_timeout = '1s';\n-- pg-migration-gate-ignore table-rewrite, access-exclusive-lock -- 40 rows\nALTER TABLE users ALTER COLUMN score TYPE bigint;\n",
    });
    expect(findings).toEqual([]);
  });

  it('is not judged when the migration did not apply (later statements never ran)', async () => {
    const { findings } = await runCase({
      name: 'not judged',
      before: [USERS],
      sql: 'ALTER TABLE nope ADD COLUMN x int;\n-- pg-migration-gate-ignore table-rewrite -- reviewed\nALTER TABLE users ALTER COLUMN score TYPE bigint;\n',
    });
    expect(findings.map((f) => f.rule)).toEqual(['apply-failed']);
  });
});
