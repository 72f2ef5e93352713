// A program a migration starts in the background (COPY ... TO PROGRAM 'x &') inherits the backend's
// socket on PostgreSQL 15 and older, so the socket stays open after the backend exits and the
// driver's close waits for that program. The gate's close is bounded: the stage ends within seconds,
// not when the program does.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { findPostgresBinaries } from '../../src/db/binaries.js';
import { startTemporaryServer } from '../../src/db/server.js';
import { discoverMigrations } from '../../src/discover/index.js';
import { runDatabaseStage } from '../../src/verify/stage.js';

/** A duration no other process on the machine uses, to find the program again by its command line. */
const MARKER = `${60 + (process.pid % 1000) / 1000}`;

function runaways(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (command[0] === 'sleep' && command[1] === MARKER) found.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return found;
}

afterEach(() => {
  for (const pid of runaways()) process.kill(pid, 'SIGKILL');
});

describe('a runaway program started by the migration', () => {
  it('does not hold the gate when the connection closes (PostgreSQL 15 and older)', async (context) => {
    const old = findPostgresBinaries('system').found.find((binaries) => (binaries.major ?? 99) <= 15);
    if (!old) return context.skip('no PostgreSQL 15 or older on this machine (newer servers do not hand the socket to the program)');
    const server = await startTemporaryServer({ binaries: 'system', preferMajor: old.major! });
    const root = mkdtempSync(path.join(tmpdir(), 'pgmg-runaway-'));
    try {
      const folder = path.join(root, 'prisma/migrations/20240301120000_audit');
      mkdirSync(folder, { recursive: true });
      // The program reads what COPY writes before it leaves `sleep` behind: a shell that exited first
      // would make the backend's write fail with a broken pipe (a race this test used to lose on a
      // loaded machine: apply-failed instead of applied).
      writeFileSync(path.join(folder, 'migration.sql'), `COPY (SELECT 1) TO PROGRAM 'cat > /dev/null; sleep ${MARKER} &';\nCREATE TABLE "AuditLog" ("id" SERIAL PRIMARY KEY);\n`);
      const discovery = await discoverMigrations(path.join(root, 'prisma/migrations'), { cwd: root, layout: 'prisma', rollbackSuffix: '_rollback.sql' });
      const started = Date.now();
      const stage = await runDatabaseStage({
        sets: [{ migrations: discovery.migrations, checked: new Map(discovery.migrations.map((m) => [m.path, 'new' as const])) }],
        // Only a superuser run can start a program (the gate's own role is refused COPY ... PROGRAM).
        settings: { ...defaultConfig().database, superuser: true },
        severities: new Map(),
        startServer: async () => server,
      });
      const apply = stage.files.get('prisma/migrations/20240301120000_audit/migration.sql')?.apply;
      expect(apply?.status, apply?.reason).toBe('applied');
      expect(runaways().length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
