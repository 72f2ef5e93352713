// The `migrations:` setting is a directory or a glob. A glob names either directories
// (`services/*/migrations`: one migration set each, as each service migrates its own database) or
// files (`db/migrations/*.sql`: one set, the glob's fixed part, limited to the matching files).

import path from 'node:path';
import picomatch from 'picomatch';
import { MigrationsDirectoryError } from './discover.js';
import { dirName, reportPath } from './paths.js';
import { fileSystemTree } from './tree.js';

export interface MigrationsTarget {
  /** A migrations directory, as the user wrote it or found under the glob's fixed part. */
  dir: string;
  /** Globs relative to `dir` that `.sql` files must match (`DiscoverOptions.include`). */
  include?: string[];
}

export async function resolveMigrationsSetting(setting: string, cwd: string = process.cwd()): Promise<MigrationsTarget[]> {
  const scan = picomatch.scan(setting);
  if (!scan.isGlob) return [{ dir: setting }];

  const absoluteBase = path.resolve(cwd, scan.base === '' ? '.' : scan.base);
  const files = await fileSystemTree(absoluteBase).listFiles();
  const matches = picomatch(scan.glob, { dot: false });

  const directories = new Set<string>();
  for (const file of files) {
    for (let dir = dirName(file); dir !== ''; dir = dirName(dir)) directories.add(dir);
  }
  const matchedDirectories = [...directories].filter((dir) => matches(dir)).sort();
  if (matchedDirectories.length > 0) {
    return matchedDirectories.map((dir) => ({ dir: reportPath(cwd, path.join(absoluteBase, dir)) }));
  }
  if (files.some((file) => file.endsWith('.sql') && matches(file))) {
    return [{ dir: reportPath(cwd, absoluteBase), include: [scan.glob] }];
  }
  throw new MigrationsDirectoryError(setting, 'no-match');
}
