// The engine behind both shells (CLI and action): plain options in, a Report out.

import { resolveSeverities, type Config } from './config.js';
import { collectLintJobs } from './lint/collect-files.js';
import { lintFiles } from './lint/lint-files.js';
import { buildReport, type Report } from './report/report.js';

export interface LintRunOptions {
  cwd: string;
  paths: readonly string[];
  config: Config;
}

/** `lint`: static checks of the named files and directories, no database. */
export async function runLint(options: LintRunOptions): Promise<Report> {
  const { jobs } = await collectLintJobs(options.cwd, options.paths, {
    layout: options.config.layout,
    rollbackSuffix: options.config.rollback.suffix,
  });
  const linted = await lintFiles(jobs, {
    postgresVersion: options.config['postgres-version'],
    severities: resolveSeverities(options.config),
  });
  return buildReport(linted.map(({ path, findings }) => ({ path, status: 'new' as const, findings })));
}
