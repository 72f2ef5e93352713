// fileRef joins a listed file onto its directory by concatenation (the fast path) and must give
// exactly what path.join and path.relative give, wherever the directory is and whatever the path.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileRef, reportPath } from '../../src/discover/paths.js';

/** What fileRef computed before its fast path: path.join, then path.relative from the working directory. */
function joined(base: { cwd: string; absoluteDir: string }, relativePath: string) {
  const absolutePath = path.join(base.absoluteDir, ...relativePath.split('/'));
  return { path: reportPath(base.cwd, absolutePath), absolutePath, relativePath };
}

describe('fileRef', () => {
  const bases = [
    ['a directory under the working directory', { cwd: '/repo', absoluteDir: '/repo/db/migrations' }],
    ['the working directory itself', { cwd: '/repo', absoluteDir: '/repo' }],
    ['a directory outside it', { cwd: '/repo/app', absoluteDir: '/srv/migrations' }],
    ['a sibling whose name starts with ..', { cwd: '/repo', absoluteDir: '/repo/..migrations' }],
    ['the root', { cwd: '/repo', absoluteDir: '/' }],
    ['a directory written with a trailing slash', { cwd: '/repo', absoluteDir: '/repo/migrations/' }],
  ] as const;
  const paths = ['0001_init.sql', '20240101_x/migration.sql', 'a/b/c.sql', 'a/../b.sql', './0001.sql', 'a//b.sql', '../outside.sql'];
  for (const [name, base] of bases) {
    it(`gives path.join and path.relative's answer for ${name}`, () => {
      for (const relativePath of paths) expect(fileRef({ ...base }, relativePath), relativePath).toEqual(joined(base, relativePath));
    });
  }
});
