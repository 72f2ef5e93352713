// Temporary directories and real git repositories for the discover tests. Each test builds its own
// repository (a base commit, then a pull request's commit) so nothing depends on the machine's git
// config: identity, default branch and signing are set here.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discoverMigrations, type DiscoveryResult, type GitChanges } from '../../src/discover/index.js';
import { git } from '../git.js';

export { git };

const created: string[] = [];

/** A fresh temp directory, removed by `removeTempDirs` (call it in `afterEach`/`afterAll`). */
export function tempDir(prefix = 'pmg-discover-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (relative paths, `/`-separated); `null` deletes one. */
export function writeFiles(root: string, files: Record<string, string | Buffer | null>): void {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, ...relative.split('/'));
    if (content === null) {
      rmSync(target, { force: true, recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

export interface FixtureRepo {
  root: string;
  /** Writes the files, stages everything and commits; returns the commit sha. */
  commit(message: string, files: Record<string, string | Buffer | null>): string;
  git(...args: string[]): string;
}

export function createRepo(): FixtureRepo {
  const root = tempDir('pmg-repo-');
  git(root, 'init', '--quiet', '--initial-branch=main');
  return {
    root,
    commit(message, files) {
      writeFiles(root, files);
      git(root, 'add', '--all');
      git(root, 'commit', '--quiet', '--allow-empty', '-m', message);
      return git(root, 'rev-parse', 'HEAD');
    },
    git: (...args) => git(root, ...args),
  };
}

/** A Drizzle journal as drizzle-kit writes it. */
export function drizzleJournal(entries: Array<{ tag: string; when: number; idx?: number }>): string {
  return `${JSON.stringify(
    {
      version: '7',
      dialect: 'postgresql',
      entries: entries.map((entry, position) => ({
        idx: entry.idx ?? position,
        version: '7',
        when: entry.when,
        tag: entry.tag,
        breakpoints: true,
      })),
    },
    null,
    2,
  )}\n`;
}

/** Commits `base` on main, then `pr` on branch `feature`; returns the repo and the base sha. */
export function pullRequest(base: Record<string, string>, pr: Record<string, string | null>): { repo: FixtureRepo; baseSha: string } {
  const repo = createRepo();
  const baseSha = repo.commit('base', base);
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.commit('pull request', pr);
  return { repo, baseSha };
}

/** The four change lists, for one `toEqual`. */
export const summary = (changes: GitChanges) => ({
  added: changes.added,
  modified: changes.modified,
  renamed: changes.renamed,
  deleted: changes.deleted,
});

/** A project directory holding `migrations/` with these files; discovery runs from the project. */
export async function discover(files: Record<string, string>, options: Parameters<typeof discoverMigrations>[1] = {}) {
  const cwd = tempDir();
  writeFiles(cwd, Object.fromEntries(Object.entries(files).map(([file, text]) => [`migrations/${file}`, text])));
  return discoverMigrations('migrations', { cwd, ...options });
}

export const paths = (result: DiscoveryResult) => result.migrations.map((migration) => migration.path);
export const codes = (result: DiscoveryResult) => result.problems.map((problem) => [problem.code, problem.path, problem.line]);

