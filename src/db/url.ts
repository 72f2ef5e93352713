// Database URLs: redaction for anything shown to people, and pointing a URL at another database.
// Passwords never reach a log, an error or a report: every message that names a target uses
// redactUrl.

/** libpq parameters whose value is a secret, also accepted in a URL's query string. */
const SECRET_PARAMETERS = ['password', 'sslpassword'];

/**
 * The URL with its password removed (`postgres://app:s3cret@db/x` -> `postgres://app@db/x`),
 * including `?password=`. Strings that are not URLs (libpq `key=value` strings, multi-host URLs)
 * are redacted by pattern instead.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactByPattern(url);
  }
  parsed.password = '';
  // Only rewrite the query when needed: URLSearchParams re-encodes every value it writes back.
  if (SECRET_PARAMETERS.some((name) => parsed.searchParams.has(name))) {
    for (const name of SECRET_PARAMETERS) parsed.searchParams.delete(name);
  }
  return parsed.href;
}

function redactByPattern(text: string): string {
  return text
    .replace(/(\/\/[^:/@\s]*):[^@\s]*@/g, '$1@')
    .replace(new RegExp(`\\b(${SECRET_PARAMETERS.join('|')})\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|[^\\s&]*)`, 'gi'), '$1=***');
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = parseUrl(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.href;
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new TypeError(`not a database URL: ${redactByPattern(url)}; use postgres://user:password@host:port/database`);
  }
}
