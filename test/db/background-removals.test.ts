// The temporary server's directory removed in the background: gone once finishRemovals() resolves,
// and a removal that fails is said in one line of our own, not thrown.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { finishRemovals, removeInBackground } from '../../src/db/background-removals.js';

const made: string[] = [];
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function tree(files: number): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'pgmg-removal-'));
  made.push(directory);
  mkdirSync(path.join(directory, 'data', 'base', '1'), { recursive: true });
  for (let index = 0; index < files; index++) writeFileSync(path.join(directory, 'data', 'base', '1', String(index)), 'x');
  return directory;
}

describe('background removals', () => {
  it('removes the directory and calls done; finishRemovals waits for it', async () => {
    const directory = tree(200);
    let done = 0;
    removeInBackground(directory, () => done++);
    expect(await finishRemovals()).toEqual([]);
    expect(existsSync(directory)).toBe(false);
    expect(done).toBe(1);
    // Nothing pending: resolves at once, with nothing to say.
    expect(await finishRemovals()).toEqual([]);
  });

  it('says which directory could not be removed and what to do, and still calls done', async () => {
    const directory = tree(1);
    let done = 0;
    removeInBackground(directory, () => done++, () => Promise.reject(Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' })));
    const problems = await finishRemovals();
    expect(problems).toEqual([`could not remove the temporary server directory ${directory}: EBUSY: resource busy or locked; remove it by hand`]);
    expect(done).toBe(1);
    expect(existsSync(directory)).toBe(true);
  });

  it('waits for removals started while it waits', async () => {
    const first = tree(1);
    const second = tree(1);
    removeInBackground(first, () => removeInBackground(second, () => undefined));
    expect(await finishRemovals()).toEqual([]);
    expect(existsSync(first)).toBe(false);
    expect(existsSync(second)).toBe(false);
  });
});
