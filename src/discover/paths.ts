// Paths as the gate reports them: relative to the working directory, with `/` on every platform,
// so a finding's path is the one the user typed or sees under the directory they named.

import path from 'node:path';
import type { FileRef } from './types.js';

export function toPosix(filePath: string): string {
  return path.sep === '/' ? filePath : filePath.split(path.sep).join('/');
}

/** `cwd`-relative with `/` separators; absolute when the file is outside `cwd`. */
export function reportPath(cwd: string, absolutePath: string): string {
  const relative = path.relative(cwd, absolutePath);
  if (relative === '') return '.';
  if (relative.startsWith('..') || path.isAbsolute(relative)) return toPosix(absolutePath);
  return toPosix(relative);
}

export interface DirectoryBase {
  cwd: string;
  absoluteDir: string;
}

export function fileRef(base: DirectoryBase, relativePath: string): FileRef {
  const absolutePath = path.join(base.absoluteDir, ...relativePath.split('/'));
  return { path: reportPath(base.cwd, absolutePath), absolutePath, relativePath };
}

/** `a/b/c.sql` -> `c.sql`. */
export function baseName(relativePath: string): string {
  return relativePath.slice(relativePath.lastIndexOf('/') + 1);
}

/** `a/b/c.sql` -> `a/b`; '' for a file at the top of the directory. */
export function dirName(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  return slash === -1 ? '' : relativePath.slice(0, slash);
}
