import { describe, expect, it } from 'vitest';
import { chainProofs, NO_LAZY_NOT_NULL_PROOFS, type LazyNotNullProofs, type NotNullProofs } from '../../src/lint/not-null-proofs.js';

const proof = (table: string): NotNullProofs[number] => ({ table, name: `${table}_check`, columns: ['id'], validatedAt: -1 });

describe('NOT NULL proofs carried across migrations, worked out when asked', () => {
  it('runs no step until asked, each step once, in order', () => {
    const calls: number[] = [];
    let chain: LazyNotNullProofs = NO_LAZY_NOT_NULL_PROOFS;
    for (let n = 0; n < 3; n++) {
      chain = chainProofs(chain, (before) => {
        calls.push(n);
        return [...before, proof(`t${n}`)];
      });
    }
    expect(calls).toEqual([]);
    expect(chain().map((p) => p.table)).toEqual(['t0', 't1', 't2']);
    expect(chain().map((p) => p.table)).toEqual(['t0', 't1', 't2']);
    expect(calls).toEqual([0, 1, 2]);
  });

  it('starts from the nearest link already worked out', () => {
    const calls: string[] = [];
    const first = chainProofs(NO_LAZY_NOT_NULL_PROOFS, (before) => (calls.push('first'), [...before, proof('a')]));
    first();
    const second = chainProofs(first, (before) => (calls.push('second'), [...before, proof('b')]));
    expect(second().map((p) => p.table)).toEqual(['a', 'b']);
    expect(calls).toEqual(['first', 'second']);
  });

  it('works out a chain of 100,000 migrations without overflowing the stack', () => {
    let chain: LazyNotNullProofs = NO_LAZY_NOT_NULL_PROOFS;
    for (let n = 0; n < 100_000; n++) chain = chainProofs(chain, (before) => (n % 25_000 === 0 ? [...before, proof(`t${n}`)] : before));
    expect(chain().map((p) => p.table)).toEqual(['t0', 't25000', 't50000', 't75000']);
  });
});
