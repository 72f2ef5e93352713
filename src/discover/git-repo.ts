// Finding the repository, the base commit and where the branch forked from it. A pull request's
// base is often missing from a CI clone (actions/checkout fetches one commit by default); that must
// stop the check with the fetch to run, never pass as "no migrations changed".

import path from 'node:path';
import { GitError, gitText, runGit } from './git.js';
import { toPosix } from './paths.js';
import { safeRealpath } from './tree.js';

export interface RepoLocation {
  /** Real path of the repository's top directory. */
  repoRoot: string;
  /** Real path of the working directory (paths are reported relative to it). */
  cwd: string;
  /** The migrations directory relative to the repository root, `/`-separated ('' for the root). */
  dirInRepo: string;
}

export async function locateInRepo(cwd: string, dir: string): Promise<RepoLocation> {
  const realCwd = safeRealpath(cwd);
  const probe = await runGit(realCwd, ['rev-parse', '--show-toplevel'], { allowFailure: true });
  if (probe.exitCode !== 0) {
    throw new GitError(
      'not-a-repository',
      `${realCwd} is not inside a git repository, so there is no base to compare with; run the check in a git clone, or drop --base`,
    );
  }
  const repoRoot = probe.stdout.toString('utf8').trim();
  const absoluteDir = safeRealpath(path.resolve(realCwd, dir));
  const relative = path.relative(repoRoot, absoluteDir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new GitError('outside-repository', `migrations directory ${dir} is outside the git repository at ${repoRoot}; point --dir inside it`);
  }
  return { repoRoot, cwd: realCwd, dirInRepo: toPosix(relative) };
}

export interface ResolvedBase {
  /** The ref as given (or the remote branch it was found as, e.g. `origin/main`). */
  ref: string;
  commit: string;
}

/** The base commit, or a GitError that says how to fetch it. */
export async function resolveBase(repoRoot: string, ref: string): Promise<ResolvedBase> {
  const commit = await commitOf(repoRoot, ref);
  if (commit) return { ref, commit };
  // In CI the base branch exists only as a remote-tracking branch (`main` -> `origin/main`).
  if (!ref.includes('/') && !/^[0-9a-f]{7,64}$/i.test(ref)) {
    const remoteCommit = await commitOf(repoRoot, `origin/${ref}`);
    if (remoteCommit) return { ref: `origin/${ref}`, commit: remoteCommit };
  }
  if (await isShallow(repoRoot)) {
    throw new GitError(
      'base-not-found',
      `base ${ref} is not in this shallow clone; fetch it: set "fetch-depth: 0" on actions/checkout, or run "git fetch --deepen=200 origin" or "${fetchCommand(ref)}"`,
    );
  }
  throw new GitError(
    'base-not-found',
    `base ${ref} is not a commit or branch in this repository; run "${fetchCommand(ref)}", or pass a commit sha or a remote branch such as origin/main`,
  );
}

/**
 * The commit the branch forked from: changes are counted from there, as a pull request's "files
 * changed" are, so a migration merged into the base after the fork is not taken for a deletion.
 */
export async function forkPoint(repoRoot: string, base: ResolvedBase, head: string): Promise<string> {
  const result = await runGit(repoRoot, ['merge-base', base.commit, head], { allowFailure: true });
  const commit = result.stdout.toString('utf8').trim();
  if (result.exitCode === 0 && commit !== '') return commit;
  if (await isShallow(repoRoot)) {
    throw new GitError(
      'no-merge-base',
      `cannot find where this branch forked from base ${base.ref}: the clone is shallow; fetch the history: set "fetch-depth: 0" on actions/checkout, or run "git fetch --deepen=200 origin"`,
    );
  }
  throw new GitError('no-merge-base', `${head} and base ${base.ref} share no history; pass a base this branch was made from`);
}

export async function isShallow(repoRoot: string): Promise<boolean> {
  return (await gitText(repoRoot, ['rev-parse', '--is-shallow-repository'])) === 'true';
}

async function commitOf(repoRoot: string, ref: string): Promise<string | undefined> {
  if (ref === '' || ref.startsWith('-')) return undefined;
  const result = await runGit(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
    allowFailure: true,
  });
  const commit = result.stdout.toString('utf8').trim();
  return result.exitCode === 0 && commit !== '' ? commit : undefined;
}

/**
 * The fetch that brings `ref` in: `origin/main` is the remote's `main` (git fetch origin main, not
 * origin origin/main); a bare name or a sha is fetched from origin as it is.
 */
export function fetchCommand(ref: string): string {
  const remoteBranch = /^(?:refs\/remotes\/)?origin\/(.+)$/.exec(ref);
  return `git fetch origin ${remoteBranch ? remoteBranch[1] : ref}`;
}
