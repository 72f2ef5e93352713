// Ctrl-C or a CI cancel in the middle of a migration: the scratch databases go with the process.
// The gate's sources are compiled to plain JavaScript on the fly (as in server-exit.test.ts) and
// run in a child process, which is interrupted while a migration is running.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listScratchDatabases, SCRATCH_DATABASE_PREFIX } from '../../src/db/scratch.js';
import { testDatabaseUrl } from './postgres.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository so that `pg` and `libpg-query` resolve from its node_modules.
const programDir = path.join(repoRoot, 'node_modules', '.cache', `pgmg-interrupt-${process.pid}`);
let migrationsRoot: string;

const PROGRAM = `
import { discoverMigrations } from './discover/index.js';
import { runDatabaseStage } from './verify/stage.js';
const [url, root] = process.argv.slice(2);
const discovery = await discoverMigrations(root + '/migrations', { cwd: root, layout: 'plain', rollbackSuffix: '_rollback.sql' });
await runDatabaseStage({
  sets: [{ migrations: discovery.migrations, checked: new Map([[discovery.migrations.at(-1).path, 'new']]) }],
  databaseUrl: url,
  settings: { 'connect-timeout': 10000, 'lock-timeout': 5000, 'statement-timeout': 60000 },
  severities: new Map(),
  beforeApply: async () => { process.stdout.write('applying\\n'); },
});
process.stdout.write('finished\\n');
`;

beforeAll(() => {
  compileTree(path.join(repoRoot, 'src'), programDir);
  writeFileSync(path.join(programDir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(programDir, 'program.js'), PROGRAM);
  migrationsRoot = mkdtempSync(path.join(tmpdir(), 'pgmg-interrupt-'));
  mkdirSync(path.join(migrationsRoot, 'migrations'));
  writeFileSync(path.join(migrationsRoot, 'migrations/0001_a.sql'), 'CREATE TABLE a (id int);\n');
  writeFileSync(path.join(migrationsRoot, 'migrations/0002_slow.sql'), 'SELECT pg_sleep(30);\n');
});

afterAll(() => {
  rmSync(programDir, { recursive: true, force: true });
  rmSync(migrationsRoot, { recursive: true, force: true });
});

it('drops the scratch databases when the run is interrupted during a migration', async () => {
  const url = testDatabaseUrl();
  const child = spawn(process.execPath, [path.join(programDir, 'program.js'), url, migrationsRoot], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('applying') && resolve());
    void exited.then(() => reject(new Error(`the program ended early: ${stderr}`)));
  });
  const ofChild = async () => (await listScratchDatabases(url)).filter((name) => name.startsWith(`${SCRATCH_DATABASE_PREFIX}${child.pid}_`));
  expect((await ofChild()).length).toBeGreaterThan(0);

  const interruptedAt = Date.now();
  child.kill('SIGINT');
  expect(await exited).toEqual({ code: null, signal: 'SIGINT' });
  expect(Date.now() - interruptedAt).toBeLessThan(10_000);
  expect(await ofChild()).toEqual([]);
}, 60_000);

/** Every .ts file under `from` (tests excluded) as ES module JavaScript under `to`, same layout. */
function compileTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    if (statSync(source).isDirectory()) {
      compileTree(source, path.join(to, name));
      continue;
    }
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(path.join(to, name.replace(/\.ts$/, '.js')), outputText);
  }
}
