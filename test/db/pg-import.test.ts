// importWithoutFetch: Node 20 (no navigator) gets the navigator Node 21+ has for the length of the
// import only, also when imports overlap or one fails; a runtime's own navigator is left as it is.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importWithoutFetch } from '../../src/db/pg-import.js';

const own = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
const major = process.versions.node.split('.')[0];
const navigatorNow = () => (globalThis as { navigator?: { userAgent?: string } }).navigator;

describe('importWithoutFetch', () => {
  describe('on a runtime without navigator (Node 20)', () => {
    // Node 21+ are made to look like Node 20 for these cases; Node 20 is that already.
    beforeEach(() => {
      if (own) delete (globalThis as { navigator?: unknown }).navigator;
    });
    afterEach(() => {
      if (own) Object.defineProperty(globalThis, 'navigator', own);
    });

    it("lends Node's navigator while the import runs, then takes it back", async () => {
      expect(typeof navigatorNow()).toBe('undefined');
      const seen = await importWithoutFetch(async () => navigatorNow()?.userAgent);
      expect(seen).toBe(`Node.js/${major}`);
      expect(typeof navigatorNow()).toBe('undefined');
    });

    it('keeps it until the last of overlapping imports ends, and takes it back after a failed one', async () => {
      let finishFirst!: () => void;
      const first = importWithoutFetch(() => new Promise<void>((resolve) => (finishFirst = resolve)));
      const second = importWithoutFetch(async () => navigatorNow()?.userAgent);
      expect(await second).toBe(`Node.js/${major}`);
      expect(navigatorNow()?.userAgent).toBe(`Node.js/${major}`);
      finishFirst();
      await first;
      expect(typeof navigatorNow()).toBe('undefined');
      await expect(importWithoutFetch(() => Promise.reject(new Error('no such chunk')))).rejects.toThrow('no such chunk');
      expect(typeof navigatorNow()).toBe('undefined');
    });
  });

  it.runIf(own !== undefined)("leaves a runtime's own navigator as it is", async () => {
    const before = navigatorNow();
    expect(await importWithoutFetch(async () => navigatorNow())).toBe(before);
    expect(navigatorNow()).toBe(before);
  });
});
