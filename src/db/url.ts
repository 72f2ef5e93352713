// Database URLs: redaction for anything shown to people, and pointing a URL at another database.
// Passwords never reach a log, an error or a report: every message that names a target uses
// redactUrl.
//
// URLs are read with the WHATWG rules (as node-postgres and libpq do): the host part ends at the
// first `/`, `?` or `#`, so a password holding one of those, unencoded, is read as part of the host,
// port or path (`postgres://app:8/Kx9@db/x` is host `app`, port 8, path `/Kx9@db/x`), and a redaction
// that trusted that parse would print the password whole. Such a URL is refused with the advice to
// percent-encode (unencodedUserinfo), and redactUrl drops everything up to its last `@`.

/** libpq parameters whose value is a secret, also accepted in a URL's query string. */
const SECRET_PARAMETERS = ['password', 'sslpassword'];

/**
 * The URL with its password removed (`postgres://app:s3cret@db/x` -> `postgres://app@db/x`),
 * including `?password=`. Strings that are not URLs (libpq `key=value` strings, multi-host URLs)
 * are redacted by pattern instead.
 */
export function redactUrl(url: string): string {
  const misread = unencodedUserinfo(url);
  if (misread) return redactUrl(`${misread.scheme}//${misread.rest}`).replace('//', '//***@');
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

export interface MisreadUrl {
  /** `postgres:` */
  scheme: string;
  /** What follows the last `@`: the host, port, database and query the user meant. */
  rest: string;
}

/**
 * A URL with an `@` after the end of its host part: its user name or password holds a `/`, `?` or
 * `#` that is not percent-encoded (generated base64 passwords often hold `/`), so it would be read
 * as host `app`, port `8` instead. Undefined for well-formed URLs and for strings that are not
 * `scheme://` URLs. An `@` in the query of a URL without user info (`?user=me@corp`) looks the same;
 * percent-encoding it (`%40`) is the way there too.
 */
export function unencodedUserinfo(url: string): MisreadUrl | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(url);
  if (!scheme) return undefined;
  const afterSlashes = url.slice(scheme[0].length);
  const hostPartEnd = afterSlashes.search(/[/?#]/);
  if (hostPartEnd < 0) return undefined;
  const lastAt = afterSlashes.lastIndexOf('@');
  if (lastAt < hostPartEnd) return undefined;
  return { scheme: scheme[1]!, rest: afterSlashes.slice(lastAt + 1) };
}

/** The advice for a URL that unencodedUserinfo flags, naming it without its user info. */
export function describeUnencodedUserinfo(url: string): string {
  return (
    `the database URL ${redactUrl(url)} has an '@' after its host part: its user name or password holds a '/', '?' or '#' ` +
    `that must be percent-encoded (/ as %2F, ? as %3F, # as %23, @ as %40, : as %3A), e.g. with encodeURIComponent`
  );
}

/**
 * Every spelling of the URL's password (as written, and decoded), for masking in logs. Empty when
 * there is none. For a misread URL, the whole user info is the secret.
 */
export function passwordSpellings(url: string): string[] {
  const misread = unencodedUserinfo(url);
  let secret = '';
  if (misread) {
    const start = url.indexOf('//') + 2;
    secret = url.slice(start, url.length - misread.rest.length - 1);
  } else {
    try {
      secret = new URL(url).password;
    } catch {
      return [];
    }
  }
  if (secret === '') return [];
  let decoded = secret;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    // a lone `%`: the raw spelling is the one that can appear
  }
  return [...new Set([secret, decoded])];
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
