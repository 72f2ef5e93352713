// The migrations as they are at a commit (the base of a pull request): "merged" migrations are the
// ones present there. The same layout code runs over the commit's tree as over the working tree.

import path from 'node:path';
import { discoverInTree, type DiscoverOptions } from './discover.js';
import { locateInRepo, resolveBase, type RepoLocation, type ResolvedBase } from './git-repo.js';
import { listFilesAtRef, readFileAtRef } from './git-changes.js';
import type { MigrationTree } from './tree.js';
import type { DiscoveryResult } from './types.js';
import { compareNames } from './version.js';

export function gitTree(repoRoot: string, commit: string, dirInRepo: string): MigrationTree {
  const prefix = dirInRepo === '' ? '' : `${dirInRepo}/`;
  let listing: Promise<string[]> | undefined;
  return {
    listFiles() {
      listing ??= listFilesAtRef(repoRoot, commit, dirInRepo).then((files) =>
        files.map((file) => file.slice(prefix.length)).sort(compareNames),
      );
      return listing;
    },
    readFile(relativePath) {
      return readFileAtRef(repoRoot, commit, `${prefix}${relativePath}`);
    },
  };
}

export interface DiscoverAtRefOptions extends DiscoverOptions {
  /** A commit sha, branch or ref; resolved like `--base` (with the same fetch advice when missing). */
  ref: string;
  /** Where `dir` is in the repository and what `ref` resolved to, when the caller knows already (no git asked again). */
  resolved?: { location: RepoLocation; commit: ResolvedBase };
}

/**
 * Discovery of `dir` at a commit. Paths are reported where the files are in the working tree, so a
 * base migration and its current version share a path. Pass the layout found in the working tree:
 * a directory that did not exist yet at the commit gives no migrations and no problems.
 */
export async function discoverMigrationsAtRef(
  dir: string,
  options: DiscoverAtRefOptions,
): Promise<DiscoveryResult & { commit: ResolvedBase }> {
  const location = options.resolved?.location ?? (await locateInRepo(options.cwd ?? process.cwd(), dir));
  const commit = options.resolved?.commit ?? (await resolveBase(location.repoRoot, options.ref));
  const tree = gitTree(location.repoRoot, commit.commit, location.dirInRepo);
  const base = { cwd: location.cwd, absoluteDir: path.join(location.repoRoot, location.dirInRepo) };
  const result = await discoverInTree(tree, base, { ...options, cwd: location.cwd });
  // Before the first migration there is nothing to be wrong with (e.g. no Drizzle journal yet).
  if (result.migrations.length === 0 && (await tree.listFiles()).length === 0) result.problems = [];
  return { ...result, commit };
}
