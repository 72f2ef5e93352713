// Opening a connection. Every connection the gate opens has three limits, so a database that is
// down, a lock another session holds, or a runaway statement ends in a clear error, never a hang:
// - connect timeout (client side: the TCP connect and the start-up handshake),
// - lock_timeout (server side: how long one statement waits for a lock; SQLSTATE 55P03),
// - statement_timeout (server side: how long one statement runs; SQLSTATE 57014).
// application_name marks the gate's sessions in pg_stat_activity and in the server's logs.

import pg from 'pg';
import { connectionError, NO_SSL } from './connection-errors.js';
import { DatabaseConnectionError } from './errors.js';
import { describeUnencodedUserinfo, unencodedUserinfo } from './url.js';

export { redactUrl } from './url.js';

export interface ConnectOptions {
  connectTimeoutMs?: number;
  /** 0 disables it. */
  lockTimeoutMs?: number;
  /** 0 disables it. */
  statementTimeoutMs?: number;
  /**
   * Client-side limit for one query, 0 disables it: the last guard against a hang when a migration
   * turns the server-side timeouts off (`SET lock_timeout = 0`). The connection is unusable after it.
   */
  queryTimeoutMs?: number;
  applicationName?: string;
  /**
   * Settings sent in the start-up packet (`-c name=value ...`), in force before the first query:
   * the plan's target session starts read-only this way (`default_transaction_read_only=on`).
   */
  startupOptions?: string;
  /**
   * Admin connections to keep for reuse: withConnection to exactly this URL, with the same session
   * settings, takes an idle one instead of opening another (KeptConnections).
   */
  reuse?: KeptConnections;
}

export const DEFAULT_CONNECT_OPTIONS: Required<Omit<ConnectOptions, 'reuse'>> = {
  connectTimeoutMs: 10_000,
  lockTimeoutMs: 5_000,
  statementTimeoutMs: 60_000,
  queryTimeoutMs: 0,
  applicationName: 'pg-migration-gate',
  startupOptions: '',
};

/**
 * A connected client, or a DatabaseConnectionError whose one-line message names the target without
 * its password and says what to do. Settings in the URL's query string (e.g. `?application_name=`)
 * take precedence over these options, as node-postgres gives the URL the last word.
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<pg.Client> {
  const ssl = libpqSslModes(url);
  try {
    return await open(ssl.url, url, options);
  } catch (error) {
    // libpq's sslmode=prefer (its default) and allow use SSL when the server offers it, else none.
    if (ssl.withoutSsl === undefined || !(error instanceof DatabaseConnectionError) || error.code !== NO_SSL) throw error;
    return open(ssl.withoutSsl, url, options);
  }
}

/**
 * sslmode as libpq (psql, every runner's docs) means it: node-postgres alone treats prefer, require
 * and verify-ca as verify-full and prints a warning of several lines on each connect; with
 * `uselibpqcompat=true` it follows libpq (require: encrypted, certificate not checked). prefer and
 * allow fall back to a connection without SSL when the server offers none, as in libpq.
 */
function libpqSslModes(url: string): { url: string; withoutSsl?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  const mode = parsed.searchParams.get('sslmode');
  if (mode === null || parsed.searchParams.has('uselibpqcompat')) return { url };
  parsed.searchParams.set('uselibpqcompat', 'true');
  if (mode === 'allow') parsed.searchParams.set('sslmode', 'prefer');
  if (mode !== 'prefer' && mode !== 'allow') return { url: parsed.toString() };
  const plain = new URL(parsed);
  plain.searchParams.set('sslmode', 'disable');
  return { url: parsed.toString(), withoutSsl: plain.toString() };
}

async function open(connectionString: string, url: string, options: ConnectOptions): Promise<pg.Client> {
  const settings = { ...DEFAULT_CONNECT_OPTIONS, ...options };
  // Connecting would go to the wrong host, and the driver's messages would quote the password as
  // if it were the host, port or database name.
  if (unencodedUserinfo(url)) throw new DatabaseConnectionError(describeUnencodedUserinfo(url), undefined);
  let client: pg.Client;
  try {
    client = new pg.Client({
      connectionString,
      connectionTimeoutMillis: settings.connectTimeoutMs,
      lock_timeout: settings.lockTimeoutMs,
      statement_timeout: settings.statementTimeoutMs,
      ...(settings.queryTimeoutMs > 0 ? { query_timeout: settings.queryTimeoutMs } : {}),
      application_name: settings.applicationName,
      ...(settings.startupOptions ? { options: settings.startupOptions } : {}),
    });
  } catch (error) {
    throw connectionError(error, url, settings.connectTimeoutMs);
  }
  // An idle client whose server goes away (a dropped scratch database, a stopped server) emits
  // 'error'; unhandled, that would end the process. The next query reports the failure instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await closeConnection(client);
    throw connectionError(error, url, settings.connectTimeoutMs);
  }
  return client;
}

/** Runs `use` with a connected client and always closes it (or keeps it idle, with `options.reuse`). */
export async function withConnection<T>(
  url: string,
  use: (client: pg.Client) => Promise<T>,
  options: ConnectOptions = {},
): Promise<T> {
  const kept = options.reuse?.url === url ? options.reuse : undefined;
  const client = kept?.take(options) ?? (await connect(url, options));
  let succeeded = false;
  try {
    const result = await use(client);
    succeeded = true;
    return result;
  } finally {
    // Kept only after a use that went through: one that failed may have left a transaction open
    // or the connection broken.
    if (!(succeeded && kept?.keep(client, options))) await closeConnection(client);
  }
}

/**
 * The idle admin connections of one database stage on its temporary server: its setup (role,
 * cached bases, the sweep, each CREATE and DROP DATABASE) runs one query or a few at a time on
 * the server's `postgres` database, and a connection costs more than those queries (~10 ms of
 * start-up and SCRAM each). Only for the server the gate started: a given server may end idle
 * sessions (idle_session_timeout), and the next use would then fail for nothing. A connection the
 * server closes leaves the idle list at once; `close()` ends the rest, and later uses open their own.
 */
export class KeptConnections {
  private readonly idle: Array<{ client: pg.Client; settings: string }> = [];
  private closed = false;

  constructor(readonly url: string) {}

  take(options: ConnectOptions): pg.Client | undefined {
    if (this.closed) return undefined;
    const at = this.idle.findIndex((entry) => entry.settings === sessionSettings(options));
    return at === -1 ? undefined : this.idle.splice(at, 1)[0]!.client;
  }

  /** Keeps `client` idle for the next use; false when it is not kept (closed, or already ended). */
  keep(client: pg.Client, options: ConnectOptions): boolean {
    if (this.closed || ended.has(client)) return false;
    if (!watched.has(client)) {
      watched.add(client);
      client.once('end', () => {
        ended.add(client);
        const at = this.idle.findIndex((entry) => entry.client === client);
        if (at !== -1) this.idle.splice(at, 1);
      });
    }
    this.idle.push({ client, settings: sessionSettings(options) });
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle.splice(0);
    await Promise.all(idle.map(({ client }) => closeConnection(client)));
  }
}

const watched = new WeakSet<pg.Client>();
const ended = new WeakSet<pg.Client>();

/** What a connection is opened with that lasts for its session. */
function sessionSettings(options: ConnectOptions): string {
  const settings = { ...DEFAULT_CONNECT_OPTIONS, ...options };
  return JSON.stringify([settings.lockTimeoutMs, settings.statementTimeoutMs, settings.queryTimeoutMs, settings.applicationName, settings.startupOptions]);
}

/** How long a close may take before the socket is destroyed: a healthy server answers in milliseconds. */
export const CLOSE_LIMIT_MS = 1_000;

/**
 * Closes the client, never failing and never waiting more than `limitMs`. The driver's end() waits
 * for the server to close the socket, and a program the migration started in the background
 * (`COPY ... TO PROGRAM 'x &'`) inherits the backend's socket on PostgreSQL 15 and older, so the
 * socket stays open until that program ends (the backend itself has exited on our Terminate).
 */
export async function closeConnection(client: pg.Client, limitMs = CLOSE_LIMIT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = client.end().then(
    () => true,
    () => true,
  );
  const limit = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), limitMs);
  });
  const closed = await Promise.race([ended, limit]).finally(() => clearTimeout(timer));
  if (!closed) (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}
