import { describe, expect, it } from 'vitest';
import { lintSql, TEST_SCOPES } from '../../test/lint-helpers.js';
import { testRule } from '../../test/rule-tester.js';
import { DBMATE_NO_TRANSACTION_SCOPE, FLYWAY_NO_TRANSACTION_SCOPE, GOLANG_MIGRATE_MULTI_STATEMENT_SCOPE } from '../discover/scopes.js';

const RULE = 'require-concurrent-partition-detach';
const DETACH = 'ALTER TABLE events DETACH PARTITION events_2025_q2;';
const CONCURRENT = 'ALTER TABLE events DETACH PARTITION events_2025_q2 CONCURRENTLY;';

testRule(RULE, {
  valid: [
    { name: 'CONCURRENTLY, outside any transaction', sql: `-- archive last year's events\n${CONCURRENT}` },
    { name: 'FINALIZE completes an interrupted concurrent detach', sql: 'ALTER TABLE events DETACH PARTITION events_2025_q2 FINALIZE;' },
    { name: 'Postgres 13 has no CONCURRENTLY: nothing to ask for', sql: DETACH, postgresVersion: 13 },
    {
      name: 'a partitioned table created earlier in the file',
      sql: "CREATE TABLE events (id bigint, event_date date NOT NULL) PARTITION BY RANGE (event_date);\nCREATE TABLE events_2025_q2 PARTITION OF events FOR VALUES FROM ('2025-04-01') TO ('2025-07-01');\nALTER TABLE events DETACH PARTITION events_2025_q2;",
    },
    { name: 'Prisma sends a one-statement file without a transaction', sql: `-- DetachPartition\n${CONCURRENT}\n`, scope: TEST_SCOPES.prisma },
    { name: 'golang-migrate: alone in its .up.sql', sql: CONCURRENT, scope: TEST_SCOPES['golang-migrate'] },
    { name: 'goose NO TRANSACTION', sql: `-- +goose NO TRANSACTION\n-- +goose Up\n${CONCURRENT}\n`, scope: TEST_SCOPES['goose-no-transaction'] },
    {
      name: 'Drizzle: COMMIT and a breakpoint end the migrator\'s transaction first',
      sql: 'COMMIT;--> statement-breakpoint\nALTER TABLE "events" DETACH PARTITION "events_2025_q2" CONCURRENTLY;',
      scope: TEST_SCOPES.drizzle,
    },
    { name: 'dbmate transaction:false, the only statement of its section', sql: `-- migrate:up transaction:false\n${CONCURRENT}\n`, scope: DBMATE_NO_TRANSACTION_SCOPE },
    { name: 'Flyway with executeInTransaction=false', sql: `${CONCURRENT}\nDROP TABLE events_2023_q1;`, scope: FLYWAY_NO_TRANSACTION_SCOPE },
    { name: 'golang-migrate x-multi-statement sends each statement alone', sql: `${CONCURRENT}\nDROP TABLE events_2023_q1;`, scope: GOLANG_MIGRATE_MULTI_STATEMENT_SCOPE },
    {
      name: 'Flyway: a migration with a statement Flyway detects runs without its transaction (mixed=true)',
      sql: `CREATE INDEX CONCURRENTLY events_2025_q2_date_idx ON events_2025_q2 (event_date);\n${CONCURRENT}`,
      scope: TEST_SCOPES.flyway,
    },
  ],
  invalid: [
    {
      name: 'without CONCURRENTLY: the partitioned table is locked ACCESS EXCLUSIVE',
      sql: `-- Detach partition (becomes standalone table)\n${DETACH}`,
      findings: [
        {
          line: 2,
          column: 37,
          message: 'DETACH PARTITION events_2025_q2 without CONCURRENTLY locks partitioned table events ACCESS EXCLUSIVE',
          help: 'CONCURRENTLY also refuses a partitioned table that has a default partition',
          fix: 'ALTER TABLE events DETACH PARTITION events_2025_q2 CONCURRENTLY',
        },
      ],
    },
    {
      name: 'quoted and schema-qualified names keep their spelling in the fix',
      sql: 'ALTER TABLE "audit"."Events" DETACH PARTITION "audit"."Events_2024" /* archived */;',
      findings: [{ line: 1, column: 47, fix: 'ALTER TABLE "audit"."Events" DETACH PARTITION "audit"."Events_2024" CONCURRENTLY /* archived */' }],
    },
    {
      name: 'CONCURRENTLY inside BEGIN fails',
      sql: `BEGIN;\n${CONCURRENT}\nCOMMIT;`,
      findings: [{ line: 2, column: 37, message: 'inside the transaction opened by BEGIN fails', help: 'Move it out of BEGIN/COMMIT' }],
    },
    {
      name: 'CONCURRENTLY inside a DO block fails',
      sql: `DO $$\nBEGIN\n  ${CONCURRENT}\nEND $$;`,
      findings: [{ line: 3, column: 39, message: 'a DO block is both' }],
    },
    {
      name: 'Drizzle runs the pending migrations in one transaction',
      sql: 'ALTER TABLE "events" DETACH PARTITION "events_2025_q2" CONCURRENTLY;',
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 1, column: 39, message: 'Drizzle runs every pending migration in one transaction', help: '`COMMIT;` and a `--> statement-breakpoint` line' }],
    },
    {
      name: 'dbmate wraps the section',
      sql: `-- migrate:up\n${CONCURRENT}\n\n-- migrate:down\n`,
      scope: TEST_SCOPES.dbmate,
      findings: [{ line: 2, column: 37, message: 'dbmate runs this migration in a transaction', help: 'transaction:false' }],
    },
    {
      name: 'Prisma: with another statement in the file, one implicit transaction',
      sql: `-- DetachPartition\n${CONCURRENT}\n\n-- DropTable\nDROP TABLE "events_2023_q1";\n`,
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 2, column: 37, message: 'Prisma Migrate sends the whole file as one query' }],
    },
    {
      name: 'dbmate transaction:false still sends the section as one query',
      sql: `-- migrate:up transaction:false\n${CONCURRENT}\nDROP TABLE events_2023_q1;\n`,
      scope: DBMATE_NO_TRANSACTION_SCOPE,
      findings: [{ line: 2, column: 37, message: 'dbmate (transaction:false) sends the whole file as one query' }],
    },
    {
      name: 'goose wraps the migration',
      sql: `-- +goose Up\n${CONCURRENT}\n`,
      scope: TEST_SCOPES.goose,
      findings: [{ line: 2, column: 37, message: 'goose runs this migration in a transaction', help: '-- +goose NO TRANSACTION' }],
    },
    {
      name: 'Flyway does not detect DETACH ... CONCURRENTLY: it runs it in its transaction',
      sql: CONCURRENT,
      scope: TEST_SCOPES.flyway,
      findings: [{ line: 1, column: 37, message: 'Flyway runs this migration in a transaction', help: '`executeInTransaction=false`' }],
    },
  ],
});

describe(`${RULE}: severities`, () => {
  it('the blocking DETACH is a warning; a concurrent one that fails is an error', async () => {
    const { findings } = await lintSql(`${DETACH}\nBEGIN;\n${CONCURRENT}\nCOMMIT;`);
    expect(findings.filter((f) => f.rule === RULE).map((f) => [f.line, f.severity])).toEqual([
      [1, 'warning'],
      [3, 'error'],
    ]);
  });
});
