// Report paths are relative to the working directory (the JSON contract); GitHub wants them relative
// to the repository root (annotations, SARIF, blob links). With `working-directory: services/api`
// the two differ by that prefix.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Report } from '../report/report.js';

const run = promisify(execFile);

/**
 * The working directory relative to the repository root, `/`-separated, '' at the root. Asks git
 * (the checkout may sit anywhere: actions/checkout's `path:`), else falls back to the workspace.
 */
export async function repositoryPrefix(cwd: string, workspace: string | undefined): Promise<string> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-prefix'], { cwd });
    return stdout.trim().replace(/\/$/, '');
  } catch {
    const relative = workspace ? path.relative(workspace, cwd) : '';
    return relative.startsWith('..') || path.isAbsolute(relative) ? '' : relative.split(path.sep).join('/');
  }
}

/** The same report with every migration path made relative to the repository root. */
export function withRepositoryPaths(report: Report, prefix: string): Report {
  if (prefix === '') return report;
  return {
    ...report,
    migrations: report.migrations.map((migration) => ({ ...migration, path: path.posix.normalize(`${prefix}/${migration.path}`) })),
  };
}
