// The lock and rewrite trace of one migration. After each statement, while the transaction it ran
// in is still open, the session reads its own granted relation locks (pg_locks is visible to the
// backend that holds them), the relfilenode of every table, and the foreign keys without an index.
// Compared with the state before the migration, that gives per statement: the locks it took on
// objects that existed before, the tables it rewrote, and the foreign keys it left unindexed; and
// for each lock held to the end of its transaction, the later statements that ran under it.
// A statement that runs outside any transaction (CREATE INDEX CONCURRENTLY, ...) has released its
// locks when it returns: with a way to open a second session, the tracer watches it while it runs
// (lock-poller.ts) and reports what that saw, waits included.

import type pg from 'pg';
import type { LockTraceEntry } from '../report/report.js';
import { positionAt, type SourceText } from '../sql/source.js';
import {
  OWN_LOCKS_SQL,
  RELFILENODES_SQL,
  UNINDEXED_FOREIGN_KEYS_SQL,
  readValidatedNotNullChecks,
  type RelationInfo,
  type UnindexedForeignKey,
  type ValidatedCheck,
} from './catalog.js';
import type { StatementTracer } from './execute.js';
import { lockBlocks, lockRank, relationKindName } from './lock-modes.js';
import { LockPoller, type PollOutcome } from './lock-poller.js';
import type { ScriptStatement } from './script.js';

export interface TracedStatement {
  statement: ScriptStatement;
  /** Line of the statement in the file. */
  line: number;
  /** It ran inside a transaction, so its locks lasted until that committed (else until it finished). */
  heldToCommit: boolean;
  /** Statements with the same number ran in the same transaction. */
  transaction: number;
  /** One entry per relation that existed before the migration and that this statement locked more strongly, or rewrote. */
  locks: LockTraceEntry[];
  /**
   * For a SET NOT NULL statement, the validated CHECK constraints that may prove columns NOT NULL,
   * as they were when it started (read only before those: the query costs milliseconds per call).
   */
  validatedChecksBefore: ValidatedCheck[];
  /** The lock_timeout the migration or the runner set, after the statement (`0`: none; the gate's own limit does not count). */
  lockTimeout: string;
}

export interface TracedForeignKey {
  foreignKey: UnindexedForeignKey;
  /** The statement after which the foreign key first had no index. */
  statement: ScriptStatement;
}

export interface TraceResult {
  statements: TracedStatement[];
  /** Foreign keys without an index at the end of the migration that had one, or did not exist, before it. */
  foreignKeys: TracedForeignKey[];
}

/**
 * The lock_timeout the migration (or the runner's settings, applied with set_config) set: source
 * `session`. The gate's own limit is a start-up option (source `client`) and does not count: `0`.
 */
const MIGRATION_LOCK_TIMEOUT_SQL = "SELECT CASE WHEN source = 'session' THEN current_setting('lock_timeout') ELSE '0' END AS value FROM pg_settings WHERE name = 'lock_timeout'";

const TRACE_SQL = `${OWN_LOCKS_SQL};\n${RELFILENODES_SQL};\n${UNINDEXED_FOREIGN_KEYS_SQL}`;

/** The relation of a trace entry for waits on other transactions (not a relation of the database). */
export const OTHER_TRANSACTIONS = 'other transactions';

export interface TracerOptions {
  /**
   * Opens a session to the same server (any database) for watching statements that run outside a
   * transaction; without it, their locks are not seen.
   */
  openObserver?: () => Promise<pg.Client>;
}

export class MigrationTracer implements StatementTracer {
  private readonly traced: TracedStatement[] = [];
  /** Strongest mode held per relation in the open transaction: a statement re-taking it adds no blocking. */
  private readonly held = new Map<string, number>();
  private readonly relfilenodes = new Map<string, string>();
  private readonly firstUnindexedAt = new Map<string, TracedForeignKey>();
  private unindexedNow: Map<string, UnindexedForeignKey>;
  /** The lock_timeout the migration set, as last read; undefined: to be read again. */
  private lockTimeout: string | undefined;
  private settingChangedInTransaction = false;
  /** Validated NOT NULL checks read before the statement now running (SET NOT NULL only). */
  private validatedChecks: ValidatedCheck[] = [];
  private transaction = 0;
  /** The migration session's backend pid, read once for the observer. */
  private pid: number | undefined;
  /** What the observer saw of each statement that ran outside a transaction. */
  private readonly observed = new Map<ScriptStatement, PollOutcome>();
  /** The documented locks of each statement that runs outside a transaction, by relation oid. */
  private readonly documented = new Map<ScriptStatement, Array<{ oid: string; mode: string }>>();

  constructor(
    private readonly source: SourceText,
    private readonly before: ReadonlyMap<string, RelationInfo>,
    private readonly unindexedBefore: ReadonlyMap<string, UnindexedForeignKey>,
    private readonly options: TracerOptions = {},
  ) {
    for (const relation of before.values()) this.relfilenodes.set(relation.oid, relation.relfilenode);
    this.unindexedNow = new Map(unindexedBefore);
  }

  async beforeStatement(client: pg.Client, statement: ScriptStatement): Promise<void> {
    this.validatedChecks = statement.setsNotNull ? await readValidatedNotNullChecks(client) : [];
  }

  async after(client: pg.Client, statement: ScriptStatement, heldToCommit: boolean): Promise<void> {
    const results = (await client.query(TRACE_SQL)) as unknown as Array<pg.QueryResult<Record<string, string>>>;
    const [locks, files, foreignKeys] = results.map((result) => result.rows);
    const validatedChecksBefore = this.validatedChecks;
    this.validatedChecks = [];
    const entries = new Map<string, LockTraceEntry>();
    const line = positionAt(this.source, statement.start).line;
    const entry = (relation: RelationInfo, mode: string): LockTraceEntry => ({
      line,
      statement: statement.text,
      relation: relation.name,
      relationKind: relationKindName(relation.relkind),
      mode,
      blocks: lockBlocks(mode),
      rewrite: false,
    });

    const strongest = new Map<string, string>();
    for (const { oid, mode } of locks ?? []) {
      if (!this.before.has(oid!) || lockRank(mode!) === 0) continue;
      if (lockRank(mode!) > lockRank(strongest.get(oid!) ?? '')) strongest.set(oid!, mode!);
    }
    for (const [oid, mode] of strongest) {
      if (lockRank(mode) <= (this.held.get(oid) ?? 0)) continue;
      this.held.set(oid, lockRank(mode));
      entries.set(oid, entry(this.before.get(oid)!, mode));
    }

    // Outside a transaction: what the observer saw while the statement ran.
    const observed = this.observed.get(statement);
    this.observed.delete(statement);
    for (const lock of observed?.locks ?? []) {
      const waited = lock.waited ? { waited: true } : {};
      if (lock.locktype !== 'relation') {
        if (!lock.waited) continue;
        entries.set(OTHER_TRANSACTIONS, {
          line,
          statement: statement.text,
          relation: OTHER_TRANSACTIONS,
          relationKind: 'transaction',
          mode: lock.mode,
          blocks: 'nothing; the statement waited for them to end',
          rewrite: false,
          observed: 'polled',
          waited: true,
        });
        continue;
      }
      const relation = lock.oid === undefined ? undefined : this.before.get(lock.oid);
      if (!relation || lockRank(lock.mode) === 0 || entries.has(lock.oid!)) continue;
      entries.set(lock.oid!, { ...entry(relation, lock.mode), observed: 'polled', ...waited });
    }

    // A statement too fast for any poll to see: the lock the manual documents for it.
    const documented = this.documented.get(statement) ?? [];
    this.documented.delete(statement);
    for (const { oid, mode } of documented) {
      const relation = this.before.get(oid);
      if (relation && !entries.has(oid)) entries.set(oid, { ...entry(relation, mode), observed: 'documented' });
    }

    for (const { oid, relfilenode } of files ?? []) {
      const previous = this.relfilenodes.get(oid!);
      if (previous === undefined || previous === relfilenode) continue;
      this.relfilenodes.set(oid!, relfilenode!);
      // TRUNCATE swaps in an empty file: the data is thrown away, not rewritten (ban-truncate's job).
      if (statement.tag === 'TruncateStmt') continue;
      // A rewrite needs ACCESS EXCLUSIVE; when an earlier statement of the transaction took it (or
      // the statement ran outside one, where locks cannot be read afterwards) it is not new here.
      const rewritten = entries.get(oid!) ?? entry(this.before.get(oid!)!, 'AccessExclusiveLock');
      rewritten.rewrite = true;
      entries.set(oid!, rewritten);
    }

    this.unindexedNow = new Map((foreignKeys ?? []).map((row) => [row.oid!, row as unknown as UnindexedForeignKey]));
    for (const [oid, foreignKey] of this.unindexedNow) {
      if (!this.unindexedBefore.has(oid) && !this.firstUnindexedAt.has(oid)) this.firstUnindexedAt.set(oid, { foreignKey, statement });
    }

    const sorted = [...entries.values()].sort((a, b) => a.relation.localeCompare(b.relation));
    this.traced.push({ statement, line, heldToCommit, transaction: this.transaction, locks: sorted, validatedChecksBefore, lockTimeout: await this.migrationLockTimeout(client, statement, sorted) });
  }

  /**
   * The lock_timeout the migration set, read only for a statement that took ACCESS EXCLUSIVE (pg_settings
   * costs milliseconds), and again only after something that may have changed it.
   */
  private async migrationLockTimeout(client: pg.Client, statement: ScriptStatement, locks: readonly LockTraceEntry[]): Promise<string> {
    if (SETTING_TAGS.has(statement.tag ?? '')) {
      this.lockTimeout = undefined;
      this.settingChangedInTransaction = true;
    }
    if (!locks.some((lock) => lock.mode === 'AccessExclusiveLock')) return '0';
    this.lockTimeout ??= (await client.query<{ value: string }>(MIGRATION_LOCK_TIMEOUT_SQL)).rows[0]?.value ?? '0';
    return this.lockTimeout;
  }

  transactionEnded(): void {
    // A SET LOCAL (or set_config(..., true)) ends with its transaction.
    if (this.settingChangedInTransaction) this.lockTimeout = undefined;
    this.settingChangedInTransaction = false;
    this.held.clear();
    this.transaction++;
  }

  async watchOutside(client: pg.Client, statement: ScriptStatement): Promise<(() => Promise<void>) | undefined> {
    // Resolved before it runs: DROP ... CONCURRENTLY or REINDEX may leave the name pointing elsewhere.
    if (statement.documentedLocks.length > 0) this.documented.set(statement, await resolveDocumented(client, statement));
    const open = this.options.openObserver;
    if (!open) return undefined;
    let poller: LockPoller;
    try {
      this.pid ??= (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      poller = new LockPoller(await open(), this.pid, lockRank);
    } catch {
      // No second session (the server's connection limit, say): the statement runs unwatched.
      return undefined;
    }
    return async () => {
      this.observed.set(statement, await poller.stop());
    };
  }

  result(): TraceResult {
    const foreignKeys = [...this.firstUnindexedAt.entries()]
      .filter(([oid]) => this.unindexedNow.has(oid))
      .map(([oid, traced]) => ({ ...traced, foreignKey: this.unindexedNow.get(oid)! }));
    return { statements: withHeldDuring(this.traced), foreignKeys };
  }
}

const RESOLVE_SQL = "SELECT to_regclass(CASE WHEN $1::text IS NULL THEN quote_ident($2) ELSE quote_ident($1) || '.' || quote_ident($2) END)::oid::int8::text AS oid";

/** The oids of the relations a statement's documented locks name (one that does not exist: none). */
async function resolveDocumented(client: pg.Client, statement: ScriptStatement): Promise<Array<{ oid: string; mode: string }>> {
  const resolved: Array<{ oid: string; mode: string }> = [];
  for (const lock of statement.documentedLocks) {
    const oid = (await client.query<{ oid: string | null }>(RESOLVE_SQL, [lock.schema ?? null, lock.name])).rows[0]?.oid;
    if (oid) resolved.push({ oid, mode: lock.mode });
  }
  return resolved;
}

/** Statements that may change a setting: after them (and after a transaction, for SET LOCAL) it is read again. */
const SETTING_TAGS = new Set(['VariableSetStmt', 'SelectStmt', 'DoStmt', 'CallStmt', 'TransactionStmt']);

/**
 * Marks each lock held to the end of its transaction with the later statements of that transaction
 * (which ran while it was held).
 */
function withHeldDuring(traced: readonly TracedStatement[]): TracedStatement[] {
  return traced.map((current, index) => {
    if (!current.heldToCommit) return current;
    const later = traced.slice(index + 1).filter((other) => other.transaction === current.transaction);
    if (later.length === 0) return current;
    const heldDuring = { fromLine: later[0]!.line, toLine: later.at(-1)!.line, statements: later.length };
    return { ...current, locks: current.locks.map((lock) => ({ ...lock, heldDuring })) };
  });
}
