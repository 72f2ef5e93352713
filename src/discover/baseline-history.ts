// Which migrations a baseline (config `database.baseline`, a schema dump) holds, told by git: those
// added before or with the baseline's last change. Migrations added after it are not in the dump;
// the database stage applies them on top and warns that the baseline is behind.
//
// With a base, the baseline is read as the fork point had it: a dump that every pull request
// regenerates (Rails' structure.sql habit) holds the branch's own migrations in the working tree,
// and only the base's copy stands for the merged history alone.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runGit, splitNul } from './git.js';

export interface BaselineHistory {
  /** The dump's bytes as the merged history had them. */
  raw: Buffer;
  /** Where they came from, for the report: `the base (abc1234)` or `the working tree`. */
  from: string;
  /**
   * Migrations (paths relative to the working directory) added after the baseline's last change,
   * so not in it. Undefined when git cannot tell (no repository, or the dump was never committed).
   */
  addedAfter: Set<string> | undefined;
  /** Why `addedAfter` is unknown. */
  unknownBecause?: string;
}

/**
 * `forkPoint`: the commit the branch forked from the base (`check --base`); without it the working
 * tree and HEAD are the merged state.
 */
export async function readBaselineHistory(cwd: string, file: string, forkPoint: string | undefined): Promise<BaselineHistory> {
  const inRepo = (await runGit(cwd, ['rev-parse', '--is-inside-work-tree'], { allowFailure: true })).exitCode === 0;
  if (forkPoint !== undefined) {
    const atBase = await runGit(cwd, ['show', `${forkPoint}:./${toPosix(file)}`], { allowFailure: true });
    if (atBase.exitCode === 0) {
      const addedAfter = await addedSinceLastChange(cwd, file, forkPoint);
      return { raw: atBase.stdout, from: `the base (${forkPoint.slice(0, 7)})`, ...addedAfter };
    }
  }
  const raw = readFileSync(path.resolve(cwd, file));
  if (!inRepo) return { raw, from: 'the working tree', addedAfter: undefined, unknownBecause: 'the directory is not in a git repository' };
  // A dump edited in the working tree was just regenerated: it holds every migration there is.
  const edited = (await runGit(cwd, ['status', '--porcelain', '-z', '--', file])).stdout.length > 0;
  if (edited) return { raw, from: 'the working tree', addedAfter: new Set() };
  const addedAfter = await addedSinceLastChange(cwd, file, 'HEAD');
  if (addedAfter.addedAfter) {
    // Files git does not track yet were added after any commit.
    for (const untracked of splitNul((await runGit(cwd, ['ls-files', '--others', '--exclude-standard', '-z'])).stdout)) addedAfter.addedAfter.add(untracked);
  }
  return { raw, from: 'the working tree', ...addedAfter };
}

async function addedSinceLastChange(cwd: string, file: string, tip: string): Promise<Pick<BaselineHistory, 'addedAfter' | 'unknownBecause'>> {
  const last = (await runGit(cwd, ['log', '-1', '--format=%H', tip, '--', file])).stdout.toString('utf8').trim();
  if (last === '') return { addedAfter: undefined, unknownBecause: `${file} was never committed` };
  const log = await runGit(cwd, ['log', '--format=', '--name-only', '--diff-filter=A', '--relative', '-z', `${last}..${tip}`]);
  return { addedAfter: new Set(splitNul(log.stdout).map((entry) => entry.replace(/^\n+/, '')).filter((entry) => entry !== '')) };
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
