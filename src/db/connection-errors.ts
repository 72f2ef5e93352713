// Turns the ways a connection fails into one line that names the target (password removed) and
// says what to do. The codes are Node's socket errors and the SQLSTATEs a server sends during
// start-up; anything else keeps the driver's message, scrubbed of the password.

import { DatabaseConnectionError } from './errors.js';
import { passwordSpellings, redactUrl } from './url.js';

type Explain = (context: { target: string; url: string; user: string; message: string; timeoutSeconds: number }) => string;

/** The code a DatabaseConnectionError carries when the server offers no SSL and the URL's sslmode asks for it. */
export const NO_SSL = 'no-ssl';

const BY_CODE: Record<string, Explain> = {
  ECONNREFUSED: ({ target }) =>
    `cannot connect to ${target}: connection refused; check that PostgreSQL is running and listening on that host and port`,
  ENOTFOUND: ({ target }) => `cannot connect to ${target}: host not found; check the host name in the database URL`,
  EAI_AGAIN: ({ target }) =>
    `cannot connect to ${target}: the host name could not be resolved right now; check the host name and DNS`,
  ETIMEDOUT: ({ target, timeoutSeconds }) => noAnswer(target, timeoutSeconds),
  EHOSTUNREACH: ({ target }) => `cannot connect to ${target}: host unreachable; check the host and the network`,
  ENETUNREACH: ({ target }) => `cannot connect to ${target}: network unreachable; check the host and the network`,
  ECONNRESET: ({ target }) =>
    `cannot connect to ${target}: the server closed the connection; check that the port is PostgreSQL's and the sslmode`,
  // invalid_password
  '28P01': ({ target, user }) =>
    `cannot connect to ${target}: password authentication failed for user "${user}"; check the user name and password in the database URL`,
  // invalid_authorization_specification: pg_hba.conf has no entry, or rejects this user
  '28000': ({ target, message }) =>
    `cannot connect to ${target}: ${message}; allow this host, user and database in pg_hba.conf or use another user`,
  // invalid_catalog_name
  '3D000': ({ target, message }) =>
    `cannot connect to ${target}: ${message}; create it or name an existing database in the URL`,
  // cannot_connect_now
  '57P03': ({ target }) => `cannot connect to ${target}: the server is starting up or shutting down; try again`,
  // too_many_connections
  '53300': ({ target }) =>
    `cannot connect to ${target}: the server has too many connections; close other clients or raise max_connections`,
};

export function connectionError(error: unknown, url: string, connectTimeoutMs: number): DatabaseConnectionError {
  const code = errorCode(error);
  const message = scrub(error instanceof Error ? error.message : String(error), url);
  const context = {
    target: redactUrl(url),
    url,
    user: userOf(url),
    message,
    timeoutSeconds: Math.round(connectTimeoutMs / 100) / 10,
  };
  const explain = code === undefined ? undefined : BY_CODE[code];
  const noSsl = code === undefined && /does not support SSL/i.test(message);
  return new DatabaseConnectionError(explain ? explain(context) : explainByMessage(context), noSsl ? NO_SSL : code, { cause: error });
}

function explainByMessage(context: Parameters<Explain>[0]): string {
  const { target, message, timeoutSeconds } = context;
  // pg reports its own connect timeout only as a message.
  if (/timeout/i.test(message)) return noAnswer(target, timeoutSeconds);
  if (/does not support SSL/i.test(message)) {
    return (
      `cannot connect to ${target}: the server does not offer SSL, which sslmode=${sslModeOf(context.url)} requires; ` +
      'use sslmode=prefer (SSL when the server offers it) or disable, or enable SSL on the server'
    );
  }
  if (/client password must be a string|password must be a string|no password/i.test(message)) {
    return `cannot connect to ${target}: the server asks for a password and the URL has none; add it to the URL or set PGPASSWORD`;
  }
  if (/terminated unexpectedly/i.test(message)) return BY_CODE['ECONNRESET'](context);
  return `cannot connect to ${target}: ${message}`;
}

function noAnswer(target: string, timeoutSeconds: number): string {
  return `cannot connect to ${target}: no answer within ${timeoutSeconds}s; check the host, port and firewall, or raise the connect timeout`;
}

/** Node wraps failures of every address of a host name in an AggregateError. */
function errorCode(error: unknown): string | undefined {
  const withCode = error as { code?: unknown; errors?: Array<{ code?: unknown }> };
  const code = withCode?.code ?? withCode?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

function sslModeOf(url: string): string {
  try {
    return new URL(url).searchParams.get('sslmode') ?? 'require';
  } catch {
    return 'require';
  }
}

function userOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || process.env['PGUSER'] || '';
  } catch {
    return '';
  }
}

/** Drivers do not echo passwords, but a message quoting the URL would: remove it in any spelling. */
function scrub(message: string, url: string): string {
  let scrubbed = message;
  for (const spelling of passwordSpellings(url)) scrubbed = scrubbed.split(spelling).join('***');
  return scrubbed;
}
