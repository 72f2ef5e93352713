// The CLI's flags, on their own so that the launcher (cli-main.ts) can read them before the CLI loads.

import type { ParseArgsConfig } from 'node:util';

export const OPTIONS = {
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  dir: { type: 'string' },
  base: { type: 'string' },
  'database-url': { type: 'string' },
  'target-url': { type: 'string' },
  'no-color': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} satisfies ParseArgsConfig['options'];
