// A run interrupted (SIGINT at several points: while the server creates a scratch database, while a
// migration runs, while a database is dropped) leaves no scratch database; a run killed outright
// (SIGKILL, no handler runs) leaves them, and the next run on this host sweeps them, never a live
// run's nor another machine's.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withConnection } from '../../src/db/connect.js';
import { listScratchDatabases, SCRATCH_DATABASE_PREFIX, sweepAbandoned } from '../../src/db/scratch.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { compileProgram } from './program.js';

let compiled: ReturnType<typeof compileProgram>;
let root: string;

beforeAll(() => {
  compiled = compileProgram('interrupts');
  root = mkdtempSync(path.join(tmpdir(), 'pgmg-interrupts-'));
  mkdirSync(path.join(root, 'migrations'));
  writeFileSync(path.join(root, 'migrations/0001_customers.sql'), 'CREATE TABLE customers (id bigint PRIMARY KEY);\n');
  writeFileSync(path.join(root, 'migrations/0002_backfill.sql'), 'ALTER TABLE customers ADD COLUMN note text;\nSELECT pg_sleep(0.5);\n');
  // A second checked migration: the base stays the template of a work database, two databases to interrupt.
  writeFileSync(path.join(root, 'migrations/0003_notes.sql'), 'CREATE INDEX customers_note_idx ON customers (note);\n');
});
afterAll(() => {
  compiled.remove();
  rmSync(root, { recursive: true, force: true });
});

function start(point: string): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>; output: () => string } {
  const child = spawn(process.execPath, [compiled.program, testDatabaseUrl(), root, point], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => setImmediate(() => resolve({ code, signal, stderr }))),
  );
  return { child, exited, output: () => stdout };
}

const ofPid = async (pid: number | undefined) => (await listScratchDatabases(testDatabaseUrl())).filter((name) => name.startsWith(`${SCRATCH_DATABASE_PREFIX}${pid}_`));

describe('interrupted runs leave no scratch database', () => {
  it.each(['create-1', 'create-2', 'apply', 'drop-1'])('SIGINT at %s', async (point) => {
    const { child, exited } = start(point);
    const end = await exited;
    expect({ code: end.code, signal: end.signal }, end.stderr).toEqual({ code: null, signal: 'SIGINT' });
    expect(await ofPid(child.pid)).toEqual([]);
  }, 30_000);
});

describe('runs killed outright', () => {
  it("leave their databases, which the next run's sweep drops; a live run's and another host's are kept", async () => {
    const url = testDatabaseUrl();
    const { child, exited, output } = start('hold');
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => output().includes('applying') && (clearInterval(timer), resolve()), 20);
      void exited.then((end) => (clearInterval(timer), reject(new Error(`the program ended early: ${end.stderr}`))));
    });
    const held = await ofPid(child.pid);
    expect(held.length).toBe(2); // the base and the work database
    // Another machine's run, with a pid that is not running here: not ours to judge.
    const foreign = `${SCRATCH_DATABASE_PREFIX}${child.pid}_000000_${Math.floor(Date.now() / 1000).toString(36)}_0badc0de`;
    await withConnection(url, (admin) => admin.query(`CREATE DATABASE ${foreign}`));
    try {
      expect(await sweepAbandoned(url)).not.toEqual(expect.arrayContaining([held[0]]));
      expect(await ofPid(child.pid)).toEqual(expect.arrayContaining(held));

      child.kill('SIGKILL');
      expect((await exited).signal).toBe('SIGKILL');
      expect(await ofPid(child.pid)).toEqual(expect.arrayContaining(held));
      expect((await sweepAbandoned(url)).sort()).toEqual(expect.arrayContaining(held.sort()));
      expect(await ofPid(child.pid)).toEqual([foreign]);
    } finally {
      await withConnection(url, (admin) => admin.query(`DROP DATABASE IF EXISTS ${foreign} WITH (FORCE)`));
    }
  }, 30_000);
});
