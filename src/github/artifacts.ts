// Where the action writes its JSON report and SARIF file: one folder per migrations directory under
// the runner's temp directory, since a job may run the action once per directory (check and plan alike).

import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function artifactPaths(directoryKey: string, env: NodeJS.ProcessEnv): { reportPath: string; sarifPath: string } {
  const folder = join(env.RUNNER_TEMP || tmpdir(), 'pg-migration-gate', directoryKey.replace(/[^A-Za-z0-9._-]+/g, '_') || 'root');
  mkdirSync(folder, { recursive: true });
  return { reportPath: join(folder, 'report.json'), sarifPath: join(folder, 'report.sarif') };
}
