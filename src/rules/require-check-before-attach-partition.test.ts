import { afterEach, describe, expect, it } from 'vitest';
import { PrRepo } from '../../test/pr-repo.js';
import { testRule } from '../../test/rule-tester.js';
import { TEST_SCOPES } from '../../test/lint-helpers.js';

const RULE = 'require-check-before-attach-partition';

// The PostgreSQL manual's recipe (ddl-partitioning, "Partition Maintenance"), for a staging table
// an earlier migration created and loaded: CHECK NOT VALID, VALIDATE after a COMMIT, ATTACH, drop the CHECK.
const ADD_CHECK = "ALTER TABLE measurement_y2008m02 ADD CONSTRAINT y2008m02\n   CHECK ( logdate >= DATE '2008-02-01' AND logdate < DATE '2008-03-01' ) NOT VALID;";
const VALIDATE = 'ALTER TABLE measurement_y2008m02 VALIDATE CONSTRAINT y2008m02;';
const ATTACH = "ALTER TABLE measurement ATTACH PARTITION measurement_y2008m02\n    FOR VALUES FROM ('2008-02-01') TO ('2008-03-01' );";

testRule(RULE, {
  valid: [
    { name: 'the manual\'s recipe: a validated CHECK stating the bounds, then ATTACH, then drop the CHECK', sql: `${ADD_CHECK}\n${VALIDATE}\n${ATTACH}\nALTER TABLE measurement_y2008m02 DROP CONSTRAINT y2008m02;` },
    {
      name: 'a CHECK validated as it is added (its own scan is constraint-missing-not-valid\'s concern)',
      sql: "ALTER TABLE measurement_y2008m02 ADD CHECK (logdate >= '2008-02-01'::date AND logdate < '2008-03-01'::date);\n" + ATTACH,
    },
    {
      name: 'a table created earlier in the file: nobody uses it yet (LIKE ... INCLUDING ALL, loaded, attached)',
      sql: "CREATE TABLE events_2025_q2 (LIKE events INCLUDING ALL);\nINSERT INTO events_2025_q2 (event_name, event_date, data)\nVALUES ('Event F', '2025-05-10', '{\"type\": \"conference\"}');\nALTER TABLE events ATTACH PARTITION events_2025_q2\nFOR VALUES FROM ('2025-04-01') TO ('2025-07-01');",
    },
    {
      name: 'list bounds stated by a validated CHECK on the schema-qualified table',
      sql: "BEGIN;\nALTER TABLE archive.orders_eu ADD CONSTRAINT orders_eu_region CHECK (region IN ('de', 'fr', 'it') AND region IS NOT NULL) NOT VALID;\nCOMMIT;\nALTER TABLE archive.orders_eu VALIDATE CONSTRAINT orders_eu_region;\nALTER TABLE archive.orders ATTACH PARTITION archive.orders_eu FOR VALUES IN ('de', 'fr', 'it');",
    },
    {
      name: 'hash bounds stated with satisfies_hash_partition',
      sql: "ALTER TABLE events_p0 ADD CONSTRAINT events_p0_hash CHECK (satisfies_hash_partition('events'::regclass, 4, 0, id));\nALTER TABLE events ATTACH PARTITION events_p0 FOR VALUES WITH (MODULUS 4, REMAINDER 0);",
    },
    {
      name: 'a DEFAULT partition with a validated CHECK (its bounds are the other partitions\', which the file does not show)',
      sql: "ALTER TABLE measurement_old ADD CONSTRAINT measurement_old_before_2008 CHECK (logdate < DATE '2008-01-01');\nALTER TABLE measurement ATTACH PARTITION measurement_old DEFAULT;",
    },
    {
      name: 'dbmate: the CHECK added NOT VALID by the previous migration, validated and attached in this one',
      sql: `-- migrate:up\n${VALIDATE}\n${ATTACH}\nALTER TABLE measurement_y2008m02 DROP CONSTRAINT y2008m02;\n`,
      scope: TEST_SCOPES.dbmate,
    },
    { name: 'DETACH is another rule\'s', sql: 'ALTER TABLE measurement DETACH PARTITION measurement_y2006m02;' },
    { name: 'ALTER INDEX ... ATTACH PARTITION attaches an index', sql: 'CREATE INDEX CONCURRENTLY events_2024_at ON events_2024 (at);\nALTER INDEX events_at ATTACH PARTITION events_2024_at;' },
  ],
  invalid: [
    {
      name: 'an existing table attached without any CHECK',
      sql: ATTACH,
      findings: [
        {
          line: 1,
          column: 42,
          message: 'ATTACH PARTITION scans every row of existing table measurement_y2008m02 to prove it fits the bounds, holding an ACCESS EXCLUSIVE lock on it until the scan ends',
          help: 'add a CHECK constraint stating the bounds with NOT VALID, then VALIDATE CONSTRAINT it in a transaction of its own',
        },
      ],
    },
    {
      name: 'the default partition is named in the message',
      sql: `\n${ATTACH}`,
      findings: [{ line: 2, column: 42, message: 'If measurement has a default partition, that one is scanned too, for rows that now belong to measurement_y2008m02' }],
    },
    {
      name: 'the CHECK is still NOT VALID: Postgres scans anyway',
      sql: `${ADD_CHECK}\n${ATTACH}`,
      findings: [{ line: 3, column: 42, message: 'CHECK constraint y2008m02 states the bounds but is NOT VALID', help: 'VALIDATE CONSTRAINT y2008m02 in a transaction of its own' }],
    },
    {
      name: 'a validated CHECK of other bounds (last month\'s, copied)',
      sql: "ALTER TABLE measurement_y2008m02 ADD CONSTRAINT y2008m02 CHECK (logdate >= DATE '2008-01-01' AND logdate < DATE '2008-02-01');\n" + ATTACH,
      findings: [{ line: 2, column: 42, message: 'no validated CHECK constraint stating those bounds' }],
    },
    {
      name: 'the CHECK is dropped before the ATTACH',
      sql: `${ADD_CHECK}\n${VALIDATE}\nALTER TABLE measurement_y2008m02 DROP CONSTRAINT y2008m02;\n${ATTACH}`,
      findings: [{ line: 5, column: 42 }],
    },
    {
      name: 'the CHECK is on another table',
      sql: "ALTER TABLE measurement_y2008m03 ADD CHECK (logdate >= DATE '2008-02-01' AND logdate < DATE '2008-03-01');\n" + ATTACH,
      findings: [{ line: 2, column: 42 }],
    },
    {
      name: 'Postgres 11 locks the partitioned table ACCESS EXCLUSIVE too',
      sql: ATTACH,
      postgresVersion: 11,
      findings: [{ line: 1, column: 42, message: 'holding an ACCESS EXCLUSIVE lock on it and on partitioned table measurement until the scan ends' }],
    },
    {
      name: 'dbmate runs the migration in one transaction: VALIDATE belongs in a later migration',
      sql: `-- migrate:up\n${ADD_CHECK}\n${ATTACH}\n`,
      scope: TEST_SCOPES.dbmate,
      findings: [{ line: 4, column: 42, help: 'VALIDATE CONSTRAINT y2008m02 in a later migration (dbmate runs each migration in one transaction)' }],
    },
    {
      name: 'Drizzle: a later migration is the same transaction unless deployed on its own',
      sql: 'ALTER TABLE "measurement" ATTACH PARTITION "measurement_y2008m02" FOR VALUES FROM (\'2008-02-01\') TO (\'2008-03-01\');',
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 1, column: 44, help: 'in a later migration deployed on its own (Drizzle runs every pending migration in one transaction), or after `COMMIT;`' }],
    },
    {
      name: 'Prisma: an existing table converted into a partition of a new partitioned table',
      sql: '-- AlterTable\nALTER TABLE "Event" RENAME TO "Event_2024";\n\n-- CreateTable\nCREATE TABLE "Event" (\n    "id" TEXT NOT NULL,\n    "createdAt" TIMESTAMP(3) NOT NULL\n) PARTITION BY RANGE ("createdAt");\n\nALTER TABLE "Event" ATTACH PARTITION "Event_2024" FOR VALUES FROM (\'2024-01-01\') TO (\'2025-01-01\');\n',
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 10, column: 38, message: 'existing table Event_2024', help: 'in a later migration (Prisma Migrate runs each migration in one transaction)' }],
    },
  ],
});

describe(`${RULE}: check --base`, () => {
  let repo: PrRepo | undefined;
  afterEach(() => repo?.remove());
  const MEASUREMENT = "CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL, peaktemp int) PARTITION BY RANGE (logdate);\nCREATE TABLE measurement_y2008m01 PARTITION OF measurement FOR VALUES FROM ('2008-01-01') TO ('2008-02-01');\n";
  const STAGING = "CREATE TABLE measurement_y2008m02 (LIKE measurement INCLUDING DEFAULTS INCLUDING CONSTRAINTS);\nINSERT INTO measurement_y2008m02 VALUES (1, '2008-02-10', 20);\n";
  const ruleFindings = async () => (await repo!.check()).report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === RULE).map((f) => `${m.path}:${f.line}:${f.column}`));

  it('a staging table an earlier new migration of the branch creates is not in use: silent', async () => {
    repo = new PrRepo({ 'migrations/0001_measurement.sql': MEASUREMENT }).change({
      write: { 'migrations/0002_stage_february.sql': STAGING, 'migrations/0003_attach_february.sql': `${ATTACH}\n` },
    });
    expect(await ruleFindings()).toEqual([]);
  });

  it('the same staging table merged before is existing: reported', async () => {
    repo = new PrRepo({ 'migrations/0001_measurement.sql': MEASUREMENT, 'migrations/0002_stage_february.sql': STAGING }).change({
      write: { 'migrations/0003_attach_february.sql': `${ATTACH}\n` },
    });
    expect(await ruleFindings()).toEqual(['migrations/0003_attach_february.sql:1:42']);
  });
});
