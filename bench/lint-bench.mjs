// Lint benchmark: whole-process wall time of `pg-migration-gate lint` (the bundled dist/cli.js)
// against squawk (squawk-cli from npm) on the same generated corpus, in the same run.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeCorpus } from './corpus.mjs';
import { median, formatMs } from './stats.mjs';

export function runLintBench({ root, files = 500, runs = 7 }) {
  const corpus = join(root, 'bench', '.corpus', 'lint');
  const statements = writeCorpus(corpus, files);
  const paths = readdirSync(corpus).map((name) => join(corpus, name));

  const squawkJs = join(root, 'bench', 'node_modules', 'squawk-cli', 'js', 'bin', 'squawk');
  const squawkNative = join(root, 'bench', 'node_modules', '@squawk-cli', 'linux-x64', 'bin', 'squawk');
  const commands = [
    { name: 'pg-migration-gate lint (node dist/cli.js)', argv: [process.execPath, join(root, 'dist', 'cli.js'), 'lint', '--format', 'json', '--fail-on', 'never', corpus] },
    { name: 'squawk (npm squawk-cli bin)', argv: [process.execPath, squawkJs, '--reporter', 'json', ...paths] },
  ];
  if (existsSync(squawkNative)) commands.push({ name: 'squawk (native binary alone)', argv: [squawkNative, '--reporter', 'json', ...paths] });

  const results = commands.map((command) => {
    time(command.argv); // warm the file cache
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(time(command.argv));
    return { ...command, median: median(samples), samples };
  });

  const gate = results[0];
  console.log(`\nLint benchmark: ${files} files, ${statements} statements, median of ${runs} runs (whole process)`);
  for (const result of results) {
    const ratio = result === gate ? '' : `   gate / this = ${(gate.median / result.median).toFixed(2)}x`;
    console.log(`  ${result.name.padEnd(44)} ${formatMs(result.median)}${ratio}`);
  }
  return { files, statements, results };
}

function time(argv) {
  const start = process.hrtime.bigint();
  const child = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`${argv.join(' ').slice(0, 120)}... exited ${child.status}: ${child.stderr.toString().slice(0, 500)}`);
  }
  return elapsed;
}
