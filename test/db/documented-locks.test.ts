import { describe, expect, it } from 'vitest';
import { documentedLocksOf } from '../../src/db/documented-locks.js';
import { ensureParser, parseSource } from '../../src/sql/parse.js';
import { decodeSource } from '../../src/sql/source.js';

async function locksOf(sql: string) {
  await ensureParser();
  const decoded = decodeSource('m.sql', Buffer.from(sql));
  if (!decoded.ok) throw new Error(decoded.error.message);
  const parsed = parseSource(decoded.source);
  return documentedLocksOf(parsed.statements[0]?.node);
}

describe('documented locks of statements that run outside a transaction', () => {
  it.each([
    ['CREATE INDEX CONCURRENTLY i ON users (email);', [{ schema: undefined, name: 'users', mode: 'ShareUpdateExclusiveLock' }]],
    ['CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON app."Users" (email);', [{ schema: 'app', name: 'Users', mode: 'ShareUpdateExclusiveLock' }]],
    ['REINDEX TABLE CONCURRENTLY users;', [{ schema: undefined, name: 'users', mode: 'ShareUpdateExclusiveLock' }]],
    ['REINDEX (CONCURRENTLY) INDEX users_email;', [{ schema: undefined, name: 'users_email', mode: 'ShareUpdateExclusiveLock' }]],
    ['VACUUM users, orders;', [{ schema: undefined, name: 'users', mode: 'ShareUpdateExclusiveLock' }, { schema: undefined, name: 'orders', mode: 'ShareUpdateExclusiveLock' }]],
    ['VACUUM (FULL, ANALYZE) users (email);', [{ schema: undefined, name: 'users', mode: 'AccessExclusiveLock' }]],
    // No named target, or a statement that runs in a transaction: nothing documented to add.
    ['VACUUM;', []],
    ['CREATE INDEX i ON users (email);', []],
    ['REINDEX TABLE users;', []],
    ['ANALYZE users;', []],
    ['DROP INDEX CONCURRENTLY users_email;', []],
  ])('%s', async (sql, expected) => {
    expect(await locksOf(sql)).toEqual(expected);
  });
});
