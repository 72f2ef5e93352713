// The temporary server must go away with the process that started it, however that process ends.
// Each case runs a small Node program (src compiled to plain JavaScript on the fly) that starts
// a server and then ends in one particular way, and checks what is left afterwards.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processGone, removeAbandonedDirectories } from '../../src/db/server-cleanup.js';
import { allGone, childPids } from './processes.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository so that `pg` resolves from its node_modules.
const programDir = path.join(repoRoot, 'node_modules', '.cache', `pgmg-server-exit-${process.pid}`);

const PROGRAM = `
import { startTemporaryServer } from './db/server.js';
const server = await startTemporaryServer();
process.stdout.write(JSON.stringify({ pid: server.pid, directory: server.directory }) + '\\n');
const ending = process.argv[2];
if (ending === 'exit') process.exit(0);
if (ending === 'throw') setTimeout(() => { throw new Error('unexpected failure'); }, 10);
if (ending === 'wait') setInterval(() => undefined, 1_000);
`;

interface Started {
  pid: number;
  directory: string;
}

beforeAll(() => {
  mkdirSync(programDir, { recursive: true });
  writeFileSync(path.join(programDir, 'package.json'), '{ "type": "module" }\n');
  compileTree(path.join(repoRoot, 'src'), programDir);
  writeFileSync(path.join(programDir, 'program.js'), PROGRAM);
});

afterAll(() => rmSync(programDir, { recursive: true, force: true }));

/** The sources under `from` as plain JavaScript under `to`, same layout (src/db imports src/cache and others). */
function compileTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      compileTree(source, path.join(to, entry.name));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), outputText);
    }
  }
}

describe('the temporary server goes away with its process', () => {
  it.each([
    ['SIGTERM', 'wait', { signal: 'SIGTERM', code: null }],
    ['SIGINT', 'wait', { signal: 'SIGINT', code: null }],
    ['process.exit() without stop()', 'exit', { signal: null, code: 0 }],
    ['an uncaught exception', 'throw', { signal: null, code: 1 }],
  ] as const)('on %s', async (_name, ending, expected) => {
    const run = startProgram(ending);
    const started = await run.started;
    const processes = [started.pid, ...childPids(started.pid)];
    expect(existsSync(started.directory)).toBe(true);
    if (ending === 'wait') run.child.kill(expected.signal ?? 'SIGTERM');
    const exit = await run.exited;
    expect(exit).toEqual(expected);
    expect(allGone(processes)).toBe(true);
    expect(existsSync(started.directory)).toBe(false);
  });

  it('sweeps what a SIGKILLed run left behind, on the next start', async () => {
    const run = startProgram('wait');
    const started = await run.started;
    run.child.kill('SIGKILL');
    await run.exited;
    // No handler runs on SIGKILL: the server and its directory are still there ...
    expect(processGone(started.pid)).toBe(false);
    expect(existsSync(started.directory)).toBe(true);
    // ... until the next start sweeps directories whose owning process is gone.
    removeAbandonedDirectories(path.dirname(started.directory));
    expect(processGone(started.pid)).toBe(true);
    expect(existsSync(started.directory)).toBe(false);
  });
});

function startProgram(ending: 'wait' | 'exit' | 'throw') {
  const child = spawn(process.execPath, [path.join(programDir, 'program.js'), ending], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = new Promise<Started>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve(JSON.parse(line) as Started);
    });
    child.on('exit', () => reject(new Error(`the program ended before starting a server: ${stderr}`)));
  });
  const exited = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ signal, code }));
  });
  return { child, started, exited };
}
