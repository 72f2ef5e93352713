// `npm run bench`: installs the benchmark-only dependencies (bench/package.json) when missing,
// builds nothing (the lint benchmark measures the committed dist/), and prints each benchmark's figures as ratios
// against a baseline measured in the same run.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runApplyBench } from '../bench/apply-bench.mjs';
import { runLintBench } from '../bench/lint-bench.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'bench', 'node_modules', 'squawk-cli'))) {
  console.log('installing benchmark dependencies (bench/package.json)...');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', join(root, 'bench')], { stdio: 'inherit' });
}
if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run npm run build');

runLintBench({ root });
// The database stage, from the sources (no dist/ needed); DATABASE_URL or a temporary server.
await runApplyBench({ root });
