import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/schema.js';
import { runnerSetsLockTimeout } from '../config.js';
import { withConnection } from '../db/connect.js';
import { withScratchDatabase } from '../db/scratch.js';
import { lintSource } from '../lint/lint-file.js';
import { ensureParser } from '../sql/parse.js';
import { sourceFromText } from '../sql/source.js';
import { testDatabaseUrl } from '../../test/db/postgres.js';
import { lintSql, TEST_SCOPES } from '../../test/lint-helpers.js';
import { testRule } from '../../test/rule-tester.js';

testRule('require-lock-timeout', {
  valid: [
    { sql: "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN email text;" },
    { name: 'SET LOCAL inside the transaction', sql: "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;" },
    { name: 'set_config', sql: "SELECT set_config('lock_timeout', '3s', false);\nDROP TABLE old_users;" },
    { name: 'statements that take no blocking lock', sql: "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nCREATE INDEX CONCURRENTLY users_email ON users (email);\nDROP INDEX CONCURRENTLY users_old;\nREINDEX TABLE CONCURRENTLY users;\nVACUUM users;\nLOCK TABLE users IN ROW EXCLUSIVE MODE;" },
    {
      name: 'every locking statement is on a table created earlier in the file',
      sql: 'CREATE TABLE events (id int, user_id int);\nALTER TABLE events ADD COLUMN at timestamptz;\nCREATE INDEX events_at ON events (at);\nCREATE TRIGGER t BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION f();\nALTER TABLE events RENAME COLUMN at TO happened_at;\nTRUNCATE events;\nDROP TABLE events;',
    },
    { name: 'self-referencing foreign key in a new table', sql: 'CREATE TABLE nodes (id int PRIMARY KEY, parent_id int REFERENCES nodes (id));' },
    {
      name: 'foreign key between two tables the file creates',
      sql: 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int, a_id int);\nALTER TABLE b ADD CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id);',
    },
    { name: 'temporary table', sql: 'CREATE TEMP TABLE scratch (id int);\nALTER TABLE scratch ADD COLUMN v int;' },
    { name: 'an integer lock_timeout (milliseconds)', sql: 'SET lock_timeout = 5000;\nALTER TABLE orders VALIDATE CONSTRAINT c;' },
    { name: 'SET ... TO', sql: "SET lock_timeout TO '2s';\nCREATE INDEX users_email ON users (email);" },
    { name: 'pg_catalog.set_config', sql: "SELECT pg_catalog.set_config('lock_timeout', '2s', false);\nDROP TABLE old_users;" },
    { name: 'SET LOCAL in a file Prisma runs in one transaction', sql: "SET LOCAL lock_timeout = '2s';\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;", scope: TEST_SCOPES.prisma },
    { name: 'set_config(..., true) in a Flyway migration (its transaction)', sql: "SELECT set_config('lock_timeout', '2s', true);\nALTER TABLE users ADD COLUMN name text;", scope: TEST_SCOPES.flyway },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ADD COLUMN email text;',
      findings: [{ line: 1, column: 1, message: 'ALTER TABLE on table users takes an ACCESS EXCLUSIVE lock', help: 'before line 1' }],
    },
    {
      name: 'reported once, at the first statement of the worst kind, with the first locking line in the help',
      sql: 'CREATE TABLE events (id int);\nCREATE INDEX events_id ON events (id);\nCREATE INDEX users_email ON users (email);\nDROP TABLE orders;\nTRUNCATE audit;',
      findings: [{ line: 4, column: 1, message: 'DROP TABLE on table orders takes an ACCESS EXCLUSIVE lock', help: 'at the top of the file, before line 3' }],
    },
    {
      name: 'CREATE INDEX: writes queue, reads go on',
      sql: 'CREATE INDEX users_email ON users (email);',
      findings: [{ line: 1, column: 1, message: 'takes a SHARE lock, and lock_timeout is not set: while it waits for running transactions, every later INSERT, UPDATE and DELETE on the table queues behind it (plain SELECTs go on)' }],
    },
    {
      name: 'VALIDATE CONSTRAINT: SHARE UPDATE EXCLUSIVE, reads and writes go on',
      sql: 'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fk;',
      findings: [{ line: 1, column: 1, message: 'takes a SHARE UPDATE EXCLUSIVE lock, and lock_timeout is not set. Reads and writes of the table go on while it waits' }],
    },
    {
      name: 'SET STATISTICS and storage parameters: SHARE UPDATE EXCLUSIVE',
      sql: 'ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500, SET (fillfactor = 90);',
      findings: [{ line: 1, column: 1, message: 'SHARE UPDATE EXCLUSIVE' }],
    },
    {
      name: 'a VALIDATE first, an ADD COLUMN later: the ADD COLUMN is what makes the table unavailable',
      sql: 'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fk;\nALTER TABLE orders ADD COLUMN note text;',
      findings: [{ line: 2, column: 1, message: 'every later query on the table queues behind it, plain SELECTs included', help: 'before line 1' }],
    },
    {
      name: 'the strongest sub-command decides: VALIDATE beside SET NOT NULL',
      sql: 'ALTER TABLE orders VALIDATE CONSTRAINT c, ALTER COLUMN note SET NOT NULL;',
      findings: [{ line: 1, column: 1, message: 'ACCESS EXCLUSIVE' }],
    },
    {
      name: 'a foreign key added to an existing table: SHARE ROW EXCLUSIVE, writes queue',
      sql: 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;',
      findings: [{ line: 1, column: 1, message: 'ALTER TABLE on table orders takes a SHARE ROW EXCLUSIVE lock' }],
    },
    {
      name: 'ENABLE TRIGGER: SHARE ROW EXCLUSIVE',
      sql: 'ALTER TABLE orders ENABLE TRIGGER orders_audit;',
      findings: [{ line: 1, column: 1, message: 'SHARE ROW EXCLUSIVE' }],
    },
    { name: 'LOCK TABLE in SHARE mode', sql: 'LOCK TABLE users IN SHARE MODE;', findings: [{ line: 1, column: 1, message: 'takes a SHARE lock' }] },
    {
      name: 'REINDEX: the indexes are locked ACCESS EXCLUSIVE, which holds up reads too',
      sql: 'REINDEX INDEX users_email_idx;',
      findings: [{ line: 1, column: 1, message: 'a SHARE lock on the table and an ACCESS EXCLUSIVE lock on its indexes, and lock_timeout is not set: while it waits for running transactions, every later query' }],
    },
    {
      name: 'ATTACH PARTITION of a partition created in the file: only the parent, SHARE UPDATE EXCLUSIVE',
      sql: "CREATE TABLE measurements_2026 (at date);\nALTER TABLE measurements ATTACH PARTITION measurements_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
      findings: [{ line: 2, column: 1, message: 'ATTACH PARTITION on table measurements takes a SHARE UPDATE EXCLUSIVE lock' }],
    },
    {
      name: 'lock_timeout set after the statement',
      sql: "TRUNCATE audit.log;\nSET lock_timeout = '5s';",
      findings: [{ line: 1, column: 1, message: 'TRUNCATE on table audit.log' }],
    },
    {
      name: 'lock_timeout = 0 disables it',
      sql: "SET lock_timeout = 0;\nDROP TABLE old_users;",
      findings: [{ line: 2, column: 1, message: 'DROP TABLE on table old_users' }],
    },
    {
      name: 'RESET lock_timeout turns it off again',
      sql: "SET lock_timeout = '5s';\nALTER TABLE a ADD COLUMN x int;\nRESET lock_timeout;\nALTER TABLE b ADD COLUMN y int;",
      findings: [{ line: 4, column: 1, message: 'table b' }],
    },
    {
      name: 'SET LOCAL ends with the transaction',
      sql: "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSELECT 1;\nCOMMIT;\nALTER TABLE users RENAME COLUMN name TO full_name;",
      findings: [{ line: 5, column: 1, message: 'ALTER TABLE ... RENAME COLUMN on table users' }],
    },
    { sql: 'ALTER TABLE users RENAME TO accounts;', findings: [{ line: 1, column: 1, message: 'ALTER TABLE ... RENAME on table users' }] },
    { sql: 'DROP INDEX users_email;', findings: [{ line: 1, column: 1, message: 'DROP INDEX on index users_email' }] },
    { sql: 'REINDEX TABLE users;', findings: [{ line: 1, column: 1, message: 'REINDEX on table users' }] },
    {
      sql: 'CREATE TRIGGER audit BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION audit();',
      findings: [{ line: 1, column: 1, message: 'CREATE TRIGGER on table users' }],
    },
    { sql: 'VACUUM (FULL, ANALYZE) users;', findings: [{ line: 1, column: 1, message: 'VACUUM FULL on table users' }] },
    { sql: 'CLUSTER users USING users_pkey;', findings: [{ line: 1, column: 1, message: 'CLUSTER on table users' }] },
    { sql: 'LOCK TABLE users;', findings: [{ line: 1, column: 1, message: 'LOCK TABLE on table users' }] },
    {
      name: 'ATTACH PARTITION of an existing table to a new parent',
      sql: 'CREATE TABLE measurements (at date) PARTITION BY RANGE (at);\nALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM (\'2024-01-01\') TO (\'2025-01-01\');',
      findings: [{ line: 2, column: 1, message: 'ATTACH PARTITION on table measurements_2024 takes an ACCESS EXCLUSIVE lock' }],
    },
    {
      name: 'CREATE TABLE ... PARTITION OF an existing parent',
      sql: "CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
      findings: [{ line: 1, column: 1, message: 'PARTITION OF on table measurements' }],
    },
    {
      name: 'new table with a foreign key to an existing table: points at the referenced table',
      sql: 'CREATE TABLE orders (\n  id bigint,\n  user_id bigint REFERENCES users (id)\n);',
      findings: [{ line: 3, column: 29, message: 'adds a foreign key to table users' }],
    },
    {
      name: 'Prisma-style foreign key added after CREATE TABLE',
      sql: 'CREATE TABLE "Post" (id int, "authorId" int);\nALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");',
      findings: [{ line: 2, column: 92, message: 'table User' }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE users ADD COLUMN email text;\nEND $$;',
      findings: [{ line: 3, column: 3 }],
    },
  ],
});

describe('require-lock-timeout and what is already set', () => {
  it('a lock_timeout the runner sets (runner.settings, any spelling of the name) is never asked for', async () => {
    await ensureParser();
    const sql = 'ALTER TABLE users ADD COLUMN name text;\n';
    const rules = (lockTimeoutSet: boolean) =>
      lintSource(sourceFromText('migrations/0002_users_name.sql', sql), { postgresVersion: 16, severities: new Map(), context: { lockTimeoutSet } }).findings.map((f) => f.rule);
    expect(rules(false)).toContain('require-lock-timeout');
    expect(rules(true)).not.toContain('require-lock-timeout');
    const config = (settings: Record<string, string>) => configSchema.parse({ runner: { settings } });
    expect(runnerSetsLockTimeout(config({ lock_timeout: '5s' }))).toBe(true);
    expect(runnerSetsLockTimeout(config({ LOCK_TIMEOUT: '5s' }))).toBe(true);
    expect(runnerSetsLockTimeout(config({ lock_timeout: '0' }))).toBe(false);
    expect(runnerSetsLockTimeout(config({ statement_timeout: '5s' }))).toBe(false);
  });

  it('a statement that holds up only schema changes is a note; one that stops writes is a warning', async () => {
    const severity = async (sql: string) => (await lintSql(sql)).findings.find((f) => f.rule === 'require-lock-timeout')?.severity;
    expect(await severity('ALTER TABLE orders VALIDATE CONSTRAINT c;')).toBe('info');
    expect(await severity('CREATE INDEX orders_status ON orders (status);')).toBe('warning');
  });
});

// The lock modes the messages name, against the locks the test server really takes (pg_locks of
// the session, inside the statement's transaction).
describe('require-lock-timeout on PostgreSQL', () => {
  const cases: Array<[sql: string, table: string, mode: string]> = [
    ['ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive', 'orders', 'ShareUpdateExclusiveLock'],
    ['ALTER TABLE orders ALTER COLUMN amount SET STATISTICS 500', 'orders', 'ShareUpdateExclusiveLock'],
    ['ALTER TABLE orders SET (fillfactor = 90)', 'orders', 'ShareUpdateExclusiveLock'],
    ['ALTER TABLE orders DISABLE TRIGGER orders_touch', 'orders', 'ShareRowExclusiveLock'],
    ['ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID', 'orders', 'ShareRowExclusiveLock'],
    ['ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID', 'customers', 'ShareRowExclusiveLock'],
    ['CREATE TRIGGER orders_touch2 BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()', 'orders', 'ShareRowExclusiveLock'],
    ['CREATE INDEX orders_amount ON orders (amount)', 'orders', 'ShareLock'],
    ['ALTER TABLE orders ADD COLUMN note text', 'orders', 'AccessExclusiveLock'],
  ];

  it('takes the modes blocking-locks.ts says', async () => {
    await withScratchDatabase(testDatabaseUrl(), async (database) => {
      await withConnection(database.url, async (client) => {
        await client.query(`CREATE TABLE customers (id bigint PRIMARY KEY);
          CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, amount int);
          ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
          CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
          CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();`);
        for (const [sql, table, mode] of cases) {
          const claimed = (await lintSql(`${sql};`)).findings.find((f) => f.rule === 'require-lock-timeout');
          await client.query('BEGIN');
          await client.query(sql);
          const { rows } = await client.query<{ mode: string }>(
            'SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND relation = $1::regclass AND granted',
            [table],
          );
          await client.query('ROLLBACK');
          const strongest = rows.map((row) => row.mode).sort((a, b) => MODES.indexOf(b) - MODES.indexOf(a))[0];
          expect({ sql, table, strongest }).toEqual({ sql, table, strongest: mode });
          // The statement's own table: the message names the mode the server took.
          if (table === 'orders') expect(claimed?.message, sql).toContain(MODE_WORDS[mode]);
        }
      });
    });
  });
});

const MODES = ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];
const MODE_WORDS: Record<string, string> = {
  ShareUpdateExclusiveLock: 'a SHARE UPDATE EXCLUSIVE lock',
  ShareRowExclusiveLock: 'a SHARE ROW EXCLUSIVE lock',
  ShareLock: 'a SHARE lock',
  AccessExclusiveLock: 'an ACCESS EXCLUSIVE lock',
};
