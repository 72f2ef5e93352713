// When the database stage fails because of its environment (the server stopped, another client
// ended the gate's session, the disk is full), the run ends with one line that says what happened
// and where, first and once: not a finding about the migration, and not the error of whatever the
// gate tried next on the dead connection (a catalog query, the cleanup's connect to a server the
// user never configured).

import { closeConnection, connect, type ConnectOptions } from '../db/connect.js';
import { DatabaseConnectionError, EnvironmentFailureError, GateDatabaseError, ScratchDatabaseError } from '../db/errors.js';
import type { Migration } from '../discover/index.js';

/** A short limit: the server either answers at once or is gone. */
const PROBE_TIMEOUT_MS = 3_000;

/** SQLSTATEs and socket errors of a connection attempt that say the server is not running. */
const SERVER_DOWN = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', '57P03', '57P01', '57P02']);

/**
 * The error to end the run with: `error` itself, unless the environment explains it. Then an
 * EnvironmentFailureError that says so, located at the statement (or the migration) it hit.
 */
export async function explainFailure(error: unknown, options: { adminUrl: string; connect: ConnectOptions }, current: Migration | undefined): Promise<unknown> {
  const lost = error instanceof EnvironmentFailureError ? error : connectionLost(error, current);
  if (!lost) {
    // A connection or a scratch database that fails mid-stage, on a server that answered before: did it stop?
    if (!(error instanceof DatabaseConnectionError || error instanceof ScratchDatabaseError)) return error;
    if ((await probe(options)) !== 'down') return error;
    return serverStopped(current?.path ?? 'the migrations', error);
  }
  if (lost.kind !== 'session-ended') return lost;
  const server = await probe(options);
  if (server === 'down') return serverStopped(lost.location, lost);
  if (server === 'unknown') return lost;
  const said = lost.said;
  return new EnvironmentFailureError(
    `another client ended the gate's session while applying ${lost.location}${said ? ` (${said})` : ''}, e.g. pg_terminate_backend from another run or an administrator; ` +
      'nothing was concluded about the migration; run the check again',
    'session-ended',
    lost.location,
    said,
    { cause: lost },
  );
}

function serverStopped(location: string, cause: unknown): EnvironmentFailureError {
  return new EnvironmentFailureError(
    `the PostgreSQL server stopped while applying ${location}; nothing was concluded about the migration; ` +
      "check the server (its log, the machine's memory and disk) and run the check again",
    'server-stopped',
    location,
    undefined,
    { cause },
  );
}

/** An error of the driver (not the gate's own) that says the session is gone. */
function connectionLost(error: unknown, current: Migration | undefined): EnvironmentFailureError | undefined {
  if (error instanceof GateDatabaseError || !(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const gone = code === '57P01' || code === '57P02' || code === '57P03' || /connection terminated|not queryable|ECONNRESET|EPIPE/i.test(error.message);
  if (!gone) return undefined;
  const location = current?.path ?? 'the migrations';
  return new EnvironmentFailureError(
    `the connection to the PostgreSQL server was lost while applying ${location} (${error.message}); nothing was concluded about the migration`,
    'session-ended',
    location,
    error.message,
    { cause: error },
  );
}

async function probe(options: { adminUrl: string; connect: ConnectOptions }): Promise<'up' | 'down' | 'unknown'> {
  try {
    const client = await connect(options.adminUrl, { ...options.connect, connectTimeoutMs: PROBE_TIMEOUT_MS });
    try {
      await client.query('SELECT 1');
      return 'up';
    } finally {
      await closeConnection(client);
    }
  } catch (error) {
    const code = error instanceof DatabaseConnectionError ? error.code : (error as { code?: string }).code;
    return code !== undefined && SERVER_DOWN.has(code) ? 'down' : /terminated|timeout/i.test(String((error as Error).message)) ? 'down' : 'unknown';
  }
}
