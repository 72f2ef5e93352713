// The discover stage's entry: a migrations directory in, its migrations in the runner's order out,
// with every problem of the set located at its file. Bad input never throws; only a directory that
// is not there does, because then there is nothing to check and the user must fix the setting.

import { statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../errors.js';
import { detectLayout } from './detect-layout.js';
import { discoverDbmate } from './layouts/dbmate.js';
import { discoverDrizzle } from './layouts/drizzle.js';
import { discoverFlyway } from './layouts/flyway.js';
import { discoverGolangMigrate } from './layouts/golang-migrate.js';
import { discoverGoose } from './layouts/goose.js';
import type { DiscoverLayout, LayoutOptions } from './layouts/layout.js';
import { discoverPlain } from './layouts/plain.js';
import { discoverPrisma } from './layouts/prisma.js';
import { reportPath, type DirectoryBase } from './paths.js';
import { problemAt } from './problems.js';
import { fileSystemTree, type MigrationTree } from './tree.js';
import { DEFAULT_PLAIN_RUNNER, type DiscoveryResult, type LayoutName, type LayoutSetting, type PlainRunner } from './types.js';

export interface DiscoverOptions {
  /** `auto` (the default) detects the layout; any other value is used as given. */
  layout?: LayoutSetting;
  /** Directory that reported paths are relative to; `process.cwd()` by default. */
  cwd?: string;
  /** Suffix of a plain migration's rollback file; `_rollback.sql` by default. */
  rollbackSuffix?: string;
  /** Globs, relative to the directory, that `.sql` files must match to count (from a `migrations:` glob). */
  include?: readonly string[];
  /** golang-migrate runs with `x-multi-statement=true` in its database URL. */
  golangMigrateMultiStatement?: boolean;
  /** What the runner of plain files does around each file (config `runner:`). */
  plainRunner?: PlainRunner;
}

export const DEFAULT_ROLLBACK_SUFFIX = '_rollback.sql';

/**
 * The migrations directory does not exist: nothing can be checked until the setting is fixed. A
 * UsageError, so the CLI and the action end with exit code 2 and this one line.
 */
export class MigrationsDirectoryError extends UsageError {
  override name = 'MigrationsDirectoryError';
  constructor(
    readonly dir: string,
    readonly reason: 'missing' | 'not-a-directory' | 'no-match',
  ) {
    const problem = {
      missing: `migrations directory ${dir} does not exist`,
      'not-a-directory': `migrations path ${dir} is a file, not a directory`,
      'no-match': `migrations glob ${dir} matches no directory and no .sql file`,
    }[reason];
    super(`${problem}; set "migrations:" in .migration-gate.yml or pass --dir with the directory that holds the migrations`);
  }
}

const LAYOUTS: Record<LayoutName, DiscoverLayout> = {
  plain: discoverPlain,
  drizzle: discoverDrizzle,
  prisma: discoverPrisma,
  'golang-migrate': discoverGolangMigrate,
  dbmate: discoverDbmate,
  flyway: discoverFlyway,
  goose: discoverGoose,
};

export async function discoverMigrations(dir: string, options: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const absoluteDir = path.resolve(cwd, dir);
  let info;
  try {
    info = statSync(absoluteDir);
  } catch {
    info = undefined; // missing, or not ours to look into: reported as missing
  }
  if (!info) throw new MigrationsDirectoryError(reportPath(cwd, absoluteDir), 'missing');
  if (!info.isDirectory()) throw new MigrationsDirectoryError(reportPath(cwd, absoluteDir), 'not-a-directory');
  return discoverInTree(fileSystemTree(absoluteDir), { cwd, absoluteDir }, options);
}

/**
 * Discovery over any tree of files (the working tree, or a git commit): `base` says where the
 * directory is, so paths are reported the same way whichever tree the files come from.
 */
export async function discoverInTree(
  tree: MigrationTree,
  base: DirectoryBase,
  options: DiscoverOptions = {},
): Promise<DiscoveryResult> {
  const includes = includeMatcher(options.include);
  // Layouts get every file and apply `includes` to the SQL they would report, so a journal entry
  // whose file is merely out of scope is not taken for a missing file.
  const files = await tree.listFiles();
  const setting = options.layout ?? 'auto';
  const detection =
    setting === 'auto'
      ? await detectLayout(tree, files.filter((file) => !file.endsWith('.sql') || includes(file)))
      : { layout: setting, reason: 'configured' };
  const plainRunner = options.plainRunner ?? DEFAULT_PLAIN_RUNNER;
  if (detection.layout !== 'plain' && !isDefaultPlainRunner(plainRunner)) {
    throw new UsageError(
      `runner.transaction, runner.send and runner.no-transaction-marker describe the runner of plain migration files, but ${reportPath(base.cwd, base.absoluteDir)} ` +
        `is a ${detection.layout} directory (${detection.reason}), whose runner the gate already knows; remove them, or set layout: plain`,
    );
  }
  const layoutOptions: LayoutOptions = {
    rollbackSuffix: options.rollbackSuffix ?? DEFAULT_ROLLBACK_SUFFIX,
    golangMigrateMultiStatement: options.golangMigrateMultiStatement ?? false,
    plainRunner,
  };
  const fileSet = new Set(files);
  const has = (relativePath: string) => fileSet.has(relativePath);
  const { migrations, problems } = await LAYOUTS[detection.layout]({ tree, files, has, includes, base, options: layoutOptions });
  for (const refused of (await tree.refusedFiles?.()) ?? []) {
    const shown = reportPath(base.cwd, path.join(base.absoluteDir, refused.relativePath));
    problems.push(
      problemAt(
        'refused-file',
        shown,
        refused.reason === 'link-outside-repository'
          ? `${shown} is a symbolic link to ${refused.detail}, outside the repository; the gate does not read or apply it: commit the file itself instead of a link`
          : `${shown} is ${refused.detail}, not a regular file; the gate reads only regular files: commit the migration as a file`,
      ),
    );
  }
  return {
    layout: detection.layout,
    layoutReason: detection.reason,
    dir: reportPath(base.cwd, base.absoluteDir),
    absoluteDir: base.absoluteDir,
    migrations,
    problems,
  };
}

function isDefaultPlainRunner(runner: PlainRunner): boolean {
  return runner.transaction === DEFAULT_PLAIN_RUNNER.transaction && runner.send === DEFAULT_PLAIN_RUNNER.send && runner.noTransactionMarker === undefined;
}

function includeMatcher(globs: readonly string[] | undefined): (relativePath: string) => boolean {
  if (!globs || globs.length === 0) return () => true;
  return picomatch([...globs], { dot: true });
}
