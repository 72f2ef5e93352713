// Turns the PATH arguments of `lint` into the list of files to lint, in migration order, with the
// path each is reported under (relative to the working directory, as the user named it).

import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';

export interface FileToLint {
  /** As reported: relative to the working directory when inside it. */
  path: string;
  absolutePath: string;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
// Numeric collation orders `10_x.sql` after `9_x.sql`, as migration tools do.
const migrationOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

export function collectSqlFiles(cwd: string, paths: readonly string[]): FileToLint[] {
  const files: FileToLint[] = [];
  for (const given of paths) {
    const absolute = isAbsolute(given) ? given : resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`${given}: ${code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code})`}`);
    }
    if (stats.isDirectory()) {
      const found = walkSql(absolute).sort((a, b) => migrationOrder.compare(relative(absolute, a), relative(absolute, b)));
      if (found.length === 0) throw new UsageError(`${given}: no .sql files found in this directory; check the path`);
      files.push(...found.map((file) => ({ path: displayPath(cwd, file), absolutePath: file })));
    } else {
      files.push({ path: displayPath(cwd, absolute), absolutePath: absolute });
    }
  }
  return files;
}

function walkSql(directory: string): string[] {
  const result: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) result.push(...walkSql(full));
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.sql')) {
      result.push(full);
    }
  }
  return result;
}

export function displayPath(cwd: string, absolute: string): string {
  const fromCwd = relative(cwd, absolute);
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd.split('\\').join('/');
}
