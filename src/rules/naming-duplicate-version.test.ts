import { describe, expect, it } from 'vitest';
import { runSetRule } from '../../test/set/set-tester.js';

const messages = async (...args: Parameters<typeof runSetRule>) => (await runSetRule(...args)).map((f) => `${f.path}: ${f.message}`);

describe('naming-duplicate-version', () => {
  it('two branches that both took 0005: the base has one, the PR adds the other', async () => {
    expect(
      await messages('naming-duplicate-version', {
        base: { '0004_a.sql': 'SELECT 1;', '0005_invoices.sql': 'SELECT 1;' },
        files: { '0004_a.sql': 'SELECT 1;', '0005_refunds.sql': 'SELECT 1;' },
      }),
    ).toEqual([
      '0005_refunds.sql: 0005_refunds.sql has version 0005, like 0005_invoices.sql (merged on the base branch): the runner applies only one of them, or refuses to run.',
    ]);
  });

  it('versions compare as numbers: 5 and 0005 clash', async () => {
    expect(await messages('naming-duplicate-version', { files: { '0005_a.sql': 'SELECT 1;', '5_b.sql': 'SELECT 1;' } })).toHaveLength(1);
  });

  it('Flyway: 1 and 1.0 are one version; 1.1 is another', async () => {
    expect(await messages('naming-duplicate-version', { files: { 'V1__a.sql': 'SELECT 1;', 'V1_0__b.sql': 'SELECT 1;' } })).toHaveLength(1);
    expect(await messages('naming-duplicate-version', { files: { 'V1__a.sql': 'SELECT 1;', 'V1_1__b.sql': 'SELECT 1;' } })).toEqual([]);
  });

  it('stays silent for distinct versions, for rollbacks and for merged duplicates', async () => {
    expect(await messages('naming-duplicate-version', { files: { '0001_a.sql': 'SELECT 1;', '0001_a_rollback.sql': 'SELECT 1;', '0002_b.sql': 'SELECT 1;' } })).toEqual([]);
    const old = { '0001_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;' };
    expect(await messages('naming-duplicate-version', { base: old, files: { ...old, '0002_c.sql': 'SELECT 1;' } })).toEqual([]);
  });
});
