// Postgres's table-level lock modes (https://www.postgresql.org/docs/current/explicit-locking.html),
// ranked by strength, with what each one blocks in words a reviewer can act on.

export const LOCK_MODES = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
] as const;

const BLOCKS: Record<string, string> = {
  AccessShareLock: 'only ACCESS EXCLUSIVE locks (DROP, TRUNCATE, most ALTER TABLE)',
  RowShareLock: 'EXCLUSIVE and ACCESS EXCLUSIVE locks',
  RowExclusiveLock: 'non-concurrent CREATE INDEX and stronger locks',
  ShareUpdateExclusiveLock: 'schema changes, VACUUM and concurrent index builds; not reads or writes',
  ShareLock: 'writes (INSERT, UPDATE, DELETE)',
  ShareRowExclusiveLock: 'writes and other schema changes',
  ExclusiveLock: 'writes and SELECT FOR UPDATE; only plain reads go on',
  AccessExclusiveLock: 'reads and writes',
};

/** 1 (AccessShareLock) .. 8 (AccessExclusiveLock); 0 for a mode that is not a table lock mode. */
export function lockRank(mode: string): number {
  return (LOCK_MODES as readonly string[]).indexOf(mode) + 1;
}

export function lockBlocks(mode: string): string {
  return BLOCKS[mode] ?? 'conflicting locks';
}

/** `ACCESS EXCLUSIVE` for `AccessExclusiveLock`: how the docs and LOCK TABLE spell it. */
export function lockModeSql(mode: string): string {
  return mode
    .replace(/Lock$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
}

const RELATION_KINDS: Record<string, string> = {
  r: 'table',
  p: 'partitioned table',
  i: 'index',
  I: 'partitioned index',
  S: 'sequence',
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
  c: 'composite type',
};

export function relationKindName(relkind: string): string {
  return RELATION_KINDS[relkind] ?? 'relation';
}

/** Relations whose ACCESS EXCLUSIVE lock stops the application's queries (not an index or a sequence alone). */
export function isTableLike(relkind: string): boolean {
  return relkind === 'r' || relkind === 'p' || relkind === 'm' || relkind === 'f' || relkind === 'v';
}
