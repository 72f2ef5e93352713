// Faults of the environment while a migration applies: another client ends the gate's session, the
// server stops, the disk fills up. Each is a run error that says what happened, once, and where: never
// the migration's apply-failed, never the error of the cleanup that follows, never a leftover database.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, statSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { EnvironmentFailureError } from '../../src/db/errors.js';
import { startTemporaryServer } from '../../src/db/server.js';
import { runCase } from '../db-rule-tester.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { defaultConfig } from '../../src/config.js';
import { discoverMigrations } from '../../src/discover/index.js';
import { runDatabaseStage } from '../../src/verify/stage.js';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

/** Waits until a session in `database` runs a statement matching `pattern`, then calls `act` with its pid. */
async function whenRunning(adminUrl: string, database: string, pattern: string, act: (pid: number) => Promise<void>): Promise<void> {
  const admin = await connect(adminUrl);
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND strpos(query, $2) > 0 AND pid <> pg_backend_pid()",
        [database, pattern],
      );
      if (rows[0]) return await act(rows[0].pid);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no session ran ${pattern} in ${database}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function failureOf(promise: Promise<unknown>): Promise<EnvironmentFailureError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EnvironmentFailureError);
  return error as EnvironmentFailureError;
}

describe('faults of the environment', () => {
  it('a session terminated by another client (57P01) is a run error that says so, not apply-failed', async () => {
    const adminUrl = testDatabaseUrl();
    let terminator: Promise<void> | undefined;
    const error = await failureOf(
      runCase({
        name: 'terminated',
        sql: 'CREATE TABLE accounts (id bigint PRIMARY KEY);\nSELECT pg_sleep(20);\n',
        beforeApply: async (databaseUrl) => {
          terminator = whenRunning(adminUrl, databaseOf(databaseUrl), 'pg_sleep', async (pid) => {
            const admin = await connect(adminUrl);
            await admin.query('SELECT pg_terminate_backend($1)', [pid]).finally(() => admin.end());
          });
          return () => terminator!;
        },
      }),
    );
    expect(error.kind).toBe('session-ended');
    expect(error.message).toMatch(
      /^another client ended the gate's session while applying migrations\/0100_change\.sql:2 \(terminating connection due to administrator command, SQLSTATE 57P01\), e\.g\. pg_terminate_backend/,
    );
    expect(error.message).not.toContain('\n');
  });

  it('a server that stops mid-apply is said first and once, not the cleanup error of the dead server', async () => {
    for (const signal of ['SIGKILL', 'SIGINT'] as const) {
      const server = await startTemporaryServer();
      const root = mkdtempSync(path.join(tmpdir(), 'pgmg-fault-'));
      try {
        mkdirSync(path.join(root, 'prisma/migrations/20240301120000_add_accounts'), { recursive: true });
        writeFileSync(path.join(root, 'prisma/migrations/20240301120000_add_accounts/migration.sql'), 'CREATE TABLE "Account" ("id" SERIAL PRIMARY KEY);\nSELECT pg_sleep(20);\n');
        const discovery = await discoverMigrations(path.join(root, 'prisma/migrations'), { cwd: root, layout: 'prisma', rollbackSuffix: '_rollback.sql' });
        const stage = runDatabaseStage({
          sets: [{ migrations: discovery.migrations, checked: new Map(discovery.migrations.map((m) => [m.path, 'new' as const])) }],
          settings: defaultConfig().database,
          severities: new Map(),
          startServer: async () => server,
          // SIGKILL: the postmaster dies; SIGINT: a fast shutdown, which ends the session with 57P01.
          beforeApply: async (databaseUrl) => {
            const stopper = whenRunning(server.url, databaseOf(databaseUrl), 'pg_sleep', async () => void process.kill(server.pid, signal));
            return () => stopper;
          },
        });
        const error = await failureOf(stage);
        expect(error.message, signal).toMatch(/^the PostgreSQL server stopped while applying prisma\/migrations\/20240301120000_add_accounts\/migration\.sql:2; nothing was concluded/);
        expect(error.message).not.toMatch(/cannot connect|starting up or shutting down|127\.0\.0\.1/);
        expect(error.message).not.toContain('\n');
      } finally {
        await server.stop();
        rmSync(root, { recursive: true, force: true });
      }
    }
  }, 60_000);

  it('a full disk (53100) is a run error, not apply-failed', async (context) => {
    const adminUrl = testDatabaseUrl();
    const admin = await connect(adminUrl);
    const mountPoint = mkdtempSync(path.join(tmpdir(), 'pgmg-tinydisk-'));
    let mounted = false;
    try {
      const dataDirectory = (await admin.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]!.d;
      let owner: number;
      try {
        owner = statSync(dataDirectory).uid;
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'ignore' });
        mounted = true;
        chownSync(mountPoint, owner, statSync(dataDirectory).gid);
      } catch {
        context.skip('a tiny tmpfs cannot be mounted here (needs root and CAP_SYS_ADMIN, and the test server on this machine)');
        return;
      }
      const space = `pgmg_tiny_${process.pid}`;
      await admin.query(`CREATE TABLESPACE ${space} LOCATION '${mountPoint}'`);
      try {
        const error = await failureOf(
          runCase({
            name: 'disk full',
            // The gate's own role has no CREATE on the tablespace; a superuser run has.
            database: { superuser: true },
            sql: `CREATE TABLE events (id bigint, payload text) TABLESPACE ${space};\nINSERT INTO events SELECT g, md5(g::text) FROM generate_series(1, 1000000) g;\n`,
          }),
        );
        expect(error.kind).toBe('disk-full');
        expect(error.message).toMatch(/^the PostgreSQL server's disk is full while applying migrations\/0100_change\.sql:2 \(could not extend file .*No space left on device.*, SQLSTATE 53100\)/);
      } finally {
        await admin.query(`DROP TABLESPACE ${space}`);
      }
    } finally {
      await admin.end();
      if (mounted) execFileSync('umount', [mountPoint]);
      rmdirSync(mountPoint);
    }
  }, 60_000);
});
