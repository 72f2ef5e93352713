// Check benchmark (issue 16): whole-process wall time of `check --base main` on a git repository whose
// branch adds one migration (with its rollback) to a generated history of 160 and of 800 migrations,
// on the temporary server, against the floor for the same files with the same server binaries:
// initdb, start the postmaster, replay every migration with one psql session, stop. Measured:
// - cold: an empty cache (initdb, the replay, the cache saved for the next run);
// - cold, --no-cache: nothing read or written;
// - warm: the same run again, the base from the cache.
// Targets: cold <= 1.15x the floor; warm <= 1.0 s and <= 0.25x cold, not growing with the history.
//
// The gate runs as shipped (dist/cli.js) when that bundle has the cache (its --help names --no-cache),
// else from its sources compiled to JavaScript (bench/.corpus/build, as the apply benchmark does),
// which start somewhat slower than the bundle; the first line says which.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { writeApplyCorpus } from './apply-corpus.mjs';
import { compileSources } from './compile-sources.mjs';
import { formatMs, median } from './stats.mjs';

const COLD_TARGET = 1.15;
const WARM_LIMIT_MS = 1000;
const WARM_RATIO = 0.25;

export async function runCheckBench({ root, histories = [160, 800], runs = 3 }) {
  const build = compileSources(root);
  const cli = gateCli(root, build);
  const { findPostgresBinaries } = await import(pathToFileURL(join(build, 'db/binaries.js')).href);
  const { serverAccount } = await import(pathToFileURL(join(build, 'db/server-account.js')).href);
  // The floor's cluster goes where the gate's temporary server goes (/dev/shm when it is a tmpfs
  // with room): the same filesystem for both, or the ratio would measure the disk, not the gate.
  const { serverParentDirectory } = await import(pathToFileURL(join(build, 'db/server-directory.js')).href);
  const serverParent = serverParentDirectory();
  // The binaries the gate picks for its default target (postgres-version 16).
  const binaries = findPostgresBinaries('auto', 16).found[0];
  const psql = which('psql');
  const account = serverAccount();
  const results = [];
  for (const history of histories) {
    const repo = writeRepository(join(root, 'bench', '.corpus', `check-${history}`), history);
    currentHistory = history;
    const floor = [];
    const cold = [];
    const noCache = [];
    const warm = [];
    for (let run = 0; run <= runs; run++) {
      const cache = mkdtempSync(join(tmpdir(), 'pgmg-bench-cache-'));
      const unused = mkdtempSync(join(tmpdir(), 'pgmg-bench-nocache-'));
      try {
        // Floor and cold run back to back, so that both meet the same load.
        const floorMs = psql && binaries ? await floorRun(binaries, account, psql, repo, serverParent.path) : undefined;
        const coldMs = gateRun(cli.argv, repo, cache, [], 'saved');
        const warmMs = gateRun(cli.argv, repo, cache, [], 'hit');
        const noCacheMs = gateRun(cli.argv, repo, unused, ['--no-cache'], 'off');
        if (run === 0) continue; // warm-up: file cache, page cache of the binaries
        if (floorMs !== undefined) floor.push(floorMs);
        cold.push(coldMs);
        warm.push(warmMs);
        noCache.push(noCacheMs);
      } finally {
        rmSync(cache, { recursive: true, force: true });
        rmSync(unused, { recursive: true, force: true });
      }
    }
    results.push({ history, floor, cold, noCache, warm });
  }
  print(results, runs, binaries, psql, `${cli.name}, servers in ${serverParent.path}`);
  return results;
}

/** dist/cli.js when it is a build with the cache, else the compiled sources; the argv prefix and what to call it. */
function gateCli(root, build) {
  const dist = join(root, 'dist', 'cli.js');
  if (existsSync(dist)) {
    const help = spawnSync(process.execPath, [dist, '--help'], { encoding: 'utf8' });
    if (help.stdout.includes('--no-cache')) return { argv: [dist], name: `node ${process.version} dist/cli.js` };
  }
  return { argv: ['--liftoff-only', join(build, 'cli-main.js')], name: `node ${process.version} compiled sources (dist/ predates the cache)` };
}

function print(results, runs, binaries, psql, cliName) {
  console.log(`\nCheck benchmark: check --base main, one new migration, temporary server (${binaries?.from ?? 'no binaries'}), ${cliName}, whole process, median of ${runs} runs`);
  if (!psql) console.log('  (no psql on PATH: the floor is not measured)');
  const verdict = (met) => (met ? 'met' : 'NOT met');
  for (const { history, floor, cold, noCache, warm } of results) {
    const floorMs = floor.length ? median(floor) : undefined;
    const coldMs = median(cold);
    const warmMs = median(warm);
    // Pairs measured back to back: the median of their ratios is steadier on a loaded machine.
    const coldRatio = floor.length ? median(cold.map((ms, i) => ms / floor[i])) : undefined;
    const noCacheRatio = floor.length ? median(noCache.map((ms, i) => ms / floor[i])) : undefined;
    const warmRatio = median(warm.map((ms, i) => ms / cold[i]));
    console.log(`  ${history} merged migrations + 1 new`);
    if (floorMs !== undefined) console.log(`    ${'floor: initdb + start + psql replay + stop'.padEnd(46)} ${formatMs(floorMs)}`);
    console.log(`    ${'cold: empty cache (initdb, replay, cache saved)'.padEnd(46)} ${formatMs(coldMs)}${coldRatio === undefined ? '' : `   ${coldRatio.toFixed(2)}x floor (target <= ${COLD_TARGET}x: ${verdict(coldRatio <= COLD_TARGET)})`}`);
    console.log(`    ${'cold: --no-cache'.padEnd(46)} ${formatMs(median(noCache))}${noCacheRatio === undefined ? '' : `   ${noCacheRatio.toFixed(2)}x floor (target <= ${COLD_TARGET}x: ${verdict(noCacheRatio <= COLD_TARGET)})`}`);
    console.log(`    ${'warm: rerun, base from the cache'.padEnd(46)} ${formatMs(warmMs)}   ${warmRatio.toFixed(2)}x cold (target <= ${WARM_RATIO}x: ${verdict(warmRatio <= WARM_RATIO)}; <= ${WARM_LIMIT_MS} ms: ${verdict(warmMs <= WARM_LIMIT_MS)})`);
    const stage = (kind) => median(stageTimes.filter((time) => time.history === history && time.cache === kind).map((time) => time.totalMs));
    console.log(`    ${'  of which the database stage (server start to stop)'.padEnd(46)} cold ${formatMs(stage('saved'))}, --no-cache ${formatMs(stage('off'))}, warm ${formatMs(stage('hit'))}`);
  }
  if (results.length > 1) {
    const [first, last] = [results[0], results[results.length - 1]];
    const growth = median(last.warm) / median(first.warm);
    console.log(`  warm ${last.history} / warm ${first.history} = ${growth.toFixed(2)}x (the rerun must not grow with the history)`);
  }
}

/** A repository whose main has `history` migrations and whose branch `feature` adds one with its rollback. */
function writeRepository(repo, history) {
  rmSync(repo, { recursive: true, force: true });
  const { names } = writeApplyCorpus(join(repo, 'migrations'), history, 1);
  const newName = names[history];
  const held = join(repo, '.held');
  mkdirSync(held);
  const newFiles = readdirSync(join(repo, 'migrations')).filter((name) => name.startsWith(newName.replace(/\.sql$/, '')));
  for (const name of newFiles) renameSync(join(repo, 'migrations', name), join(held, name));
  writeFileSync(join(repo, '.migration-gate.yml'), 'migrations: migrations\nlayout: plain\n');
  const git = (...args) => execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...args], { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', 'migrations', '.migration-gate.yml');
  git('commit', '-qm', 'history');
  git('checkout', '-qb', 'feature');
  for (const name of newFiles) renameSync(join(held, name), join(repo, 'migrations', name));
  rmSync(held, { recursive: true });
  git('add', 'migrations');
  git('commit', '-qm', 'new migration');
  return repo;
}

function gateRun(cliArgv, repo, cache, extra, expectCache) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...cliArgv, 'check', '--base', 'main', '--format', 'json', '--fail-on', 'never', ...extra], {
    cwd: repo,
    env: { ...process.env, XDG_CACHE_HOME: cache, DATABASE_URL: '' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`check failed (${result.status}): ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  if (report.verification?.status !== 'verified') throw new Error(`check did not verify the corpus: ${JSON.stringify(report.database)}`);
  if (expectCache && report.database.cache?.base !== expectCache) throw new Error(`expected a cache ${expectCache}: ${JSON.stringify(report.database.cache)}`);
  stageTimes.push({ history: currentHistory, cache: expectCache, totalMs: report.database.timings.totalMs, baseMs: report.database.timings.baseMs });
  return ms;
}

/** The database stage's own total of each run (report database.timings), to show what is not the stage. */
const stageTimes = [];
let currentHistory;

/** initdb, start, one psql session replaying every migration file, stop: the least work for the same result. */
async function floorRun(binaries, account, psql, repo, parent) {
  const directory = mkdtempSync(join(parent, 'pgmg-bench-floor-'));
  if (account) chownSync(directory, account.uid, account.gid);
  const as = account ? { uid: account.uid, gid: account.gid } : {};
  const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', TZ: 'UTC', HOME: directory };
  const dataDir = join(directory, 'data');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const files = readdirSync(join(repo, 'migrations')).filter((name) => !name.endsWith('_rollback.sql')).sort();
  const script = join(directory, 'replay.sql');
  writeFileSync(script, files.map((name) => `\\i ${join(repo, 'migrations', name)}\n`).join(''));
  if (account) chownSync(script, account.uid, account.gid);
  const started = process.hrtime.bigint();
  let postmaster;
  try {
    const init = spawnSync(join(binaries.binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], { env, ...as, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`floor: initdb failed: ${init.stderr}`);
    const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'autovacuum=off'];
    postmaster = spawn(join(binaries.binDir, 'postgres'), ['-D', dataDir, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])], { env, ...as, stdio: 'ignore' });
    await waitForServer(port);
    const replay = spawnSync(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-f', script], { env, encoding: 'utf8' });
    if (replay.status !== 0) throw new Error(`floor: psql failed: ${replay.stderr}`);
    const exited = new Promise((resolve) => postmaster.once('exit', resolve));
    postmaster.kill('SIGQUIT');
    await exited;
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    if (postmaster && postmaster.exitCode === null && postmaster.signalCode === null) postmaster.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  }
}

async function waitForServer(port) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error('floor: the server did not start');
}

function which(program) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, program))) return join(dir, program);
  }
  return undefined;
}
