// The gate's sources compiled to plain JavaScript on the fly (as in test/db/interrupt.test.ts) and
// run as a child process, so that a test can interrupt or kill a real run at a chosen point.

import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The database stage on `<root>/migrations`, every migration after the first checked (so that the
 * first is a base, cloned into a work database: with one checked migration at the end the base would
 * be the work database itself, verify-set.ts). `point` names where the run
 * sends itself SIGINT right after the query is sent: `create-N` (the Nth CREATE DATABASE), `drop-N`,
 * `apply` (the migration's pg_sleep); `hold` stops before the checked migration until it is killed.
 * The pg client is only watched here: every query still goes to the real server.
 */
const PROGRAM = `
import pg from 'pg';
import { discoverMigrations } from './discover/index.js';
import { runDatabaseStage } from './verify/stage.js';
const [url, root, point] = process.argv.slice(2);
const counts = {};
const send = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '');
  const kind = /^CREATE DATABASE/.test(text) ? 'create' : /^DROP DATABASE/.test(text) ? 'drop' : /pg_sleep/.test(text) ? 'apply' : undefined;
  const result = send.apply(this, args);
  if (kind) {
    counts[kind] = (counts[kind] ?? 0) + 1;
    if (point === kind + '-' + counts[kind] || point === kind) process.kill(process.pid, 'SIGINT');
  }
  return result;
};
const discovery = await discoverMigrations(root + '/migrations', { cwd: root, layout: 'plain', rollbackSuffix: '_rollback.sql' });
await runDatabaseStage({
  sets: [{ migrations: discovery.migrations, checked: new Map(discovery.migrations.slice(1).map((migration) => [migration.path, 'new'])) }],
  databaseUrl: url,
  settings: { 'connect-timeout': 10000, 'lock-timeout': 5000, 'statement-timeout': 60000 },
  severities: new Map(),
  beforeApply: async () => {
    process.stdout.write('applying\\n');
    if (point === 'hold') await new Promise(() => setInterval(() => undefined, 1000));
  },
});
process.stdout.write('finished\\n');
`;

/** Compiles the sources into a directory inside the repository (so `pg` resolves) and returns the program's path. */
export function compileProgram(name: string): { program: string; remove: () => void } {
  const dir = path.join(repoRoot, 'node_modules', '.cache', `pgmg-${name}-${process.pid}`);
  compileTree(path.join(repoRoot, 'src'), dir);
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(dir, 'program.js'), PROGRAM);
  return { program: path.join(dir, 'program.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

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
