// Turns the PATH arguments of `lint` into lint jobs: a file is linted as given; a directory is read
// the way its migration tool reads it (layout detected or configured), so files come in the runner's
// order, rollback files are left to the rollback stage, and each file carries its runner's
// transaction scope.

import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { discoverMigrations, type DiscoverOptions, type DiscoveryProblem, type DiscoveryResult, type Migration } from '../discover/index.js';
import { UsageError } from '../errors.js';
import type { FileLintJob } from './lint-files.js';

/** How to read a directory (see `discoveryOptions` in config.ts). */
export type CollectOptions = Pick<DiscoverOptions, 'layout' | 'rollbackSuffix' | 'plainRunner'>;

export interface CollectedJobs {
  jobs: FileLintJob[];
  /** Problems of the migration sets (unrecognised files, broken journals, ...). */
  problems: DiscoveryProblem[];
  /** The directories among the paths, as discovered (the set rules run over them). */
  directories: DiscoveryResult[];
}

export async function collectLintJobs(cwd: string, paths: readonly string[], options: CollectOptions): Promise<CollectedJobs> {
  const jobs: FileLintJob[] = [];
  const problems: DiscoveryProblem[] = [];
  const directories: DiscoveryResult[] = [];
  for (const given of paths) {
    const absolute = isAbsolute(given) ? given : resolve(cwd, given);
    let isDirectory: boolean;
    try {
      const info = statSync(absolute);
      isDirectory = info.isDirectory();
      // Reading a FIFO blocks until someone writes to it: a named file must be a regular one.
      if (!isDirectory && !info.isFile()) throw new UsageError(`${given}: not a regular file (a FIFO, socket or device); the gate reads only regular files`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`${given}: ${code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code})`}`);
    }
    if (!isDirectory) {
      jobs.push({ path: displayPath(cwd, absolute), absolutePath: absolute });
      continue;
    }
    const discovery = await discoverMigrations(absolute, { cwd, ...options });
    problems.push(...discovery.problems);
    directories.push(discovery);
    jobs.push(...discovery.migrations.map(jobOf));
    // A .sql file the layout does not recognise still reaches the database if someone runs it by
    // hand: lint it as a plain file rather than skip it.
    for (const problem of discovery.problems) {
      if (problem.code === 'unrecognized-file') jobs.push({ path: problem.path, absolutePath: resolve(cwd, problem.path) });
    }
    if (discovery.migrations.length === 0 && !discovery.problems.some((p) => p.code === 'unrecognized-file')) {
      throw new UsageError(`${given}: no migration files found in this directory (layout ${discovery.layout}); check the path`);
    }
  }
  return { jobs, problems, directories };
}

/** The lint job of one discovered migration, with its runner's transaction scope. */
export function jobOf(migration: Migration): FileLintJob {
  const job: FileLintJob = {
    path: migration.path,
    absolutePath: migration.absolutePath,
    scope: migration.scope,
    // The migrations of one directory are what its runner finds pending together.
    batch: migration.path.slice(0, migration.path.length - migration.relativePath.length),
    directory: migration.path.slice(0, migration.path.length - migration.relativePath.length),
  };
  if (migration.sections) {
    // dbmate and goose: each up section runs on its own with its own transaction setting; the lines
    // before the first section (the header, goose's NO TRANSACTION, file-wide ignores) belong to it.
    job.sections = migration.sections.map((section, index) => ({
      ranges: index === 0 ? [{ start: 0, end: section.up.end }] : [{ start: section.up.start, end: section.up.end }],
      scope: section.upScope,
    }));
  }
  return job;
}

export function displayPath(cwd: string, absolute: string): string {
  const fromCwd = relative(cwd, absolute);
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd.split('\\').join('/');
}
