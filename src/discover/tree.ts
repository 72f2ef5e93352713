// The files of a migrations directory, behind a small interface so the same layout code reads the
// working tree and a git commit (the base of a pull request) alike.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareNames } from './version.js';

export interface MigrationTree {
  /** Every file under the directory: `/`-separated paths relative to it, in code-unit order. */
  listFiles(): Promise<string[]>;
  /** The file's bytes, or undefined when it does not exist or cannot be read. */
  readFile(relativePath: string): Promise<Buffer | undefined>;
}

/** Directories no runner looks into, skipped so a walk never wanders into a dependency tree. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export function fileSystemTree(absoluteDir: string): MigrationTree {
  let listing: Promise<string[]> | undefined;
  return {
    listFiles() {
      listing ??= walk(absoluteDir, '').then((files) => files.sort(compareNames));
      return listing;
    },
    async readFile(relativePath) {
      try {
        return await readFile(path.join(absoluteDir, ...relativePath.split('/')));
      } catch {
        return undefined;
      }
    },
  };
}

async function walk(absoluteDir: string, prefix: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(absoluteDir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    const isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // A linked file is still a migration; linked directories are not followed (no cycles).
      const target = await stat(path.join(absoluteDir, relative)).catch(() => undefined);
      isFile = target?.isFile() ?? false;
    }
    if (isDirectory) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(await walk(absoluteDir, relative)));
    } else if (isFile) {
      files.push(relative);
    }
  }
  return files;
}
