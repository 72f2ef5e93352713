// The target connection of `plan`: the production database the deploy is about to migrate. It is
// read, never written:
// - the session starts with `default_transaction_read_only=on` (sent in the start-up packet, so it
//   holds before the first query), and every query runs inside `BEGIN READ ONLY`, which Postgres
//   enforces: any INSERT, UPDATE, DDL or nextval() fails with SQLSTATE 25006;
// - only catalog and tracking-table SELECTs are sent (the runner readers, the session checks and the
//   schema snapshot of schema-drift);
// - short statement_timeout and lock_timeout: a tracking table that a running migration holds
//   locked ends the read in seconds with a clear reason, never a hang behind the deploy;
// - application_name `pg-migration-gate plan` marks the session in pg_stat_activity and the logs.
// Every message names the target with redactUrl: the password reaches no output.

import type pg from 'pg';
import { connect } from '../db/connect.js';
import { DatabaseConnectionError } from '../db/errors.js';
import { redactUrl } from '../db/url.js';
import { takeSnapshot, type SchemaSnapshot } from '../verify/snapshot.js';
import { PlanTargetError } from './errors.js';

export const PLAN_APPLICATION_NAME = 'pg-migration-gate plan';
const STATEMENT_TIMEOUT_MS = 15_000;
const LOCK_TIMEOUT_MS = 2_000;

export interface TargetOptions {
  connectTimeoutMs?: number;
}

/** What a query reads, for the message when it is refused: `table public._prisma_migrations`. */
export interface ReadSubject {
  /** `schema.name` of the table or view the query reads. */
  relation: string;
  /** `table` (the tracking table) or `view` (pg_stat_activity, pg_locks). */
  kind?: 'table' | 'view';
}

export class TargetSession {
  readonly target: string;
  readonly user: string;
  /** `server_version_num` / 10000: 16 for 16.4. */
  serverMajor = 0;
  /** `server_version` as the server reports it: `16.4`. */
  serverVersion = '';

  constructor(
    private readonly client: pg.Client,
    url: string,
  ) {
    this.target = redactUrl(url);
    this.user = userOf(url);
  }

  /** Rows of a SELECT, in the read-only transaction; refusals and timeouts become PlanTargetError. */
  async select<Row extends object>(sql: string, params: readonly unknown[] = [], subject?: ReadSubject): Promise<Row[]> {
    try {
      const result = await this.client.query<Row>(sql, params as unknown[]);
      return result.rows;
    } catch (error) {
      throw this.explain(error, subject);
    }
  }

  /**
   * The schema snapshot of verify/snapshot.ts (catalog SELECTs only, one multi-statement query),
   * read in this session's READ ONLY transaction like everything else (schema-drift).
   */
  async snapshot(): Promise<SchemaSnapshot> {
    try {
      return await takeSnapshot(this.client);
    } catch (error) {
      throw this.explain(error, undefined);
    }
  }

  /** Ends the read-only transaction (nothing to commit) and the connection. */
  async close(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }

  /**
   * Sends a statement as is, for tests that prove a write is refused. Never used by `plan`
   * itself, which only selects.
   */
  async unsafeQueryForTests(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  private explain(error: unknown, subject: ReadSubject | undefined): PlanTargetError {
    const code = (error as { code?: unknown })?.code;
    const sqlstate = typeof code === 'string' ? code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    const what = subject ? `${subject.kind ?? 'table'} ${subject.relation}` : 'the catalog';
    switch (sqlstate) {
      // insufficient_privilege
      case '42501': {
        const schema = subject?.relation.split('.')[0];
        return new PlanTargetError(
          `cannot read ${what} in ${this.target}: permission denied for role "${this.user}"; ` +
            `grant it USAGE on schema ${schema ?? 'the schema'} and SELECT on ${subject?.relation ?? 'the table'} (GRANT SELECT ON ${subject?.relation ?? '...'} TO "${this.user}")`,
          sqlstate,
          { cause: error },
        );
      }
      // lock_not_available: a migration or a long transaction holds the table
      case '55P03':
        return new PlanTargetError(
          `cannot read ${what} in ${this.target} within ${LOCK_TIMEOUT_MS / 1000}s: another session holds a lock on it (a migration running now?); try again when it is done`,
          sqlstate,
          { cause: error },
        );
      // query_canceled by statement_timeout
      case '57014':
        return new PlanTargetError(`reading ${what} in ${this.target} took longer than ${STATEMENT_TIMEOUT_MS / 1000}s and was cancelled; try again, or check the server's load`, sqlstate, { cause: error });
      default:
        return new PlanTargetError(`cannot read ${what} in ${this.target}: ${scrubbed(message, this.target)}`, sqlstate, { cause: error });
    }
  }
}

/**
 * Opens the read-only session. A target that cannot be reached is a PlanTargetError with the
 * connection layer's one-line reason (timeout, refused, authentication), password removed.
 */
export async function openTarget(url: string, options: TargetOptions = {}): Promise<TargetSession> {
  let client: pg.Client;
  try {
    client = await connect(url, {
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      lockTimeoutMs: LOCK_TIMEOUT_MS,
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
      // A last guard when the server stops answering mid-query (a network partition).
      queryTimeoutMs: STATEMENT_TIMEOUT_MS + 5_000,
      applicationName: PLAN_APPLICATION_NAME,
      startupOptions: '-c default_transaction_read_only=on',
    });
  } catch (error) {
    if (error instanceof DatabaseConnectionError) throw new PlanTargetError(`target database: ${error.message}`, error.code, { cause: error });
    throw error;
  }
  const session = new TargetSession(client, url);
  try {
    await client.query('BEGIN READ ONLY');
    const [version] = await session.select<{ num: string; text: string }>(
      "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text",
    );
    session.serverMajor = Math.floor(Number(version!.num) / 10_000);
    session.serverVersion = version!.text.split(' ')[0]!;
  } catch (error) {
    await session.close();
    throw error instanceof PlanTargetError ? error : new PlanTargetError(`cannot read ${redactUrl(url)}: ${(error as Error).message}`, undefined, { cause: error });
  }
  return session;
}

/** Runs `use` with the read-only session and always closes it. */
export async function withTarget<T>(url: string, use: (session: TargetSession) => Promise<T>, options: TargetOptions = {}): Promise<T> {
  const session = await openTarget(url, options);
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}

function userOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || process.env['PGUSER'] || '';
  } catch {
    return '';
  }
}

/** Server messages do not echo the URL, but be sure: only the redacted target may appear. */
function scrubbed(message: string, target: string): string {
  return message.split('\n')[0]!.replace(/postgres(ql)?:\/\/\S+/g, target);
}
