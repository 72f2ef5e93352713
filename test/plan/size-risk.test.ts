// How the rehearsal's findings and locks are weighed by the target's table sizes: the size class by
// the configured limits (rows or bytes reach the large limit; both stay under the small one), and
// no row count made up for a table never analyzed.

import { describe, expect, it } from 'vitest';
import { planLocks, sizeClassOf, tableKey, weighFindings } from '../../src/plan/size-risk.js';
import type { FileEvidence } from '../../src/verify/evidence.js';
import { finding } from '../report/reports.js';

const limits = { large: { rows: 1_000_000, bytes: 1024 ** 3 }, small: { rows: 10_000, bytes: 10 * 1024 ** 2 } };

describe('sizeClassOf', () => {
  it.each([
    [{ rows: 40_000_000, bytes: 40 * 1024 ** 3 }, 'large'],
    // Few rows but wide ones (TOAST): the bytes alone make it large.
    [{ rows: 900, bytes: 2 * 1024 ** 3 }, 'large'],
    [{ rows: 2_000_000, bytes: 300 * 1024 ** 2 }, 'large'],
    [{ rows: 200, bytes: 49_152 }, 'small'],
    [{ rows: 50_000, bytes: 8 * 1024 ** 2 }, 'medium'],
    [{ rows: 5_000, bytes: 20 * 1024 ** 2 }, 'medium'],
    // Never analyzed: judged by its bytes only.
    [{ rows: null, bytes: 8192 }, 'small'],
    [{ rows: null, bytes: 5 * 1024 ** 3 }, 'large'],
  ] as const)('%o -> %s', (size, expected) => {
    expect(sizeClassOf(size, limits)).toBe(expected);
  });
});

describe('tableKey', () => {
  it('names a table of schema public as the sizes do', () => {
    expect(tableKey('orders')).toBe('public.orders');
    expect(tableKey('app.orders')).toBe('app.orders');
  });
});

describe('weighFindings and planLocks', () => {
  const path = 'db/migrations/20240301120000_x.sql';
  // Line 2 rewrites orders (large); line 5 indexes countries (small); line 8 drops a column of orders.
  const evidence: FileEvidence = {
    statements: [
      { start: { line: 2, column: 1 }, end: { line: 3, column: 40 }, rewritten: ['orders'], exclusive: ['orders'], locked: ['orders', 'orders_pkey'], until: 'the transaction commits' },
      { start: { line: 5, column: 1 }, end: { line: 5, column: 50 }, rewritten: [], exclusive: [], locked: ['countries'], until: 'the transaction commits' },
      { start: { line: 8, column: 1 }, end: { line: 8, column: 40 }, rewritten: [], exclusive: ['orders'], locked: ['orders'], until: 'the transaction commits' },
    ],
  };
  const sizes = new Map([
    ['public.orders', { table: 'public.orders', rows: 40_000_000, bytes: 40 * 1024 ** 3 }],
    ['public.countries', { table: 'public.countries', rows: 200, bytes: 49_152 }],
  ]);
  const findings = [
    // Inside the statement of lines 2-3, at its second line: it belongs to that statement.
    finding(path, { rule: 'changing-column-type', line: 3, column: 3, risk: 'high', severity: 'error', message: 'Rewrites orders.' }),
    finding(path, { rule: 'require-concurrent-index-creation', line: 5, severity: 'error', risk: 'high', message: 'Blocks writes to countries.' }),
    finding(path, { rule: 'ban-drop-column', line: 8, severity: 'error', risk: 'high', message: 'Drops a column.' }),
    finding(path, { rule: 'adding-field-with-default', line: 2, severity: 'info', risk: 'medium', message: 'No rewrite observed.' }),
  ];
  const weighed = weighFindings(findings, evidence, sizes, limits);

  it('a rewrite of a 40 GB table is high, with the size; a CREATE INDEX on a 200-row table is a low-risk note', () => {
    expect(weighed[0]).toMatchObject({ severity: 'error', risk: 'high', message: 'Rewrites orders. On the target, orders: 40M rows, 40 GB: at or above plan.large-table, so the lock is held while all of it is worked through.' });
    expect(weighed[1]).toMatchObject({ severity: 'info', risk: 'low', message: 'Blocks writes to countries. On the target, countries: 200 rows, 48 kB: under plan.small-table, so the lock is brief there.' });
  });

  it('leaves what size does not change: data loss, and a note that claims no long lock (only the size is added)', () => {
    expect(weighed[2]).toEqual(findings[2]);
    expect(weighed[3]).toMatchObject({ severity: 'info', risk: 'medium', message: 'No rewrite observed. On the target, orders: 40M rows, 40 GB.' });
  });

  it("gives each lock on a table the target's size and its statement's risk; an index's lock is left to its table's", () => {
    const lock = { statement: '...', blocks: 'reads and writes', relationKind: 'table' } as const;
    const locks = planLocks(
      [
        { ...lock, line: 2, relation: 'orders', mode: 'AccessExclusiveLock', rewrite: true },
        { ...lock, line: 2, relation: 'orders_pkey', relationKind: 'index', mode: 'AccessExclusiveLock', rewrite: true },
        { ...lock, line: 5, relation: 'countries', mode: 'ShareLock', rewrite: false },
        { ...lock, line: 8, relation: 'orders', mode: 'AccessExclusiveLock', rewrite: false },
      ],
      weighed,
      evidence,
      sizes,
      limits,
    );
    expect(locks.map((l) => [l.line, l.table, l.size, l.risk])).toEqual([
      [2, 'public.orders', 'large', 'high'],
      [5, 'public.countries', 'small', 'low'],
      // Dropping a column is metadata only: the lock is brief whatever the size (its data loss is its finding's).
      [8, 'public.orders', 'large', 'low'],
    ]);
  });
});
