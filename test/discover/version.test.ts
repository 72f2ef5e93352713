import { describe, expect, it } from 'vitest';
import { compareVersionKeys, versionKeyOf } from '../../src/discover/version.js';

const sorted = (versions: string[]) =>
  [...versions].sort((a, b) => compareVersionKeys(versionKeyOf(a), versionKeyOf(b)));

describe('versionKeyOf / compareVersionKeys', () => {
  it('drops leading zeros and splits Flyway parts on . and _', () => {
    expect(versionKeyOf('0010')).toEqual(['10']);
    expect(versionKeyOf('0000')).toEqual(['0']);
    expect(versionKeyOf('1.2.010')).toEqual(['1', '2', '10']);
    expect(versionKeyOf('1_2_10')).toEqual(['1', '2', '10']);
    expect(versionKeyOf('')).toEqual([]);
  });

  it('orders numerically, not by text', () => {
    expect(sorted(['10', '9', '0002', '1'])).toEqual(['1', '0002', '9', '10']);
    expect(sorted(['1.2.10', '1.2.9', '1.10', '1.2'])).toEqual(['1.2', '1.2.9', '1.2.10', '1.10']);
  });

  it('treats missing trailing parts as zero, as Flyway does', () => {
    expect(compareVersionKeys(versionKeyOf('1'), versionKeyOf('1.0'))).toBe(0);
    expect(compareVersionKeys(versionKeyOf('1.0.1'), versionKeyOf('1'))).toBeGreaterThan(0);
  });

  it('keeps versions beyond 2^53 apart (nanosecond timestamps, uint64)', () => {
    const a = '1700000000000000001';
    const b = '1700000000000000002';
    expect(Number(a)).toBe(Number(b));
    expect(compareVersionKeys(versionKeyOf(a), versionKeyOf(b))).toBeLessThan(0);
  });
});
