import { describe, expect, it } from 'vitest';
import { lintSql as lintAll, type LintSqlOptions } from '../lint-helpers.js';

// These tests are about the engine: only the rules they exercise are looked at.
const ENGINE_TEST_RULES = new Set(['require-concurrent-index-creation', 'unused-ignore', 'syntax-error']);
async function lintSql(sql: string, options?: LintSqlOptions) {
  const result = await lintAll(sql, options);
  return { ...result, findings: result.findings.filter((f) => ENGINE_TEST_RULES.has(f.rule)) };
}
const rulesOf = async (sql: string) => (await lintSql(sql)).findings.map((f) => [f.rule, f.line]);

describe('inline ignore directives', () => {
  it('an ignore covers the next statement only', async () => {
    expect(
      await rulesOf(
        '-- pg-migration-gate-ignore require-concurrent-index-creation -- table has 10 rows\nCREATE INDEX a ON t (x);\nCREATE INDEX b ON t (y);',
      ),
    ).toEqual([['require-concurrent-index-creation', 3]]);
  });

  it('an ignore covers a multi-line statement and the SQL inside a DO block', async () => {
    expect(
      await rulesOf('-- pg-migration-gate-ignore require-concurrent-index-creation\nDO $$\nBEGIN\n  CREATE INDEX a ON t (x);\nEND $$;'),
    ).toEqual([]);
  });

  it('accepts several rules separated by commas or spaces', async () => {
    expect(
      await rulesOf('-- pg-migration-gate-ignore syntax-error, require-concurrent-index-creation -- reviewed\nCREATE INDEX a ON t (x);'),
    ).toEqual([['unused-ignore', 1]]);
  });

  it('a file ignore covers every statement', async () => {
    expect(
      await rulesOf('-- pg-migration-gate-ignore-file require-concurrent-index-creation -- maintenance window\nCREATE INDEX a ON t (x);\nCREATE INDEX b ON t (y);'),
    ).toEqual([]);
  });

  it('reports an ignore naming an unknown rule', async () => {
    const { findings } = await lintSql('-- pg-migration-gate-ignore require-concurent-index -- typo\nCREATE INDEX a ON t (x);');
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['unused-ignore', 1],
      ['require-concurrent-index-creation', 2],
    ]);
    expect(findings[0]!.message).toContain('require-concurent-index');
  });

  it('reports an ignore that suppresses nothing, and one that names no rule', async () => {
    const { findings } = await lintSql(
      'SELECT 1;\n-- pg-migration-gate-ignore require-concurrent-index-creation\nCREATE INDEX CONCURRENTLY a ON t (x);\n-- pg-migration-gate-ignore\nSELECT 2;',
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['unused-ignore', 2],
      ['unused-ignore', 4],
    ]);
    expect(findings[0]!.message).toContain('the statement at line 3');
    expect(findings[1]!.message).toContain('names no rule');
  });

  it('an ignore placed after the last statement suppresses nothing', async () => {
    const { findings } = await lintSql('CREATE INDEX a ON t (x);\n-- pg-migration-gate-ignore require-concurrent-index-creation\n');
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['require-concurrent-index-creation', 1],
      ['unused-ignore', 2],
    ]);
  });

  it('ordinary comments that mention the tool are not directives', async () => {
    expect(await rulesOf('-- pg-migration-gate-ignored by nobody\nSELECT 1;')).toEqual([]);
  });

  it('config severity off silences a rule; a rule set to a severity reports with it', async () => {
    const sql = 'CREATE INDEX a ON t (x);';
    expect((await lintSql(sql, { rules: { 'require-concurrent-index-creation': 'off' } })).findings).toEqual([]);
    expect((await lintSql(sql, { rules: { 'require-concurrent-index-creation': 'warning' } })).findings[0]!.severity).toBe('warning');
  });
});

describe('ignore directives written inside a statement', () => {
  it('are reported and do not silence the next statement', async () => {
    const { findings } = await lintSql(
      'CREATE INDEX a\n  -- pg-migration-gate-ignore require-concurrent-index-creation\n  ON t (x);\nCREATE INDEX b ON t (y);',
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['require-concurrent-index-creation', 1],
      ['unused-ignore', 2],
      ['require-concurrent-index-creation', 4],
    ]);
    expect(findings[1]!.message).toContain('inside a statement');
  });

  it('a file-wide directive inside a statement still covers the file', async () => {
    expect(
      (await lintSql('CREATE INDEX a\n  -- pg-migration-gate-ignore-file require-concurrent-index-creation\n  ON t (x);')).findings,
    ).toEqual([]);
  });
});
