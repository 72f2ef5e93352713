// Sends a migration script to Postgres the way its runner would, and says where it failed.
//
// Two paths. The faithful one sends statement by statement, opening the transactions the runner
// opens and honouring the file's own BEGIN/COMMIT (the session's real transaction status decides,
// not a guess); with a tracer, a statement that runs in autocommit is wrapped in BEGIN ... COMMIT so
// its locks can be read before they are released (the same outcome for anything that may run in a
// transaction; the rest is detected, or refused by the server with 25001, and sent alone). The fast
// one, for the history the new migrations build on, sends a unit's statements as one query: on
// success the result is the same, and on any error nothing was kept (one query is one transaction)
// and the faithful path runs the unit again to report the failing statement exactly.

import type pg from 'pg';
import { positionAt } from '../sql/source.js';
import { EnvironmentFailureError, type EnvironmentFailureKind } from './errors.js';
import type { MigrationScript, ScriptStatement, ScriptUnit } from './script.js';

export interface StatementTracer {
  /**
   * After each statement, while the transaction it ran in (if any) is still open. `heldToCommit`:
   * the statement ran inside a transaction (the runner's or the file's), so its locks last until
   * that commits; otherwise they end with the statement.
   */
  after(client: pg.Client, statement: ScriptStatement, heldToCommit: boolean): Promise<void>;
  /** Right before each statement the gate sends (not BEGIN/COMMIT), in the state it will meet. */
  beforeStatement?(client: pg.Client, statement: ScriptStatement): Promise<void>;
  /** The transaction ended: its locks are released. */
  transactionEnded(): void;
  /**
   * Right before a statement that runs outside any transaction (CREATE INDEX CONCURRENTLY, VACUUM,
   * ...), whose locks are gone when `after` runs: the tracer may watch it from another session
   * while it runs. The function returned is called when the statement ended, failed or not.
   */
  watchOutside?(client: pg.Client, statement: ScriptStatement): Promise<(() => Promise<void>) | undefined>;
}

export interface ExecuteOptions {
  tracer?: StatementTracer;
  /** Send whole units where that gives the same result (no tracer). */
  fast?: boolean;
}

export interface StatementFailure {
  statement: ScriptStatement;
  /** Byte offset in the file the error points at: the statement start plus the server's error position. */
  offset: number;
  /** SQLSTATE; `query-timeout` when the client gave up waiting; undefined for the gate's own checks. */
  code: string | undefined;
  message: string;
  detail?: string;
  hint?: string;
  /** The runner, for messages. */
  runner: string;
  /** The connection is unusable afterwards (the client gave up waiting, or the server went away). */
  fatal: boolean;
}

export type ExecuteOutcome = { ok: true } | { ok: false; failure: StatementFailure };

/** SQLSTATE active_sql_transaction: "... cannot run inside a transaction block". */
const CANNOT_RUN_IN_TRANSACTION = '25001';

/**
 * Runs the script. A failure of the statement is the outcome; a failure of the environment under it
 * (see environmentFailure) is thrown as an EnvironmentFailureError, since no finding can come of it.
 */
export async function executeScript(client: pg.Client, script: MigrationScript, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
  for (const unit of script.units) {
    if (unit.statements.length === 0) continue;
    if (!options.tracer && options.fast && sendsWhole(unit)) {
      const whole = await sendWhole(client, unit);
      if (whole === 'ok') continue;
      if (whole !== 'retry') return checked(script, whole);
    }
    const outcome = await runUnit(client, unit, options.tracer);
    if (!outcome.ok) return checked(script, outcome);
  }
  return { ok: true };
}

/**
 * SQLSTATEs that say the environment failed, whatever the statement was. 57P01 is what the session
 * gets from another client's pg_terminate_backend and from a fast or immediate shutdown alike;
 * the caller tells them apart by whether the server still answers (verify-set.ts).
 */
const ENVIRONMENT_CODES: Readonly<Record<string, { kind: EnvironmentFailureKind; what: string }>> = {
  '57P01': { kind: 'session-ended', what: "the gate's session was ended from outside" },
  '57P02': { kind: 'server-stopped', what: 'the PostgreSQL server crashed' },
  '57P03': { kind: 'server-stopped', what: 'the PostgreSQL server is shutting down' },
  '53100': { kind: 'disk-full', what: "the PostgreSQL server's disk is full" },
  '58030': { kind: 'io-error', what: 'the PostgreSQL server could not read or write its files' },
};

/** The failure's environment cause, or undefined when it is the statement's own. */
export function environmentFailure(failure: StatementFailure): { kind: EnvironmentFailureKind; what: string } | undefined {
  if (failure.code !== undefined) return Object.hasOwn(ENVIRONMENT_CODES, failure.code) ? ENVIRONMENT_CODES[failure.code] : undefined;
  // No SQLSTATE and not the client's own timeout: the connection broke under the statement.
  return failure.fatal ? { kind: 'session-ended', what: 'the connection to the PostgreSQL server was lost' } : undefined;
}

function checked(script: MigrationScript, outcome: ExecuteOutcome): ExecuteOutcome {
  if (outcome.ok) return outcome;
  const cause = environmentFailure(outcome.failure);
  if (!cause) return outcome;
  const { failure } = outcome;
  const location = `${script.path}:${positionAt(script.source, failure.offset).line}`;
  const said = `${failure.message}${failure.code ? `, SQLSTATE ${failure.code}` : ''}`;
  throw new EnvironmentFailureError(`${cause.what} while applying ${location} (${said}); nothing was concluded about the migration`, cause.kind, location, said);
}

function sendsWhole(unit: ScriptUnit): boolean {
  return unit.statements.every(
    (statement) => statement.tag !== undefined && !statement.control && !statement.nonTransactional && !(unit.mode === 'autocommit' && statement.setLocal),
  );
}

async function sendWhole(client: pg.Client, unit: ScriptUnit): Promise<'ok' | 'retry' | ExecuteOutcome> {
  const first = unit.statements[0]!;
  const text = unit.source.bytes.subarray(first.start, unit.statements.at(-1)!.end).toString('utf8');
  try {
    if (unit.mode === 'transaction') await client.query('BEGIN');
    await client.query(text);
    if (unit.mode === 'transaction') await client.query('COMMIT');
    return 'ok';
  } catch (error) {
    const failure = failureOf(first, error, unit.runner);
    if (failure.fatal) return { ok: false, failure };
    await rollback(client);
    return 'retry';
  }
}

async function runUnit(client: pg.Client, unit: ScriptUnit, tracer: StatementTracer | undefined): Promise<ExecuteOutcome> {
  const runnerTransaction = unit.mode !== 'autocommit';
  let current = unit.statements[0]!;
  try {
    if (runnerTransaction) await client.query('BEGIN');
    for (const [index, statement] of unit.statements.entries()) {
      current = statement;
      // After the file's own COMMIT, the rest of a one-query text runs in a new implicit block.
      if (unit.mode === 'implicit' && index > 0 && client.getTransactionStatus() === 'I') await client.query('BEGIN');
      await runStatement(client, statement, tracer);
    }
    if (client.getTransactionStatus() === 'T') {
      if (!runnerTransaction) return uncommitted(client, unit, tracer);
      await client.query('COMMIT');
      tracer?.transactionEnded();
    }
    return { ok: true };
  } catch (error) {
    const failure = failureOf(current, error, unit.runner);
    if (!failure.fatal) await rollback(client);
    tracer?.transactionEnded();
    return { ok: false, failure };
  }
}

async function runStatement(client: pg.Client, statement: ScriptStatement, tracer: StatementTracer | undefined): Promise<void> {
  if (tracer?.beforeStatement && !statement.control) await tracer.beforeStatement(client, statement);
  const wrap = tracer !== undefined && client.getTransactionStatus() === 'I' && !statement.control && !statement.nonTransactional;
  if (wrap) {
    await client.query('BEGIN');
    try {
      await client.query(statement.text);
    } catch (error) {
      if ((error as { code?: string }).code !== CANNOT_RUN_IN_TRANSACTION) throw error;
      await client.query('ROLLBACK');
      await watched(client, statement, tracer);
      await tracer.after(client, statement, false);
      return;
    }
    await tracer.after(client, statement, false);
    await client.query('COMMIT');
    tracer.transactionEnded();
    return;
  }
  if (tracer && !statement.control && client.getTransactionStatus() === 'I') await watched(client, statement, tracer);
  else await client.query(statement.text);
  const inTransaction = client.getTransactionStatus() === 'T';
  if (tracer && !statement.control) await tracer.after(client, statement, inTransaction);
  if (!inTransaction) tracer?.transactionEnded();
}

/** Sends a statement that runs outside any transaction, with the tracer watching it from another session. */
async function watched(client: pg.Client, statement: ScriptStatement, tracer: StatementTracer): Promise<void> {
  const stop = await tracer.watchOutside?.(client, statement);
  try {
    await client.query(statement.text);
  } finally {
    await stop?.();
  }
}

/**
 * A file that opens a transaction and never ends it: psql and similar runners end the session
 * at the end of the file, and Postgres rolls the open transaction back. So does the gate.
 */
async function uncommitted(client: pg.Client, unit: ScriptUnit, tracer: StatementTracer | undefined): Promise<ExecuteOutcome> {
  await rollback(client);
  tracer?.transactionEnded();
  const last = unit.statements.at(-1)!;
  return {
    ok: false,
    failure: {
      statement: last,
      offset: last.start,
      code: undefined,
      message: 'the file ends inside a transaction it opened, so the runner ends the session and Postgres rolls back every change since BEGIN',
      hint: 'end the transaction with COMMIT',
      runner: unit.runner,
      fatal: false,
    },
  };
}

async function rollback(client: pg.Client): Promise<void> {
  if (client.getTransactionStatus() === 'I') return;
  await client.query('ROLLBACK').catch(() => undefined);
}

interface ServerError {
  code?: string;
  message?: string;
  position?: string;
  detail?: string;
  hint?: string;
}

export function failureOf(statement: ScriptStatement, error: unknown, runner: string): StatementFailure {
  const server = error as ServerError;
  const message = server.message ?? String(error);
  const clientTimeout = server.code === undefined && /timeout/i.test(message);
  const position = Number(server.position);
  const offset = Number.isInteger(position) && position > 0 ? statement.start + byteLengthOfChars(statement.text, position - 1) : statement.start;
  return {
    statement,
    offset,
    code: clientTimeout ? 'query-timeout' : server.code,
    message,
    ...(server.detail ? { detail: server.detail } : {}),
    ...(server.hint ? { hint: server.hint } : {}),
    runner,
    // No SQLSTATE: the connection itself broke (client timeout, server gone).
    fatal: server.code === undefined,
  };
}

/** Postgres reports error positions in characters of the query text; offsets here are bytes. */
function byteLengthOfChars(text: string, chars: number): number {
  let bytes = 0;
  let count = 0;
  for (const char of text) {
    if (count >= chars) break;
    bytes += Buffer.byteLength(char);
    count++;
  }
  return bytes;
}
