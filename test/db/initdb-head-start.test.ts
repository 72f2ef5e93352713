// check's head start on the temporary server: initdb started only when a fresh cluster is certain
// to be needed (else only the reservation), taken over by the server start (same directory, same
// password, its cluster saved to an empty cache), and, when not needed, stopped with its directory
// removed and no initdb left running.

import { existsSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirCache } from '../../src/cache/store.js';
import { defaultConfig } from '../../src/config.js';
import { withConnection } from '../../src/db/connect.js';
import { finishRemovals } from '../../src/db/background-removals.js';
import { startInitdbEarly, type InitdbHeadStart } from '../../src/db/initdb-head-start.js';
import { runCli } from '../../src/cli.js';
import { startTemporaryServer } from '../../src/db/server.js';
import { runGate } from '../../src/gate.js';
import { pullRequest, removeTempDirs } from '../discover/fixture.js';
import { testDatabaseUrl } from './postgres.js';
import { childPids, serverDirectories } from './processes.js';

let work: string;
afterEach(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  removeTempDirs();
});

function emptyCache(): DataDirCache {
  work = mkdtempSync(path.join(tmpdir(), 'pgmg-headstart-'));
  return new DataDirCache({ root: path.join(work, 'cache') });
}

/** initdb processes this test process started that are still running. */
function runningInitdbs(): number[] {
  return childPids(process.pid).filter((pid) => {
    try {
      return path.basename(readlinkSync(`/proc/${pid}/exe`)) === 'initdb';
    } catch {
      return false;
    }
  });
}

describe('initdb head start', () => {
  it('with a cache that holds a cluster or a base, only reserves: no initdb, and the start copies the cached cluster into its directory', async () => {
    const store = emptyCache();
    // A cluster in the cache, as a first run leaves it.
    await (await startTemporaryServer({ preferMajor: 16, cache: { store } })).stop();
    expect(store.holdsEntries()).toBe(true);

    const headStart = startInitdbEarly({ cache: true, store, preferMajor: 16 });
    expect(headStart).toBeDefined();
    expect(headStart!.runsInitdb).toBe(false);
    await headStart!.ready;
    const [directory] = serverDirectories(process.pid);
    expect(directory).toBeDefined();
    expect(runningInitdbs()).toEqual([]);
    const server = await startTemporaryServer({ preferMajor: 16, headStart: headStart!, cache: { store } });
    try {
      expect([server.directory, server.dataFrom]).toEqual([directory, 'cached-cluster']);
      expect(await withConnection(server.url, async (client) => (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one)).toBe(1);
    } finally {
      await server.stop();
    }
    expect(existsSync(directory!)).toBe(false);

    // Not needed after all: its directory goes, and nothing was running in it.
    const unused = startInitdbEarly({ cache: true, store, preferMajor: 16 });
    expect(serverDirectories(process.pid)).toHaveLength(1);
    unused!.discard();
    expect(await finishRemovals()).toEqual([]);
    expect(serverDirectories(process.pid)).toEqual([]);
  });

  it('is taken by the server start: its directory and password, one initdb, the cluster saved to the empty cache', async () => {
    const store = emptyCache();
    const headStart = startInitdbEarly({ cache: true, store, preferMajor: 16 });
    expect(headStart).toBeDefined();
    const [directory] = serverDirectories(process.pid);
    const server = await startTemporaryServer({ preferMajor: 16, headStart: headStart!, cache: { store } });
    try {
      expect(server.directory).toBe(directory);
      expect(server.dataFrom).toBe('initdb');
      expect(await withConnection(server.url, async (client) => (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one)).toBe(1);
      // Taken once: a second start makes its own.
      expect(headStart!.take({ preferMajor: 16 })).toBeUndefined();
      expect(store.holdsEntries()).toBe(true);
    } finally {
      await server.stop();
    }
    headStart!.discard(); // after being taken: nothing to do, the server's directory is its own
    expect(await finishRemovals()).toEqual([]);
    expect(existsSync(directory!)).toBe(false);
  });

  it('that could not reserve a server: the start that takes it reserves again and says why, and the next is as usual', async () => {
    const saved = process.env['PG_MIGRATION_GATE_SERVER_DIR'];
    process.env['PG_MIGRATION_GATE_SERVER_DIR'] = path.join(tmpdir(), 'pgmg-no-such-directory');
    try {
      const failed = startInitdbEarly({ cache: false, preferMajor: 16 });
      await expect(startTemporaryServer({ preferMajor: 16, headStart: failed! })).rejects.toThrow(/PG_MIGRATION_GATE_SERVER_DIR is .*pgmg-no-such-directory, which is not a directory this user can write/);
      const discarded = startInitdbEarly({ cache: false, preferMajor: 16 });
      discarded!.discard();
      expect(await finishRemovals()).toEqual([]);
      // Reserved again by the start, once the directory is usable: its own initdb, not the failed one's.
      const retried = startInitdbEarly({ cache: false, preferMajor: 16 });
      delete process.env['PG_MIGRATION_GATE_SERVER_DIR'];
      const server = await startTemporaryServer({ preferMajor: 16, headStart: retried! });
      try {
        expect(server.dataFrom).toBe('initdb');
        expect(await withConnection(server.url, async (client) => (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one)).toBe(1);
      } finally {
        await server.stop();
      }
    } finally {
      if (saved === undefined) delete process.env['PG_MIGRATION_GATE_SERVER_DIR'];
      else process.env['PG_MIGRATION_GATE_SERVER_DIR'] = saved;
    }
    expect(serverDirectories(process.pid)).toEqual([]);
    expect(runningInitdbs()).toEqual([]);
  });

  it('is not taken by a start that asks for other binaries, and is then stopped and removed', async () => {
    const headStart = startInitdbEarly({ cache: false, preferMajor: 16 });
    expect(headStart).toBeDefined();
    // Once ready, initdb is running in the reservation (a launcher then compiles its bundle).
    expect(headStart!.runsInitdb).toBe(true);
    await headStart!.ready;
    expect(runningInitdbs()).toHaveLength(1);
    expect(headStart!.take({ preferMajor: 15 })).toBeUndefined();
    expect(headStart!.take({ binaries: 'system', preferMajor: 16 })).toBeUndefined();
    headStart!.discard();
    expect(await finishRemovals()).toEqual([]);
    expect(serverDirectories(process.pid)).toEqual([]);
    expect(runningInitdbs()).toEqual([]);
  });

  it('check with nothing to apply stops the early initdb and leaves no directory', async () => {
    const { repo, baseSha } = pullRequest({ 'migrations/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n' }, { 'README.md': 'docs only\n' });
    // The head start's directory is seen while the run goes (there is no other server directory in
    // a run with nothing to apply): it did start, and was then stopped.
    let seen = 0;
    const watch = setInterval(() => (seen += serverDirectories(process.pid).length), 1);
    const report = await runGate({ cwd: repo.root, config: defaultConfig(), base: baseSha, cache: false }).finally(() => clearInterval(watch));
    expect(report.database).toMatchObject({ status: 'skipped', reason: 'no new or changed migrations to apply' });
    expect(seen).toBeGreaterThan(0);
    expect(await finishRemovals()).toEqual([]);
    expect(serverDirectories(process.pid)).toEqual([]);
    expect(runningInitdbs()).toEqual([]);
  });

  it('check with a new migration applies it on the early cluster, and leaves nothing behind', async () => {
    const { repo, baseSha } = pullRequest(
      { 'migrations/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n' },
      { 'migrations/0002_users_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n' },
    );
    const report = await runGate({ cwd: repo.root, config: defaultConfig(), base: baseSha, cache: false });
    expect(report.database).toMatchObject({ status: 'ran' });
    expect(report.migrations.map((m) => [m.path, m.apply?.status])).toEqual([['migrations/0002_users_email.sql', 'applied']]);
    expect(await finishRemovals()).toEqual([]);
    expect(serverDirectories(process.pid)).toEqual([]);
    expect(runningInitdbs()).toEqual([]);
  });
});

/** A real head start whose takes are counted. */
function watched(headStart: InitdbHeadStart): { headStart: InitdbHeadStart; taken: () => boolean } {
  let taken = false;
  return {
    headStart: {
      runsInitdb: headStart.runsInitdb,
      ready: headStart.ready,
      suits: headStart.suits,
      take(wanted) {
        const started = headStart.take(wanted);
        if (started) taken = true;
        return started;
      },
      discard: headStart.discard,
    },
    taken: () => taken,
  };
}

describe("the CLI launcher's head start (launch-head-start.ts), handed to check", () => {
  const pr = () =>
    pullRequest(
      { 'migrations/0001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n' },
      { 'migrations/0002_users_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n' },
    );

  it('is taken when it was made for the config postgres-version: the run applies on its cluster', async () => {
    const { repo, baseSha } = pr();
    const launched = watched(startInitdbEarly({ cache: false, preferMajor: defaultConfig()['postgres-version'] })!);
    const report = await runGate({ cwd: repo.root, config: defaultConfig(), base: baseSha, cache: false, launchedHeadStart: launched.headStart });
    expect(launched.taken()).toBe(true);
    expect(report.database).toMatchObject({ status: 'ran' });
    expect(report.migrations.map((m) => [m.path, m.apply?.status])).toEqual([['migrations/0002_users_email.sql', 'applied']]);
    expect(await finishRemovals()).toEqual([]);
    expect(serverDirectories(process.pid)).toEqual([]);
    expect(runningInitdbs()).toEqual([]);
  });

  it('is discarded when the config asks for another postgres-version, and the run makes its own cluster', async () => {
    const { repo, baseSha } = pr();
    const launched = watched(startInitdbEarly({ cache: false, preferMajor: 16 })!);
    const [launchedDirectory] = serverDirectories(process.pid);
    const config = { ...defaultConfig(), 'postgres-version': 15 };
    const report = await runGate({ cwd: repo.root, config, base: baseSha, cache: false, launchedHeadStart: launched.headStart });
    expect(launched.taken()).toBe(false);
    expect(report.database).toMatchObject({ status: 'ran' });
    expect(report.migrations.map((m) => m.apply?.status)).toEqual(['applied']);
    expect(await finishRemovals()).toEqual([]);
    expect(existsSync(launchedDirectory!)).toBe(false);
    expect(runningInitdbs()).toEqual([]);
  });

  it('is discarded when check is given a server after all', async () => {
    const { repo, baseSha } = pr();
    const launched = watched(startInitdbEarly({ cache: false, preferMajor: 16 })!);
    const report = await runGate({ cwd: repo.root, config: defaultConfig(), base: baseSha, databaseUrl: testDatabaseUrl(), launchedHeadStart: launched.headStart });
    expect(launched.taken()).toBe(false);
    expect(report.database).toMatchObject({ status: 'ran' });
    expect(await finishRemovals()).toEqual([]);
    expect(serverDirectories(process.pid)).toEqual([]);
    expect(runningInitdbs()).toEqual([]);
  });

  it('is stopped and removed when the command line is refused (exit 2), before any check runs', async () => {
    const launched = watched(startInitdbEarly({ cache: false, preferMajor: 16 })!);
    expect(serverDirectories(process.pid)).toHaveLength(1);
    const errors: string[] = [];
    const code = await runCli(['check', 'stray-path'], { cwd: tmpdir(), stdout: () => undefined, stderr: (text) => errors.push(text), isTty: false, env: {} }, { headStart: launched.headStart });
    expect(code).toBe(2);
    expect(errors.join('')).toContain('check takes no paths');
    expect(launched.taken()).toBe(false);
    // runCli waited for the removal: nothing is left when it returns.
    expect(serverDirectories(process.pid)).toEqual([]);
    expect(runningInitdbs()).toEqual([]);
  });
});
