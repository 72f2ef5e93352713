// The pairing rules of evidence.ts on literal data (the end-to-end cases on a real Postgres are in
// test/cli/check-evidence.test.ts and the rollback rules' tests).

import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser } from '../sql/parse.js';
import type { Finding } from '../types.js';
import type { SchemaDifference } from './diff.js';
import { columnOrderOnly, reapplyFollowsRollback, settleStaticClaims, type ObservedStatement } from './evidence.js';

beforeAll(() => ensureParser());

const PATH = 'migrations/0002_x.sql';
const VERSIONS = { server: 16, target: 16 };

function finding(rule: string, line: number, column: number, statement: string, severity: Finding['severity'] = 'error'): Finding {
  return { rule, line, column, statement, severity, risk: 'high', message: `${rule} says so.`, help: 'Do better.', path: PATH };
}

function observed(line: number, length: number, facts: Partial<ObservedStatement> = {}): ObservedStatement {
  return { start: { line, column: 1 }, end: { line, column: 1 + length }, rewritten: [], exclusive: [], locked: [], until: 'the statement finishes', ...facts };
}

const SCORE = 'ALTER TABLE users ALTER COLUMN score TYPE bigint';
const EMAIL = 'ALTER TABLE users ALTER COLUMN email TYPE varchar(100)';

describe('settleStaticClaims', () => {
  it('pairs a claim with the statement it lies in and the table it names, whatever the list order', () => {
    const claim = finding('changing-column-type', 2, 32, SCORE);
    const rewrite = finding('table-rewrite', 2, 1, SCORE);
    const lock = finding('access-exclusive-lock', 2, 1, SCORE, 'info');
    const elsewhere = finding('table-rewrite', 1, 1, 'VACUUM FULL accounts');
    const statements = [observed(1, 20, { rewritten: ['accounts'], locked: ['accounts'] }), observed(2, SCORE.length, { rewritten: ['users'], exclusive: ['users'], locked: ['users'] })];
    const result = settleStaticClaims([rewrite, lock, elsewhere, claim], { statements }, VERSIONS);
    expect(result.map((f) => `${f.line} ${f.rule} ${f.severity}`)).toEqual(['1 table-rewrite error', '2 changing-column-type error']);
    expect(result[1]!.message).toBe('changing-column-type says so. Observed: the table was rewritten on PostgreSQL 16, under an ACCESS EXCLUSIVE lock held until the statement finishes.');
  });

  it('takes the stronger severity and risk of what it absorbs', () => {
    const statement = 'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()';
    const claim = { ...finding('adding-field-with-default', 1, 30, statement, 'warning'), risk: 'medium' as const };
    const result = settleStaticClaims([claim, finding('table-rewrite', 1, 1, statement)], { statements: [observed(1, statement.length, { rewritten: ['users'], locked: ['users'] })] }, VERSIONS);
    expect(result.map((f) => [f.rule, f.severity, f.risk])).toEqual([['adding-field-with-default', 'error', 'high']]);
  });

  it('keeps the trace findings that also name other tables', () => {
    const claim = finding('changing-column-type', 1, 32, SCORE);
    const rewrite = finding('table-rewrite', 1, 1, SCORE);
    const statements = [observed(1, SCORE.length, { rewritten: ['users', 'users_archive'], locked: ['users', 'users_archive'] })];
    const result = settleStaticClaims([claim, rewrite], { statements }, VERSIONS);
    expect(result.map((f) => f.rule)).toEqual(['changing-column-type', 'table-rewrite']);
    expect(result[0]!.message).toContain('Observed: the table was rewritten');
  });

  it('lowers a claim when the watched table was not rewritten, and leaves it when the table was not watched', () => {
    const claim = finding('changing-column-type', 2, 32, EMAIL);
    // users locked by an earlier statement of the same transaction: the trace watched it.
    const watched = [observed(1, 40, { exclusive: ['users'], locked: ['users'] }), observed(2, EMAIL.length)];
    expect(settleStaticClaims([claim], { statements: watched }, VERSIONS)[0]!.severity).toBe('info');
    // users new to the trace (created by an earlier migration of the change): nothing to say.
    expect(settleStaticClaims([claim], { statements: [observed(1, 40), observed(2, EMAIL.length)] }, VERSIONS)).toEqual([claim]);
    // A statement that was not traced (the migration failed before it): nothing to say either.
    expect(settleStaticClaims([claim], { statements: [observed(1, 40, { locked: ['users'] })] }, VERSIONS)).toEqual([claim]);
  });

  it('a schema in the claim must be the schema the trace names', () => {
    const statement = 'ALTER TABLE app.users ALTER COLUMN email TYPE varchar(100)';
    const claim = finding('changing-column-type', 1, 36, statement);
    const lowered = (locked: string[]) => settleStaticClaims([claim], { statements: [observed(1, statement.length, { locked })] }, VERSIONS)[0]!.severity;
    expect(lowered(['app.users'])).toBe('info');
    expect(lowered(['users'])).toBe('error');
    // Unqualified, the claim matches the table wherever search_path found it.
    const unqualified = finding('changing-column-type', 1, 32, EMAIL);
    expect(settleStaticClaims([unqualified], { statements: [observed(1, EMAIL.length, { locked: ['app.users'] })] }, VERSIONS)[0]!.severity).toBe('info');
  });

  it('says which server saw it, and keeps the severity when the target decides rewrites differently', () => {
    const claim = finding('changing-column-type', 1, 32, EMAIL);
    const evidence = { statements: [observed(1, EMAIL.length, { locked: ['users'] })] };
    expect(settleStaticClaims([claim], evidence, { server: 18, target: 15 })[0]!.message).toBe(
      "changing-column-type says so. No rewrite observed on PostgreSQL 18: the table kept its data file, so this is a note. PostgreSQL 15, the config's target, decides this the same way.",
    );
    const older = settleStaticClaims([claim], evidence, { server: 18, target: 11 })[0]!;
    expect(older.severity).toBe('error');
    expect(older.message).toContain('No rewrite observed on PostgreSQL 18, but the config targets PostgreSQL 11, where this can differ');
  });

  it('VACUUM FULL and CLUSTER: the rewrite seen folds the trace in; not seen, the claim stays (they always rewrite)', () => {
    const vacuum = 'VACUUM FULL framework_docs';
    const claim = finding('ban-vacuum-full-and-cluster', 1, 13, vacuum);
    const rewrite = finding('table-rewrite', 1, 1, vacuum);
    const lock = finding('access-exclusive-lock', 1, 1, vacuum, 'info');
    const seen = [observed(1, vacuum.length, { rewritten: ['framework_docs'], exclusive: ['framework_docs'], locked: ['framework_docs'] })];
    const result = settleStaticClaims([claim, rewrite, lock], { statements: seen }, VERSIONS);
    expect(result.map((f) => f.rule)).toEqual(['ban-vacuum-full-and-cluster']);
    expect(result[0]!.message).toContain('Observed: the table was rewritten on PostgreSQL 16');
    // A trace that watched the table but saw no rewrite (too fast for the poller, say) disproves nothing.
    expect(settleStaticClaims([claim], { statements: [observed(1, vacuum.length, { locked: ['framework_docs'] })] }, VERSIONS)).toEqual([claim]);
    const cluster = 'CLUSTER app.variants USING variants_pkey';
    const clustered = settleStaticClaims(
      [finding('ban-vacuum-full-and-cluster', 1, 9, cluster), finding('table-rewrite', 1, 1, cluster)],
      { statements: [observed(1, cluster.length, { rewritten: ['app.variants'], locked: ['app.variants'] })] },
      VERSIONS,
    );
    expect(clustered.map((f) => f.rule)).toEqual(['ban-vacuum-full-and-cluster']);
  });

  it('leaves findings of other rules and claims without a statement alone', () => {
    const other = finding('ban-drop-column', 1, 20, 'ALTER TABLE users DROP COLUMN score');
    const { statement: _, ...bare } = finding('changing-column-type', 1, 32, SCORE);
    const evidence = { statements: [observed(1, SCORE.length, { locked: ['users'] })] };
    expect(settleStaticClaims([other, bare], evidence, VERSIONS)).toEqual([other, bare]);
  });
});

const position = (column: string, from: string, to: string): SchemaDifference => ({ object: `column ${column}`, change: 'changed', attribute: 'position', expected: from, actual: to });

describe('the rollback round trip', () => {
  it('column order only: every difference a column position', () => {
    expect(columnOrderOnly([position('users.email', '2', '3'), position('users.name', '3', '2')])).toBe(true);
    expect(columnOrderOnly([position('users.email', '2', '3'), { object: 'column users.email', change: 'changed', attribute: 'not null', expected: 'yes', actual: '' }])).toBe(false);
    expect(columnOrderOnly([])).toBe(false);
  });

  it('a reapply failure follows the rollback when its statement names what differs', () => {
    const leftTable: SchemaDifference[] = [{ object: 'table audit', change: 'extra' }];
    const leftColumn: SchemaDifference[] = [{ object: 'column users.email', change: 'extra' }];
    const failing = (text: string) => ({ statement: { text } });
    expect(reapplyFollowsRollback({ rollbackDifferences: leftTable, reapplyFailure: failing('CREATE TABLE audit (id bigint)'), reapplyDifferences: [] })).toBe('failure');
    expect(reapplyFollowsRollback({ rollbackDifferences: leftTable, reapplyFailure: failing("INSERT INTO settings VALUES ('audit')"), reapplyDifferences: [] })).toBe('none');
    expect(reapplyFollowsRollback({ rollbackDifferences: leftColumn, reapplyFailure: failing('ALTER TABLE users ADD COLUMN email text'), reapplyDifferences: [] })).toBe('failure');
    // The same column name on another table is another object.
    expect(reapplyFollowsRollback({ rollbackDifferences: leftColumn, reapplyFailure: failing('ALTER TABLE accounts ADD COLUMN email text'), reapplyDifferences: [] })).toBe('none');
    // Columns at other positions are all there: nothing to trip over.
    expect(reapplyFollowsRollback({ rollbackDifferences: [position('users.email', '2', '3')], reapplyFailure: failing('ALTER TABLE users ADD COLUMN email text'), reapplyDifferences: [] })).toBe('none');
  });

  it('reapply differences follow the rollback when they are the same objects, or column order after column order', () => {
    const renamed: SchemaDifference[] = [{ object: 'table audit_old', change: 'extra' }];
    expect(reapplyFollowsRollback({ rollbackDifferences: renamed, reapplyDifferences: renamed })).toBe('differences');
    expect(reapplyFollowsRollback({ rollbackDifferences: renamed, reapplyDifferences: [...renamed, { object: 'table second_run', change: 'extra' }] })).toBe('none');
    const order = [position('users.email', '2', '3')];
    expect(reapplyFollowsRollback({ rollbackDifferences: order, reapplyDifferences: order })).toBe('differences');
    expect(reapplyFollowsRollback({ rollbackDifferences: order, reapplyDifferences: [{ object: 'column users.email', change: 'changed', attribute: 'type', expected: 'text', actual: 'integer' }] })).toBe('none');
    expect(reapplyFollowsRollback({ rollbackDifferences: [], reapplyDifferences: renamed })).toBe('none');
  });
});
