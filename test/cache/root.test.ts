// makeDirectories (src/cache/root.ts) is the cache's `mkdir -p`: it must make every missing level,
// accept levels that exist, and fail where a level cannot be made, never loop. Node's own recursive
// mkdir never returns under /proc (ENOENT under a parent that exists), which hung a run whose
// XDG_CACHE_HOME pointed there.

import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDirectories } from '../../src/cache/root.js';
import { DataDirCache } from '../../src/cache/store.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pgmg-cache-root-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('makeDirectories', () => {
  it('makes every missing level with mode 700, and leaves levels that exist alone', () => {
    const deep = path.join(work, 'a', 'b', 'c');
    makeDirectories(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(statSync(path.join(work, 'a')).mode & 0o777).toBe(0o700);
    makeDirectories(deep);
    makeDirectories(path.join(work, 'a', 'b', 'd'));
    expect(existsSync(path.join(work, 'a', 'b', 'd'))).toBe(true);
  });

  it('throws where a level is a file, or cannot be made (under /proc), instead of looping', () => {
    writeFileSync(path.join(work, 'file'), '');
    expect(() => makeDirectories(path.join(work, 'file', 'below'))).toThrow(/ENOTDIR|EEXIST/);
    if (existsSync('/proc/self')) expect(() => makeDirectories('/proc/pgmg-no-such-dir/pg-migration-gate/bases')).toThrow(/ENOENT/);
  });

  it('lets the cache store fail a save under /proc, which its callers take as no cache', () => {
    if (!existsSync('/proc/self')) return;
    writeFileSync(path.join(work, 'PG_VERSION'), '18\n');
    const store = new DataDirCache({ root: '/proc/pgmg-no-such-dir/pg-migration-gate', log: () => {} });
    expect(() => store.publish('clusters', 'k', work, { password: 'p' }, false)).toThrow(/ENOENT/);
  });
});
