// How the rehearsal's findings and locks are weighed by the target's table sizes: the size class by
// the configured limits (rows or bytes reach the large limit; both stay under the small one), and
// no row count made up for a table never analyzed.

import { describe, expect, it } from 'vitest';
import { sizeClassOf, tableKey } from '../../src/plan/size-risk.js';

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
