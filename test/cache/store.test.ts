// The cache's store of data directories on its own (no server): an entry is found only whole and
// matching, a damaged or foreign one is removed with one line, writes are all-or-nothing, the loser
// of two writers discards its copy, and the size bound evicts the least recently used.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirCache, type EntryManifest } from '../../src/cache/store.js';

let root: string;
let work: string;
let notes: string[];

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pgmg-store-'));
  root = path.join(work, 'cache');
  notes = [];
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A small stand-in for a data directory: a few files in subdirectories, mode 700 like PostgreSQL's. */
function fakeDataDir(name: string, bytes = 1000): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'base', '1'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dir, 'PG_VERSION'), '18\n');
  writeFileSync(path.join(dir, 'base', '1', '1259'), Buffer.alloc(bytes, 7));
  return dir;
}

function store(maxBytes?: number): DataDirCache {
  return new DataDirCache({ root, log: (line) => notes.push(line), ...(maxBytes ? { maxBytes } : {}) });
}

describe('cache store', () => {
  it('misses, then finds what was saved, with its password, and restores a copy with the same files and modes', async () => {
    const cache = store();
    expect(cache.lookup('clusters', 'k1')).toBeUndefined();
    expect(cache.publish('clusters', 'k1', fakeDataDir('data'), { password: 'secret' }, false)).toBe('saved');
    const entry = cache.lookup('clusters', 'k1')!;
    expect(entry.manifest).toMatchObject({ kind: 'clusters', key: 'k1', password: 'secret', files: 4, bytes: 1003 });
    const restored = path.join(work, 'restored');
    expect(await cache.restore(entry, restored, undefined)).toBe(true);
    expect(readFileSync(path.join(restored, 'base', '1', '1259'))).toEqual(Buffer.alloc(1000, 7));
    // PostgreSQL refuses a data directory that others can read.
    expect(statSync(path.join(restored, 'base')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(root, 'clusters', 'k1', 'manifest.json')).mode & 0o077).toBe(0);
    expect(notes).toEqual([]);
  });

  it('leaves the directory to its caller when it archives it, and moves a tree when asked (the stopped server is thrown away anyway)', () => {
    const cache = store();
    const data = fakeDataDir('data');
    cache.publish('bases', 'b1', data, { password: 'p', databases: ['pgmg_cached_base_0', null] }, true);
    expect(existsSync(data)).toBe(true);
    expect(cache.lookup('bases', 'b1')?.manifest.databases).toEqual(['pgmg_cached_base_0', null]);
  });

  it('saves the data directory as one archive, and a tree where tar does not run, restoring both alike', async () => {
    const archived = store();
    archived.publish('clusters', 'k1', fakeDataDir('data'), { password: 'p' }, false);
    expect(archived.lookup('clusters', 'k1')!.manifest.layout).toBe('archive');
    expect(readdirSync(path.join(root, 'clusters', 'k1')).sort()).toEqual(['data.tar', 'manifest.json']);
    const withoutTar = new DataDirCache({ root, log: (line) => notes.push(line), tar: path.join(work, 'no-such-tar') });
    const moved = fakeDataDir('data2');
    withoutTar.publish('clusters', 'k2', moved, { password: 'p' }, true);
    expect(existsSync(moved)).toBe(false);
    expect(withoutTar.lookup('clusters', 'k2')!.manifest.layout).toBe('tree');
    expect(readdirSync(path.join(root, 'clusters', 'k2')).sort()).toEqual(['data', 'manifest.json']);
    for (const [cache, key] of [[archived, 'k1'], [archived, 'k2'], [withoutTar, 'k2']] as const) {
      const restored = path.join(work, `restored-${key}-${cache === archived ? 'tar' : 'tree'}`);
      expect(await cache.restore(cache.lookup('clusters', key)!, restored, undefined)).toBe(true);
      expect(readFileSync(path.join(restored, 'base', '1', '1259'))).toEqual(Buffer.alloc(1000, 7));
      expect(statSync(restored).mode & 0o777).toBe(0o700);
    }
    expect(notes).toEqual([]);
  });

  it('removes an entry whose files no longer match its manifest, with one line, and rebuilds it on the next save', async () => {
    const cache = store();
    cache.publish('bases', 'b1', fakeDataDir('data'), { password: 'p' }, false);
    // The archive replaced by one of a tree without PG_VERSION (the same size: tar pads to whole
    // records): the manifest still matches, the unpacked files do not.
    const other = fakeDataDir('other');
    rmSync(path.join(other, 'PG_VERSION'));
    expect(spawnSync('tar', ['-C', other, '-cf', path.join(root, 'bases', 'b1', 'data.tar'), '.']).status).toBe(0);
    const entry = cache.lookup('bases', 'b1')!;
    expect(await cache.restore(entry, path.join(work, 'restored'), undefined)).toBe(false);
    expect(cache.lookup('bases', 'b1')).toBeUndefined();
    expect(notes).toEqual(['the cached base b1 is not usable (its files do not match its manifest (3 files, 4 listed)); it is rebuilt']);
    expect(existsSync(path.join(root, 'bases', 'b1'))).toBe(false);
    expect(cache.publish('bases', 'b1', fakeDataDir('again'), { password: 'p' }, false)).toBe('saved');
    expect(cache.lookup('bases', 'b1')).toBeDefined();
  });

  it('removes an entry whose archive is cut short, or damaged at its size, with one line', async () => {
    const cache = store();
    cache.publish('bases', 'b1', fakeDataDir('data', 100_000), { password: 'p' }, false);
    const archive = path.join(root, 'bases', 'b1', 'data.tar');
    writeFileSync(archive, readFileSync(archive).subarray(0, 20_000));
    expect(await cache.restore(cache.lookup('bases', 'b1')!, path.join(work, 'restored'), undefined)).toBe(false);
    expect(notes).toEqual([expect.stringMatching(/^the cached base b1 is not usable \(its archive is not the one its manifest lists \(20000 bytes, \d+ listed\)\); it is rebuilt$/)]);
    expect(existsSync(path.join(root, 'bases', 'b1'))).toBe(false);
    // Same size, a header overwritten: tar's own header checksum refuses it.
    notes.length = 0;
    cache.publish('bases', 'b2', fakeDataDir('data2', 100_000), { password: 'p' }, false);
    const second = path.join(root, 'bases', 'b2', 'data.tar');
    const bytes = readFileSync(second);
    bytes.fill(0x41, 0, 512);
    writeFileSync(second, bytes);
    expect(await cache.restore(cache.lookup('bases', 'b2')!, path.join(work, 'restored2'), undefined)).toBe(false);
    expect(notes).toEqual([expect.stringMatching(/^the cached base b2 is not usable \(its archive does not unpack \(tar exited with \d+\)\); it is rebuilt$/)]);
  });

  it('takes an entry of another gate version, another key, without a readable manifest or without data for foreign, and removes it', () => {
    const cache = store();
    const rewrite = (key: string, change: Partial<EntryManifest>): void => {
      const file = path.join(root, 'clusters', key, 'manifest.json');
      writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as EntryManifest), ...change }));
    };
    for (const key of ['old', 'moved', 'broken', 'empty']) cache.publish('clusters', key, fakeDataDir(`data-${key}`), { password: 'p' }, false);
    rewrite('old', { gate: '0.0.1' });
    rewrite('moved', { key: 'elsewhere' });
    writeFileSync(path.join(root, 'clusters', 'broken', 'manifest.json'), '{"format":');
    rmSync(path.join(root, 'clusters', 'empty', 'data.tar'));
    for (const key of ['old', 'moved', 'broken', 'empty']) expect(cache.lookup('clusters', key)).toBeUndefined();
    expect(notes).toEqual([
      'the cached cluster old is not usable (it was written by another version (0.0.1, format 2)); it is rebuilt',
      'the cached cluster moved is not usable (its manifest is for another entry); it is rebuilt',
      'the cached cluster broken is not usable (its manifest is not JSON); it is rebuilt',
      'the cached cluster empty is not usable (its archive is missing); it is rebuilt',
    ]);
    expect(readdirSync(path.join(root, 'clusters'))).toEqual([]);
  });

  it('never shows a write cut short: a dead run\'s staging directory is no entry, and the next save sweeps it', () => {
    const cache = store();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const staging = path.join(root, 'tmp', `${dead}-abc123`);
    mkdirSync(path.join(staging, 'data'), { recursive: true });
    writeFileSync(path.join(staging, 'data', 'PG_VERSION'), '18\n');
    expect(cache.lookup('clusters', 'k1')).toBeUndefined();
    cache.publish('clusters', 'k1', fakeDataDir('data'), { password: 'p' }, false);
    expect(existsSync(staging)).toBe(false);
    expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('lets the second of two writers of one entry find the place taken and discard its copy', () => {
    const first = store();
    const second = store();
    expect(first.publish('bases', 'same', fakeDataDir('one'), { password: 'first' }, false)).toBe('saved');
    expect(second.publish('bases', 'same', fakeDataDir('two'), { password: 'second' }, true)).toBe('exists');
    expect(first.lookup('bases', 'same')?.manifest.password).toBe('first');
    expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('keeps the entries within the size bound by evicting the least recently used first', () => {
    const cache = store(2500);
    cache.publish('clusters', 'a', fakeDataDir('a'), { password: 'p' }, false);
    cache.publish('bases', 'b', fakeDataDir('b'), { password: 'p' }, false);
    // `a` used after `b`: `b` is now the oldest.
    utimesSync(path.join(root, 'bases', 'b', 'manifest.json'), new Date(1_000), new Date(1_000));
    expect(cache.lookup('clusters', 'a')).toBeDefined();
    cache.publish('bases', 'c', fakeDataDir('c'), { password: 'p' }, false);
    expect(cache.entries().map((entry) => path.basename(entry.directory)).sort()).toEqual(['a', 'c']);
    // The entry just saved stays even when it alone is over the bound.
    store(10).publish('bases', 'd', fakeDataDir('d', 5000), { password: 'p' }, false);
    expect(cache.entries().map((entry) => path.basename(entry.directory))).toEqual(['d']);
  });
});
