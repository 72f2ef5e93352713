import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, DEFAULT_CONNECT_OPTIONS, redactUrl, withConnection } from '../../src/db/connect.js';
import { DatabaseConnectionError } from '../../src/db/errors.js';
import { findFreePort } from '../../src/db/free-port.js';
import { withScratchDatabase } from '../../src/db/scratch.js';
import { passwordSpellings, withDatabase } from '../../src/db/url.js';
import { testDatabaseUrl } from './postgres.js';

describe('redactUrl', () => {
  it.each([
    ['postgres://app:s3cret@db.internal:5432/shop', 'postgres://app@db.internal:5432/shop'],
    ['postgresql://app:p%40ss%2Fw0rd@db/shop?sslmode=require', 'postgresql://app@db/shop?sslmode=require'],
    ['postgres://app@db/shop', 'postgres://app@db/shop'],
    ['postgres://:onlypass@db/shop', 'postgres://db/shop'],
    ['postgres://db/shop?user=app&password=s3cret', 'postgres://db/shop?user=app'],
    ['postgres:///shop?host=/var/run/postgresql', 'postgres:///shop?host=/var/run/postgresql'],
    ['postgres://app:s3cret@h1:5432,h2:5433/shop', 'postgres://app@h1:5432,h2:5433/shop'],
    // Unencoded `/`, `?`, `#` end the host part: the WHATWG parse reads a host `app` and a path
    // holding the password, so everything up to the last `@` is dropped. `@`, `:` and `!` parse.
    ['postgres://app:8/Kx9+zs3cret@127.0.0.1:5432/postgres', 'postgres://***@127.0.0.1:5432/postgres'],
    ['postgres://app:s3cret#x@db/shop?password=s3cret', 'postgres://***@db/shop'],
    ['postgres://app:a?s3cret@db/shop', 'postgres://***@db/shop'],
    ['postgres://app:p@s3cret:w!rd@db/shop', 'postgres://app@db/shop'],
    ['postgres://app:s3cret!/@db/shop', 'postgres://***@db/shop'],
    ["host=db user=app password='s3 cret' dbname=shop", 'host=db user=app password=*** dbname=shop'],
    ['host=db password=s3cret', 'host=db password=***'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    expect(redactUrl(url)).not.toMatch(/s3cret|onlypass|p%40ss|s3 cret/);
  });
});

describe('passwordSpellings', () => {
  it('gives the password as written and decoded, and the whole user info of a misread URL', () => {
    expect(passwordSpellings('postgres://app:p%40ss%2F@db/x')).toEqual(['p%40ss%2F', 'p@ss/']);
    expect(passwordSpellings('postgres://app:8/Kx9@db/x')).toEqual(['app:8/Kx9']);
    expect(passwordSpellings('postgres://app@db/x')).toEqual([]);
    expect(passwordSpellings('host=db')).toEqual([]);
  });
});

describe('connect', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('refuses a URL whose password holds an unencoded / ? or #, saying to percent-encode it, without the password', async () => {
    const error = await connect('postgres://app:8/Kx9+zSECRET@127.0.0.1:5432/postgres').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseConnectionError);
    expect((error as Error).message).toBe(
      "the database URL postgres://***@127.0.0.1:5432/postgres has an '@' after its host part: its user name or password holds a '/', '?' or '#' " +
        'that must be percent-encoded (/ as %2F, ? as %3F, # as %23, @ as %40, : as %3A), e.g. with encodeURIComponent',
    );
  });

  it('connects with a percent-encoded password holding / @ : ! (as a generated password would)', async () => {
    const role = `pgmg_pw_${process.pid}`;
    const password = 'Kx9/+z@p:ss!w#rd?';
    await withConnection(testDatabaseUrl(), (admin) => admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`));
    cleanups.push(() => withConnection(testDatabaseUrl(), (admin) => admin.query(`DROP ROLE ${role}`)));
    const url = new URL(testDatabaseUrl());
    url.username = role;
    url.password = encodeURIComponent(password);
    const client = await connect(url.href);
    cleanups.push(() => client.end());
    expect((await client.query('SELECT current_user AS name')).rows[0].name).toBe(role);
  });

  it('fails fast on a closed port, naming the target without its password', async () => {
    const port = await findFreePort();
    const url = `postgres://gate:VerySecret123@127.0.0.1:${port}/shop`;
    const started = Date.now();
    const error = await connect(url).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(DatabaseConnectionError);
    const message = (error as Error).message;
    expect((error as DatabaseConnectionError).code).toBe('ECONNREFUSED');
    expect(message).toBe(
      `cannot connect to postgres://gate@127.0.0.1:${port}/shop: connection refused; ` +
        'check that PostgreSQL is running and listening on that host and port',
    );
    expect(message).not.toContain('VerySecret123');
    expect(message).not.toContain('\n');
  });

  it('gives up after the connect timeout on a server that never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket)); // accepts, then says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    const error = await connect(`postgres://gate:VerySecret123@127.0.0.1:${port}/shop`, {
      connectTimeoutMs: 300,
    }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
    expect((error as Error).message).toMatch(/^cannot connect to postgres:\/\/gate@127\.0\.0\.1:\d+\/shop: no answer within 0\.3s; /);
    expect((error as Error).message).not.toContain('VerySecret123');
  });

  it('says so when the database does not exist', async () => {
    const url = withDatabase(testDatabaseUrl(), 'pgmg_no_such_database');
    const error = await connect(url).catch((e: unknown) => e);
    expect((error as DatabaseConnectionError).code).toBe('3D000');
    expect((error as Error).message).toMatch(
      /: database "pgmg_no_such_database" does not exist; create it or name an existing database in the URL$/,
    );
    const password = new URL(url).password;
    if (password) expect((error as Error).message).not.toContain(password);
  });

  it('says so when the password is wrong', async (context) => {
    const url = new URL(testDatabaseUrl());
    url.password = 'definitely-not-the-password';
    const error = await connect(url.href).catch((e: unknown) => e);
    if (!(error instanceof Error)) {
      await (error as { end(): Promise<void> }).end();
      context.skip('the test server does not check passwords');
    }
    expect((error as DatabaseConnectionError).code).toBe('28P01');
    expect((error as Error).message).toMatch(/password authentication failed for user ".+"; check the user name and password/);
    expect((error as Error).message).not.toContain('definitely-not-the-password');
  });

  it('sets the timeouts and the application name on every session', async () => {
    const settings = await withConnection(testDatabaseUrl(), async (client) => {
      const { rows } = await client.query<Record<string, string>>(
        "SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement, " +
          "current_setting('application_name') AS app",
      );
      return rows[0];
    });
    expect(DEFAULT_CONNECT_OPTIONS.lockTimeoutMs).toBe(5_000);
    expect(settings).toEqual({ lock: '5s', statement: '1min', app: 'pg-migration-gate' });
  });

  it('ends a statement blocked by a lock with lock_timeout (55P03) instead of waiting', async () => {
    await withScratchDatabase(testDatabaseUrl(), async (database) => {
      const holder = await connect(database.url);
      const waiter = await connect(database.url, { lockTimeoutMs: 300 });
      try {
        await holder.query('CREATE TABLE invoice (id bigint PRIMARY KEY)');
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE invoice IN ACCESS EXCLUSIVE MODE');

        const started = Date.now();
        const error = await waiter.query('ALTER TABLE invoice ADD COLUMN total numeric').catch((e: unknown) => e);
        const elapsed = Date.now() - started;
        expect((error as { code?: string }).code).toBe('55P03');
        expect(elapsed).toBeGreaterThanOrEqual(250);
        expect(elapsed).toBeLessThan(3_000);
      } finally {
        await holder.end();
        await waiter.end();
      }
    });
  });

  it('ends a long statement with statement_timeout (57014)', async () => {
    const error = await withConnection(
      testDatabaseUrl(),
      (client) => client.query('SELECT pg_sleep(10)'),
      { statementTimeoutMs: 200 },
    ).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('57014');
  });
});

describe('sslmode against a server without SSL', () => {
  const withMode = (mode: string) => {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('sslmode', mode);
    return url.toString();
  };
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);

  it('require: one line saying the server does not offer SSL, and no warning of several lines', async () => {
    process.on('warning', onWarning);
    try {
      const error = await connect(withMode('require')).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(DatabaseConnectionError);
      const message = (error as Error).message;
      expect(message).toMatch(/^cannot connect to postgres:\/\/[^:]+@127\.0\.0\.1:\d+\/postgres\?sslmode=require: the server does not offer SSL, which sslmode=require requires; use sslmode=prefer/);
      expect(message).not.toContain('\n');
      expect(message).not.toContain('uselibpqcompat');
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => /SSL/.test(warning))).toEqual([]);
    } finally {
      process.removeListener('warning', onWarning);
    }
  });

  it.each(['prefer', 'allow', 'disable'])('%s: connects without SSL, as libpq does', async (mode) => {
    await withConnection(withMode(mode), async (client) => {
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });
});
