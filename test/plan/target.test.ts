// The target connection of `plan`: read-only in every way Postgres enforces, marked in
// pg_stat_activity, and a one-line reason (never the password) when the target cannot be read.

import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanTargetError } from '../../src/plan/errors.js';
import { openTarget, PLAN_APPLICATION_NAME, withTarget } from '../../src/plan/target.js';
import { findTrackingTable } from '../../src/plan/tracking-table.js';
import { createTargetDb, type TargetDb } from './target-db.js';

let target: TargetDb;
beforeAll(async () => {
  target = await createTargetDb();
  await target.exec('CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)');
  await target.exec('INSERT INTO schema_migrations VALUES (3, false)');
});
afterAll(() => target.cleanup());

describe('the target session', () => {
  it('is read-only from its start-up, inside BEGIN READ ONLY, with short timeouts and its own application_name', async () => {
    await withTarget(target.url, async (session) => {
      const [settings] = await session.select<Record<string, string>>(
        "SELECT current_setting('default_transaction_read_only') AS dro, current_setting('transaction_read_only') AS ro, current_setting('statement_timeout') AS st, current_setting('lock_timeout') AS lt, current_setting('application_name') AS app",
      );
      expect(settings).toEqual({ dro: 'on', ro: 'on', st: '15s', lt: '2s', app: PLAN_APPLICATION_NAME });
      expect(session.serverMajor).toBeGreaterThanOrEqual(13);
      const seen = await target.exec('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [PLAN_APPLICATION_NAME]);
      expect(seen[0]!['n']).toBe(1);
    });
  });

  it('refuses a write: Postgres rejects it in the read-only transaction', async () => {
    const session = await openTarget(target.url);
    try {
      await expect(session.unsafeQueryForTests('INSERT INTO schema_migrations VALUES (4, false)')).rejects.toThrow(/read-only transaction/);
    } finally {
      await session.close();
    }
    // Even outside the transaction, the session's default is read-only.
    const again = await openTarget(target.url);
    try {
      await again.unsafeQueryForTests('ROLLBACK');
      await expect(again.unsafeQueryForTests('CREATE TABLE x (id int)')).rejects.toThrow(/read-only transaction/);
    } finally {
      await again.close();
    }
    expect(await target.exec('SELECT version FROM schema_migrations')).toEqual([{ version: '3' }]);
  });

  it('works for a role that may only SELECT the tracking table', async () => {
    const role = await target.role(['GRANT USAGE ON SCHEMA public TO {{role}}', 'GRANT SELECT ON schema_migrations TO {{role}}']);
    await withTarget(role.url, async (session) => {
      const table = await findTrackingTable(session, { schema: undefined, name: 'schema_migrations' });
      expect(table?.display).toBe('public.schema_migrations');
      expect(await session.select('SELECT version::text FROM public.schema_migrations')).toEqual([{ version: '3' }]);
    });
  });

  it('names the privilege and the table when the role may not read it, without the password', async () => {
    const role = await target.role([]);
    await target.exec(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    try {
      const error = await withTarget(role.url, (session) => findTrackingTable(session, { schema: undefined, name: 'schema_migrations' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlanTargetError);
      expect((error as Error).message).toContain(`role "${role.name}" has no USAGE on schema public`);
      expect((error as Error).message).not.toContain(new URL(role.url).password);
      await target.exec(`GRANT USAGE ON SCHEMA public TO ${role.name}`);
      const noSelect = await withTarget(role.url, (session) => findTrackingTable(session, { schema: undefined, name: 'schema_migrations' })).catch((e: unknown) => e);
      expect((noSelect as Error).message).toContain(`has no SELECT on table public.schema_migrations; GRANT SELECT ON public.schema_migrations TO "${role.name}"`);
    } finally {
      await target.exec('GRANT ALL ON SCHEMA public TO PUBLIC');
    }
  });

  it('reports a missing table as undefined, not an error (the caller says which table it looked for)', async () => {
    await withTarget(target.url, async (session) => {
      expect(await findTrackingTable(session, { schema: 'drizzle', name: '__drizzle_migrations' })).toBeUndefined();
      // The transaction is still usable afterwards.
      expect(await session.select('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });
  });
});

describe('a target that cannot be reached', () => {
  let silent: Server;
  let port: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: what a firewall that drops packets looks like to a client.
    silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('times out with a one-line reason and no password', async () => {
    const started = Date.now();
    const error = await openTarget(`postgres://deploy:s3cret-Pw@127.0.0.1:${port}/prod`, { connectTimeoutMs: 400 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(PlanTargetError);
    expect((error as Error).message).toBe(`target database: cannot connect to postgres://deploy@127.0.0.1:${port}/prod: no answer within 0.4s; check the host, port and firewall, or raise the connect timeout`);
  });

  it('says the connection was refused', async () => {
    const error = await openTarget('postgres://deploy:s3cret-Pw@127.0.0.1:1/prod').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^target database: cannot connect to postgres:\/\/deploy@127\.0\.0\.1:1\/prod: connection refused/);
    expect((error as Error).message).not.toContain('s3cret');
  });
});
