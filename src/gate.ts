// The engine behind both shells (CLI and action): plain options in, a Report out.

import { readFileSync } from 'node:fs';
import { resolveSeverities, type Config } from './config.js';
import { UsageError } from './errors.js';
import { collectSqlFiles } from './lint/collect-files.js';
import { lintBuffer } from './lint/lint-file.js';
import { buildReport, type Report } from './report/report.js';
import { ensureParser } from './sql/parse.js';

export interface LintRunOptions {
  cwd: string;
  paths: readonly string[];
  config: Config;
}

/** `lint`: static checks of the named files and directories, no database. */
export async function runLint(options: LintRunOptions): Promise<Report> {
  const files = collectSqlFiles(options.cwd, options.paths);
  await ensureParser();
  const severities = resolveSeverities(options.config);
  const results = files.map((file) => {
    let raw: Buffer;
    try {
      raw = readFileSync(file.absolutePath);
    } catch (error) {
      throw new UsageError(`${file.path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const { findings } = lintBuffer(file.path, raw, { postgresVersion: options.config['postgres-version'], severities });
    return { path: file.path, status: 'new' as const, findings };
  });
  return buildReport(results);
}
