// Issue "Judge the pull request", points 5 and 6: a table that an earlier new migration of the
// same PR creates is new for the later ones too (statically and in the database stage), until it
// goes live: attached as a partition of a live table, or renamed into an existing table's place.

import { afterEach, describe, expect, it } from 'vitest';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

const PRISMA_USER = `-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
`;
const PRISMA_INVOICE = `-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);
`;
const PRISMA_INVOICE_INDEX = `-- AlterTable
ALTER TABLE "Invoice" ALTER COLUMN "amount" SET DATA TYPE BIGINT;

-- CreateIndex
CREATE INDEX "Invoice_userId_idx" ON "Invoice"("userId");
`;

const rulesAt = (report: Awaited<ReturnType<PrRepo['check']>>['report'], path: string) =>
  report.migrations.find((m) => m.path === path)?.findings.map((f) => `${f.line} ${f.rule}`) ?? [];

describe('tables created by an earlier new migration of the PR', () => {
  it('Prisma: a second folder that indexes and retypes the table the first one creates reports nothing, statically or in the database', async () => {
    repo = new PrRepo({ 'prisma/migrations/20240101120000_init/migration.sql': PRISMA_USER, 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' });
    repo.change({
      write: {
        'prisma/migrations/20240301090000_add_invoices/migration.sql': PRISMA_INVOICE,
        'prisma/migrations/20240301093000_invoice_user_index/migration.sql': PRISMA_INVOICE_INDEX,
      },
    });
    const { report, code } = await repo.check(['--dir', 'prisma/migrations']);
    const second = 'prisma/migrations/20240301093000_invoice_user_index/migration.sql';
    expect(rulesAt(report, second)).toEqual([]);
    const row = report.migrations.find((m) => m.path === second)!;
    expect(row.apply?.status).toBe('applied');
    expect(row.locks).toEqual([]);
    expect(code).toBe(0);
  });

  it('the same second folder on a table that was merged before is reported', async () => {
    repo = new PrRepo({
      'prisma/migrations/20240101120000_init/migration.sql': PRISMA_USER,
      'prisma/migrations/20240201120000_add_invoices/migration.sql': PRISMA_INVOICE,
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
    });
    repo.change({ write: { 'prisma/migrations/20240301093000_invoice_user_index/migration.sql': PRISMA_INVOICE_INDEX } });
    const { report } = await repo.check(['--dir', 'prisma/migrations']);
    const rules = rulesAt(report, 'prisma/migrations/20240301093000_invoice_user_index/migration.sql');
    expect(rules).toEqual(expect.arrayContaining(['2 changing-column-type', '5 require-concurrent-index-creation']));
    // The trace saw the rewrite: the static finding says so rather than a second one at the same statement.
    const row = report.migrations.find((m) => m.path === 'prisma/migrations/20240301093000_invoice_user_index/migration.sql')!;
    expect(row.findings.find((f) => f.rule === 'changing-column-type')!.message).toContain('Observed: the table was rewritten on PostgreSQL');
    expect(rules).not.toContain('2 table-rewrite');
  });
});

describe('a new table that goes live', () => {
  const MEASUREMENTS = `CREATE TABLE measurements (
  device_id bigint NOT NULL,
  taken_at timestamptz NOT NULL,
  value double precision
) PARTITION BY RANGE (taken_at);
CREATE TABLE measurements_2024_12 PARTITION OF measurements FOR VALUES FROM ('2024-12-01') TO ('2025-01-01');
`;

  it('attached as a partition of a live table: later statements on it are on an existing table', async () => {
    repo = new PrRepo({ 'migrations/0001_create_measurements.sql': MEASUREMENTS });
    repo.change({
      write: {
        'migrations/0002_measurements_2025_01.sql': `CREATE TABLE measurements_2025_01 (LIKE measurements INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE INDEX measurements_2025_01_taken_at_idx ON measurements_2025_01 (taken_at);
ALTER TABLE measurements ATTACH PARTITION measurements_2025_01 FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE INDEX measurements_2025_01_device_idx ON measurements_2025_01 (device_id);
`,
      },
    });
    const { report } = await repo.check();
    const rules = rulesAt(report, 'migrations/0002_measurements_2025_01.sql').filter((r) => r.endsWith('require-concurrent-index-creation'));
    // The index built before the ATTACH is on a new table; the one after it blocks writes to the live partition.
    expect(rules).toEqual(['4 require-concurrent-index-creation']);
  });

  it('renamed into the place of an existing table (the swap pattern), across two new migrations', async () => {
    repo = new PrRepo({ 'migrations/0001_create_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n' });
    repo.change({
      write: {
        'migrations/0002_create_users_v2.sql': 'CREATE TABLE users_v2 (LIKE users INCLUDING ALL);\nCREATE INDEX users_v2_email_idx ON users_v2 (email);\n',
        'migrations/0003_swap_users.sql': `BEGIN;
INSERT INTO users_v2 SELECT * FROM users;
ALTER TABLE users RENAME TO users_old;
ALTER TABLE users_v2 RENAME TO users;
COMMIT;
CREATE INDEX users_lower_email_idx ON users (lower(email));
`,
      },
    });
    const { report } = await repo.check();
    expect(rulesAt(report, 'migrations/0002_create_users_v2.sql').filter((r) => r.includes('concurrent'))).toEqual([]);
    const swap = rulesAt(report, 'migrations/0003_swap_users.sql');
    expect(swap.filter((r) => r.includes('concurrent'))).toEqual(['6 require-concurrent-index-creation']);
    // Renaming the live table away is still a rename of an existing table.
    expect(swap).toContain('3 renaming-table');
    expect(swap).not.toContain('4 renaming-table');
  });
});
