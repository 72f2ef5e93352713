// What else the target says about the deploy, from the catalog and the statistics views (read-only):
// sessions the migrations would queue behind, long transactions, and invalid indexes.
//
// pg_locks is readable by every role; pg_stat_activity shows other roles' sessions' xact_start and
// query only to members of pg_read_all_stats (or superusers). Without it, locks still name their
// pid, and a note says the transaction ages could not be seen.

import type { TargetSession } from './target.js';
import type { TableUse } from './touched-tables.js';

export interface BlockingLock {
  pid: number;
  user: string | null;
  application: string | null;
  table: string;
  mode: string;
  granted: boolean;
  /** Seconds its transaction has been open, when visible. */
  transactionSeconds: number | null;
  use: TableUse;
}

export interface LongTransaction {
  pid: number;
  user: string | null;
  application: string | null;
  state: string | null;
  transactionSeconds: number;
}

export interface SessionReport {
  locks: BlockingLock[];
  longTransactions: LongTransaction[];
  notes: string[];
}

export async function readSessions(session: TargetSession, tables: ReadonlyMap<string, TableUse>, longTransactionMs: number): Promise<SessionReport> {
  const notes: string[] = [];
  const [role] = await session.select<{ allowed: boolean }>(
    "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS allowed",
  );
  if (!role?.allowed) {
    notes.push(
      `role "${session.user}" is not a member of pg_read_all_stats, so other roles' transactions and their ages are hidden: blocking-session saw only locks; GRANT pg_read_all_stats TO "${session.user}" to see them`,
    );
  }
  const lockRows = await session.select<{ pid: number; table: string; mode: string; granted: boolean; user: string | null; application: string | null; seconds: number | null }>(
    `SELECT l.pid, n.nspname || '.' || c.relname AS table, l.mode, l.granted, a.usename AS user, a.application_name AS application,
            floor(extract(epoch FROM now() - a.xact_start))::int AS seconds
       FROM pg_locks l
       JOIN pg_class c ON c.oid = l.relation
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.pid <> pg_backend_pid()
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY l.granted DESC, seconds DESC NULLS LAST, l.pid`,
    [],
    { relation: 'pg_catalog.pg_locks', kind: 'view' },
  );
  const locks: BlockingLock[] = [];
  const seen = new Set<string>();
  for (const row of lockRows) {
    const use = tables.get(row.table);
    const key = `${row.pid}:${row.table}`;
    if (!use || seen.has(key)) continue;
    seen.add(key);
    locks.push({ pid: row.pid, user: row.user, application: row.application, table: row.table, mode: row.mode, granted: row.granted, transactionSeconds: row.seconds, use });
  }
  const longRows = await session.select<{ pid: number; user: string | null; application: string | null; state: string | null; seconds: number }>(
    `SELECT pid, usename AS user, application_name AS application, state, floor(extract(epoch FROM now() - xact_start))::int AS seconds
       FROM pg_stat_activity
      WHERE pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'
        AND now() - xact_start > make_interval(secs => $1::double precision / 1000)
      ORDER BY xact_start`,
    [longTransactionMs],
    { relation: 'pg_catalog.pg_stat_activity', kind: 'view' },
  );
  return { locks, longTransactions: longRows.map((row) => ({ ...row, transactionSeconds: row.seconds })), notes };
}

export interface InvalidIndex {
  index: string;
  table: string;
}

export async function readInvalidIndexes(session: TargetSession): Promise<InvalidIndex[]> {
  return session.select<InvalidIndex>(
    `SELECT n.nspname || '.' || c.relname AS index, tn.nspname || '.' || t.relname AS table
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
      WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1`,
  );
}

/** `2 h 5 min`, `40 s`: how long, in words a person reads at a glance. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
