// The files of a migrations directory, behind a small interface so the same layout code reads the
// working tree and a git commit (the base of a pull request) alike.
//
// The working tree is a pull request's: only regular files are read (a FIFO named `.sql` would
// block the read forever), and a committed symbolic link is followed only when it resolves inside
// the repository (one to /etc/passwd or to the runner's home would be read, quoted in the report
// and applied). Both are listed as refused, so discovery reports them at their path.

// Synchronous calls behind the Promise interface: a migration directory's files are small and in the
// page cache, where one synchronous call costs less than a trip through the thread pool, and
// node:fs/promises (with the readline and stream modules it loads) stays out of `lint`'s start-up.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareNames } from './version.js';

export interface MigrationTree {
  /** Every file under the directory: `/`-separated paths relative to it, in code-unit order. */
  listFiles(): Promise<string[]>;
  /** The file's bytes, or undefined when it does not exist or cannot be read. */
  readFile(relativePath: string): Promise<Buffer | undefined>;
  /** Entries that look like files but are not read (see above); after listFiles(). */
  refusedFiles?(): Promise<RefusedFile[]>;
}

export interface RefusedFile {
  /** Relative to the directory, `/`-separated. */
  relativePath: string;
  reason: 'link-outside-repository' | 'not-a-regular-file';
  /** Where a link points (resolved), or what the entry is ("a FIFO"). */
  detail: string;
}

/** Directories no runner looks into, skipped so a walk never wanders into a dependency tree. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * The working tree under absoluteDir. `boundary` is what a link may point into: the repository
 * (the nearest directory with a `.git`), else the directory itself.
 */
export function fileSystemTree(absoluteDir: string, boundary = repositoryRoot(absoluteDir)): MigrationTree {
  let listing: Promise<string[]> | undefined;
  const refused: RefusedFile[] = [];
  const realBoundary = safeRealpath(boundary);
  const context: WalkContext = { absoluteDir, realBoundary, refused };
  return {
    listFiles() {
      listing ??= walk(context, '').then((files) => files.sort(compareNames));
      return listing;
    },
    async readFile(relativePath) {
      const absolute = path.join(absoluteDir, ...relativePath.split('/'));
      try {
        // Whatever names the file (a listing, a journal entry): only a regular file inside the boundary.
        if (!inside(realpathSync(absolute), realBoundary) || !statSync(absolute).isFile()) return undefined;
        return readFileSync(absolute);
      } catch {
        return undefined;
      }
    },
    async refusedFiles() {
      await this.listFiles();
      return refused;
    },
  };
}

/** The nearest directory at or above `dir` holding `.git` (a directory, or a worktree's file). */
export function repositoryRoot(dir: string): string {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return path.resolve(dir);
  }
}

/** The path with its links resolved, or resolved as given where it does not exist (yet). */
export function safeRealpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** What `read` returns, or undefined where it throws (a dangling link, a file gone meanwhile). */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function inside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

interface WalkContext {
  absoluteDir: string;
  realBoundary: string;
  refused: RefusedFile[];
}

async function walk(context: WalkContext, prefix: string): Promise<string[]> {
  const { absoluteDir } = context;
  let entries;
  try {
    entries = readdirSync(path.join(absoluteDir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    const isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    let kind = entryKind(entry);
    if (entry.isSymbolicLink()) {
      // A linked file is still a migration when it stays in the repository; linked directories
      // are not followed (no cycles).
      const absolute = path.join(absoluteDir, relative);
      const target = attempt(() => realpathSync(absolute));
      const info = target === undefined ? undefined : attempt(() => statSync(target));
      if (target !== undefined && info && !info.isDirectory() && !inside(target, context.realBoundary)) {
        context.refused.push({ relativePath: relative, reason: 'link-outside-repository', detail: target });
        continue;
      }
      isFile = info?.isFile() ?? false;
      if (info && !info.isFile() && !info.isDirectory()) kind = entryKind(info);
      else kind = undefined;
    }
    if (isDirectory) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(await walk(context, relative)));
    } else if (isFile) {
      files.push(relative);
    } else if (kind !== undefined && entry.name.endsWith('.sql')) {
      context.refused.push({ relativePath: relative, reason: 'not-a-regular-file', detail: kind });
    }
  }
  return files;
}

type KindSource = { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean };

function entryKind(entry: KindSource): string | undefined {
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  return undefined;
}
