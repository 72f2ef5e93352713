// Statements that run outside a transaction (CREATE INDEX CONCURRENTLY, DETACH PARTITION ...
// CONCURRENTLY) have released their locks when they return, so the trace watches them from a second
// session while they run. To make that deterministic, another session keeps a transaction open on
// the table: the statement waits for it (a wait the trace must show too), and that session lets go
// only once the wait has been visible for a while.

import net from 'node:net';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { executeScript } from '../../src/db/execute.js';
import { POLL_INTERVAL_MS, pollerConnectOptions } from '../../src/db/lock-poller.js';
import { createScratchDatabase } from '../../src/db/scratch.js';
import { buildScript } from '../../src/db/script.js';
import { MigrationTracer } from '../../src/db/trace.js';
import { readRelations, readUnindexedForeignKeys } from '../../src/db/catalog.js';
import { ensureParser } from '../../src/sql/parse.js';
import { PSQL_STYLE_SCOPE } from '../../src/types.js';
import { CHANGE_PATH, runCase } from '../db-rule-tester.js';
import { testDatabaseUrl } from '../db/postgres.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A `beforeApply` hook: a session that runs `sql` in an open transaction, and commits once a
 * session of the migration's database has waited on another transaction for `visibleMs`.
 */
function holdUntilWaitedFor(sql: string, visibleMs = 30 * POLL_INTERVAL_MS) {
  return async (databaseUrl: string) => {
    const holder = await connect(databaseUrl);
    const watcher = await connect(databaseUrl);
    await holder.query('BEGIN');
    await holder.query(sql);
    const released = (async () => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const { rows } = await watcher.query(
          `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND l.locktype IN ('virtualxid', 'transactionid') AND a.datname = current_database() LIMIT 1`,
        );
        if (rows.length > 0) break;
        await sleep(5);
      }
      await sleep(visibleMs);
      await holder.query('COMMIT');
    })();
    return async () => {
      await released.catch(() => undefined);
      await Promise.all([holder.end(), watcher.end()].map((p: Promise<void>) => p.catch(() => undefined)));
    };
  };
}

const summary = (locks: Array<{ line: number; relation: string; relationKind: string; mode: string; observed?: string; waited?: boolean }>) =>
  locks.map(({ line, relation, relationKind, mode, observed, waited }) => ({ line, relation, relationKind, mode, observed, waited }));

describe('locks of statements outside a transaction', () => {
  it("CREATE INDEX CONCURRENTLY: its SHARE UPDATE EXCLUSIVE lock, and its wait for an older transaction", async () => {
    const { stage } = await runCase({
      name: 'cic',
      before: ['CREATE TABLE users (id int PRIMARY KEY, email text);'],
      sql: "SET lock_timeout = '10s';\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n",
      beforeApply: holdUntilWaitedFor("INSERT INTO users VALUES (1, 'a@example.com')"),
    });
    const file = stage.files.get(CHANGE_PATH)!;
    expect(file.apply.status).toBe('applied');
    expect(summary(file.locks)).toEqual([
      { line: 2, relation: 'other transactions', relationKind: 'transaction', mode: 'ShareLock', observed: 'polled', waited: true },
      { line: 2, relation: 'users', relationKind: 'table', mode: 'ShareUpdateExclusiveLock', observed: 'polled', waited: undefined },
    ]);
    expect(file.locks[1]!.blocks).toBe('schema changes, VACUUM and concurrent index builds; not reads or writes');
    // SHARE UPDATE EXCLUSIVE blocks neither reads nor writes: not an access-exclusive-lock finding.
    expect(file.findings.map((f) => f.rule)).toEqual([]);
  });

  it('DETACH PARTITION ... CONCURRENTLY, which the server refuses in a transaction and the gate then sends alone', async () => {
    const { stage } = await runCase({
      name: 'detach',
      before: ['CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);', "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"],
      sql: 'ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;\n',
      beforeApply: holdUntilWaitedFor('SELECT count(*) FROM events'),
    });
    const file = stage.files.get(CHANGE_PATH)!;
    expect(file.apply.status).toBe('applied');
    // It waits between its two transactions, holding no relation lock then; the locks of the short
    // second transaction are seen only when a poll falls into it.
    expect(file.locks.find((lock) => lock.relation === 'other transactions')).toMatchObject({ line: 1, relationKind: 'transaction', waited: true, observed: 'polled' });
    expect(file.locks.every((lock) => lock.observed === 'polled')).toBe(true);
  });

  it('a statement faster than any poll still reports its lock, the same on every run', async () => {
    const { stage } = await runCase({
      name: 'fast',
      before: ['CREATE TABLE users (id int PRIMARY KEY, email text);', 'CREATE TABLE "Audit Log" (id int);'],
      sql: 'CREATE INDEX CONCURRENTLY users_email ON users (email);\nVACUUM (ANALYZE) "Audit Log";\nCREATE TABLE fresh (id int);\nCREATE INDEX CONCURRENTLY fresh_id ON fresh (id);\n',
    });
    const file = stage.files.get(CHANGE_PATH)!;
    expect(file.apply.status).toBe('applied');
    // Seen by a poll or, when the statement ended first, the documented lock: either way the same lock.
    expect(file.locks.map(({ line, relation, mode }) => ({ line, relation, mode }))).toEqual([
      { line: 1, relation: 'users', mode: 'ShareUpdateExclusiveLock' },
      { line: 2, relation: 'Audit Log', mode: 'ShareUpdateExclusiveLock' },
    ]);
    for (const lock of file.locks) expect(['polled', 'documented']).toContain(lock.observed);
  });

  it('a statement runs unwatched, and still applies, when the second session cannot be opened in time', async () => {
    await ensureParser();
    // A server that accepts the connection and never answers: the poller's connect timeout ends the wait.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const database = await createScratchDatabase(testDatabaseUrl());
    let client: pg.Client | undefined;
    try {
      client = await connect(database.url);
      await client.query('CREATE TABLE users (id int PRIMARY KEY, email text)');
      const built = buildScript('m.sql', Buffer.from('CREATE INDEX CONCURRENTLY users_email ON users (email);\n'), [{ scope: PSQL_STYLE_SCOPE }]);
      if (!built.ok) throw new Error(built.message);
      const tracer = new MigrationTracer(built.script.source, await readRelations(client), await readUnindexedForeignKeys(client), {
        openObserver: () => connect(`postgres://gate@127.0.0.1:${port}/none`, pollerConnectOptions({ connectTimeoutMs: 300 })),
      });
      const started = Date.now();
      expect(await executeScript(client, built.script, { tracer })).toEqual({ ok: true });
      expect(Date.now() - started).toBeLessThan(5_000);
      // Unwatched, the trace still names the lock the manual documents for the statement.
      expect(tracer.result().statements.map((statement) => summary(statement.locks))).toEqual([
        [{ line: 1, relation: 'users', relationKind: 'table', mode: 'ShareUpdateExclusiveLock', observed: 'documented', waited: undefined }],
      ]);
      const { rows } = await client.query<{ valid: boolean }>("SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'users_email'::regclass");
      expect(rows).toEqual([{ valid: true }]);
    } finally {
      await client?.end();
      await database.drop();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
