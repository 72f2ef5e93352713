// What every layout module receives and returns: the files of one migrations directory in, the
// migrations in their runner's order and the problems found out. Layout modules never touch the
// file system directly, so the same code reads the working tree and a git commit.

import type { DirectoryBase } from '../paths.js';
import type { MigrationTree } from '../tree.js';
import type { DiscoveryProblem, Migration, PlainRunner } from '../types.js';

export interface LayoutOptions {
  /** Suffix of a plain migration's paired rollback file, e.g. `_rollback.sql`. */
  rollbackSuffix: string;
  /** golang-migrate runs with `x-multi-statement=true` (each `;` piece in autocommit). */
  golangMigrateMultiStatement: boolean;
  /** What the runner of plain files does around each file. */
  plainRunner: PlainRunner;
}

export interface LayoutInput {
  tree: MigrationTree;
  /** Every file of the directory (relative, `/`-separated, code-unit order), in scope or not. */
  files: readonly string[];
  /** Whether `files` holds this path (a set lookup: layouts ask once per migration). */
  has(relativePath: string): boolean;
  /** Whether a `.sql` file is in scope (the `migrations:` glob); files out of scope are not reported. */
  includes(relativePath: string): boolean;
  base: DirectoryBase;
  options: LayoutOptions;
}

export interface LayoutOutput {
  migrations: Migration[];
  problems: DiscoveryProblem[];
}

export type DiscoverLayout = (input: LayoutInput) => Promise<LayoutOutput>;

/** `.sql` files directly in the migrations directory that are in scope. */
export function topLevelSqlFiles(input: LayoutInput): string[] {
  return input.files.filter((file) => !file.includes('/') && file.endsWith('.sql') && input.includes(file));
}
