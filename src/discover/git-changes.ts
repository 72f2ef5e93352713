// Which migration files a branch adds, modifies, renames or deletes compared with its base: the
// files the gate checks, and the merged ones it must not let change (`migration-modified`).

import path from 'node:path';
import { GitError, runGit, splitNul } from './git.js';
import { forkPoint, locateInRepo, resolveBase, type RepoLocation, type ResolvedBase } from './git-repo.js';
import { reportPath } from './paths.js';
import { safeRealpath } from './tree.js';

export interface ChangeOptions {
  /** The base: a commit sha, a branch (`main` is also tried as `origin/main`) or any git ref. */
  base: string;
  /** The migrations directory, relative to `cwd` or absolute. */
  dir: string;
  cwd?: string;
  /** Compare with this commit; by default the working tree, untracked files included. */
  head?: string;
}

export type ChangeStatus = 'added' | 'modified' | 'renamed' | 'deleted';

export interface ChangedFile {
  status: ChangeStatus;
  /** As reported: relative to the working directory, like `Migration.path`. */
  path: string;
  /** Relative to the repository root: what `readFileAtRef` takes. */
  repoPath: string;
  /** `renamed` only: where the file was at the fork point. */
  oldPath?: string;
  oldRepoPath?: string;
  /** `renamed` only: git's similarity in percent; 100 means the bytes did not change. */
  similarity?: number;
}

/** Where the directory is (RepoLocation: the repository, the real working directory, the directory in it) and what changed there. */
export interface GitChanges extends RepoLocation {
  base: ResolvedBase;
  /** Where the branch forked from the base; changes are counted from this commit. */
  forkPoint: string;
  /** The commit compared, or undefined for the working tree. */
  head: string | undefined;
  /** Every changed file under the migrations directory (migrations, rollbacks, journals...), by path. */
  changes: ChangedFile[];
  added: string[];
  modified: string[];
  deleted: string[];
  renamed: Array<{ from: string; to: string }>;
}

export async function changedMigrationFiles(options: ChangeOptions): Promise<GitChanges> {
  const cwd = options.cwd ?? process.cwd();
  // The base and head are looked up while the repository is (git answers the same from any
  // directory inside it): each git is a process of ~5-10 ms, and these do not need each other.
  // Their errors wait: outside a repository, that is what is said.
  const realCwd = safeRealpath(cwd);
  const basePromise = resolveBase(realCwd, options.base);
  const headPromise = options.head === undefined ? undefined : headCommit(realCwd, options.head);
  basePromise.catch(() => undefined);
  headPromise?.catch(() => undefined);
  const location = await locateInRepo(cwd, options.dir);
  const { repoRoot, dirInRepo } = location;
  const base = await basePromise;
  const head = await headPromise;
  const fork = await forkPoint(repoRoot, base, head ?? 'HEAD');

  // The whole repository is diffed and filtered afterwards: with a pathspec, git would miss a
  // rename into or out of the directory and report it as an add or a delete.
  const diffing = runGit(repoRoot, [
    'diff',
    '--name-status',
    '-z',
    '--find-renames',
    '--no-relative',
    '--no-ext-diff',
    fork,
    ...(head ? [head] : []),
    '--',
  ]);
  // New files not yet added to git are part of a local run's changes (listed while git diffs).
  const untracked = head ? undefined : runGit(repoRoot, ['ls-files', '-z', '--others', '--exclude-standard', '--', dirInRepo === '' ? '.' : dirInRepo]);
  untracked?.catch(() => undefined);
  const diff = await diffing;
  const inDir = (repoPath: string) => dirInRepo === '' || repoPath === dirInRepo || repoPath.startsWith(`${dirInRepo}/`);
  const toChange = (status: ChangeStatus, repoPath: string): ChangedFile => ({
    status,
    repoPath,
    path: reportPath(location.cwd, path.join(repoRoot, repoPath)),
  });

  const changes: ChangedFile[] = [];
  const fields = splitNul(diff.stdout);
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++]!;
    const letter = code[0];
    if (letter === 'R' || letter === 'C') {
      const from = fields[i++]!;
      const to = fields[i++]!;
      if (letter === 'C' || !inDir(from)) {
        // A copy, or a file moved in from elsewhere: a new file of the migration set.
        if (inDir(to)) changes.push(toChange('added', to));
      } else if (!inDir(to)) {
        // Moved out of the directory: for the migration set it is gone.
        changes.push(toChange('deleted', from));
      } else {
        changes.push({
          ...toChange('renamed', to),
          oldRepoPath: from,
          oldPath: reportPath(location.cwd, path.join(repoRoot, from)),
          similarity: Number(code.slice(1)) || 0,
        });
      }
      continue;
    }
    const file = fields[i++]!;
    if (!inDir(file)) continue;
    if (letter === 'A') changes.push(toChange('added', file));
    else if (letter === 'D') changes.push(toChange('deleted', file));
    else if (letter === 'M' || letter === 'T') changes.push(toChange('modified', file));
    else if (letter === 'U') {
      throw new GitError('git-failed', `${file} has an unresolved merge conflict; resolve it before running the check`);
    }
  }

  if (untracked) {
    for (const file of splitNul((await untracked).stdout)) if (inDir(file)) changes.push(toChange('added', file));
  }

  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    ...location,
    base,
    forkPoint: fork,
    head,
    changes,
    added: changes.filter((change) => change.status === 'added').map((change) => change.path),
    modified: changes.filter((change) => change.status === 'modified').map((change) => change.path),
    deleted: changes.filter((change) => change.status === 'deleted').map((change) => change.path),
    renamed: changes
      .filter((change) => change.status === 'renamed')
      .map((change) => ({ from: change.oldPath!, to: change.path })),
  };
}

/** A file's bytes at a commit, exactly as committed; undefined when the commit has no such file. */
export async function readFileAtRef(repoRoot: string, ref: string, repoPath: string): Promise<Buffer | undefined> {
  const result = await runGit(repoRoot, ['cat-file', 'blob', `${ref}:${repoPath}`], { allowFailure: true });
  if (result.exitCode === 0) return result.stdout;
  if (/does not exist|not a valid object name|exists on disk, but not in|bad file|invalid object name/i.test(result.stderr)) {
    return undefined;
  }
  throw new GitError('git-failed', `git cannot read ${repoPath} at ${ref}: ${result.stderr.trim().split('\n')[0]}`);
}

/** Files under `dirInRepo` at a commit, as repository-relative paths. */
export async function listFilesAtRef(repoRoot: string, ref: string, dirInRepo: string): Promise<string[]> {
  const result = await runGit(repoRoot, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref, ...(dirInRepo === '' ? [] : ['--', dirInRepo])]);
  const prefix = dirInRepo === '' ? '' : `${dirInRepo}/`;
  return splitNul(result.stdout).filter((file) => file.startsWith(prefix));
}

async function headCommit(repoRoot: string, head: string): Promise<string> {
  const result = await runGit(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${head}^{commit}`], {
    allowFailure: true,
  });
  const commit = result.stdout.toString('utf8').trim();
  if (result.exitCode !== 0 || commit === '') {
    throw new GitError('base-not-found', `head ${head} is not a commit in this repository; fetch it or pass a commit sha`);
  }
  return commit;
}
