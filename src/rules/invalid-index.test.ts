import { expect, it } from 'vitest';
import { runCase, testDatabaseRule } from '../../test/db-rule-tester.js';

// Two rows with one email: a unique index cannot be built on them.
const USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nINSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com');";
// What an earlier deploy's failed build leaves behind: CREATE INDEX CONCURRENTLY stops at the
// duplicate, and the index stays, marked invalid.
const FAILED_BUILD = ['CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email)'];
const EVENTS = 'CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);\nCREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM (\'2024-01-01\') TO (\'2025-01-01\');\nCREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM (\'2025-01-01\') TO (\'2026-01-01\');';

testDatabaseRule('invalid-index', {
  valid: [
    { name: 'a concurrent build that succeeds', before: [USERS], sql: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);\n' },
    { name: 'an invalid index the migration does not name is not its doing', before: [USERS], setup: FAILED_BUILD, sql: 'ALTER TABLE users ADD COLUMN name text;\n' },
    {
      name: 'the invalid index dropped and built again',
      before: [USERS],
      setup: FAILED_BUILD,
      sql: 'DROP INDEX CONCURRENTLY IF EXISTS users_email;\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n',
    },
    {
      name: 'an index ON ONLY the parent, with every partition attached',
      before: [EVENTS],
      sql: 'CREATE INDEX events_at ON ONLY events (at);\nCREATE INDEX CONCURRENTLY events_2024_at ON events_2024 (at);\nCREATE INDEX CONCURRENTLY events_2025_at ON events_2025 (at);\nALTER INDEX events_at ATTACH PARTITION events_2024_at;\nALTER INDEX events_at ATTACH PARTITION events_2025_at;\n',
    },
    { name: 'a file-wide ignore', before: [USERS], setup: FAILED_BUILD, sql: '-- pg-migration-gate-ignore-file invalid-index -- rebuilt by the DBA\nSELECT 1;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);\n' },
  ],
  invalid: [
    {
      name: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS skips the index an earlier failed build left invalid',
      before: [USERS],
      setup: FAILED_BUILD,
      sql: "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);\n",
      findings: [{ line: 2, column: 1, message: 'Index users_email on users was already invalid before this statement' }],
    },
    {
      name: 'an index ON ONLY a partitioned table with a partition left unattached',
      before: [EVENTS],
      sql: "SELECT 1;\nCREATE INDEX events_at ON ONLY events (at);\nCREATE INDEX CONCURRENTLY events_2024_at ON events_2024 (at);\nALTER INDEX events_at ATTACH PARTITION events_2024_at;\n",
      findings: [{ line: 2, column: 1, message: 'index events_at on partitioned table events is invalid' }],
    },
    {
      name: 'an unnamed index ON ONLY the parent is located at the CREATE INDEX on its table',
      before: [EVENTS],
      sql: 'SELECT 1;\nCREATE INDEX ON ONLY events (at);\n',
      findings: [{ line: 2, column: 1, message: 'events_at_idx' }],
    },
  ],
});

it('the help rebuilds the index concurrently, with its own definition', async () => {
  const { findings } = await runCase({ name: 'help', before: [USERS], setup: FAILED_BUILD, sql: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);\n' });
  const finding = findings.find((f) => f.rule === 'invalid-index')!;
  expect(finding.severity).toBe('error');
  expect(finding.help).toContain('DROP INDEX CONCURRENTLY IF EXISTS users_email; CREATE UNIQUE INDEX CONCURRENTLY users_email ON public.users USING btree (email);');
  expect(finding.statement).toBe('CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email)');
});
