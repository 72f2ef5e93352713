import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/report/format-text.js';
import { buildReport } from '../../src/report/report.js';

const finding = { rule: 'require-concurrent-index-creation', severity: 'error' as const, risk: 'high' as const, line: 3, column: 1, message: 'CREATE INDEX blocks writes.', help: 'Use CONCURRENTLY.', path: 'm/0002.sql' };

describe('formatText', () => {
  it('prints findings, each file\'s database result and the summary', () => {
    const report = buildReport(
      [
        { path: 'm/0001.sql', status: 'new', findings: [], apply: { status: 'applied' }, rollback: { status: 'verified' }, locks: [] },
        {
          path: 'm/0002.sql',
          status: 'new',
          findings: [finding],
          apply: { status: 'applied' },
          rollback: { status: 'mismatch' },
          locks: [{ line: 3, statement: 'CREATE INDEX i ON orders (x)', relation: 'public.orders', relationKind: 'table', mode: 'ShareLock', blocks: 'writes', rewrite: false }],
        },
      ],
      { status: 'ran', server: 'PostgreSQL 16.4' },
    );
    expect(formatText(report, { color: false })).toBe(
      [
        'm/0002.sql:3:1  error  require-concurrent-index-creation  CREATE INDEX blocks writes.',
        '    help: Use CONCURRENTLY.',
        'database stage ran on PostgreSQL 16.4',
        '  m/0001.sql: applied, rollback verified, no locks on existing objects',
        '  m/0002.sql: applied, rollback mismatch, locks on existing objects: public.orders SHARE',
        '',
        '1 finding (1 error, 0 warnings, 0 info) in 2 files · risk: high',
        '',
      ].join('\n'),
    );
  });

  it('says which failed migrations a migration was applied without', () => {
    const failed = { status: 'failed' as const, reason: 'm/0001.sql:1: relation "x" does not exist (SQLSTATE 42P01)' };
    const report = buildReport(
      [
        { path: 'm/0001.sql', status: 'new', findings: [], apply: failed, rollback: { status: 'skipped' }, locks: [] },
        { path: 'm/0002.sql', status: 'new', findings: [], apply: { ...failed, without: ['m/0001.sql'] }, rollback: { status: 'skipped' }, locks: [] },
        { path: 'm/0003.sql', status: 'new', findings: [], apply: { status: 'applied', without: ['m/0001.sql', 'm/0002.sql'] }, rollback: { status: 'verified' }, locks: [] },
      ],
      { status: 'ran', server: 'PostgreSQL 16.4' },
    );
    expect(formatText(report, { color: false }).split('\n').filter((line) => line.startsWith('  '))).toEqual([
      '  m/0001.sql: apply failed, no locks on existing objects',
      '  m/0002.sql: apply failed (on the schema without m/0001.sql), no locks on existing objects',
      '  m/0003.sql: applied without m/0001.sql, m/0002.sql, rollback verified, no locks on existing objects',
    ]);
  });

  it('says why the database stage did not run, and colours only when asked', () => {
    const report = buildReport([{ path: 'a.sql', status: 'new', findings: [finding] }], { status: 'skipped', reason: 'no PostgreSQL server binaries found' });
    expect(formatText(report, { color: false })).toContain('database stage skipped: no PostgreSQL server binaries found');
    expect(formatText(report, { color: true })).toContain('\u001b[31merror\u001b[0m');
  });
});
