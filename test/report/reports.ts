// Literal reports for the formatter tests: one with everything the database stage can say, and one
// whose every string is hostile markdown/HTML, as a migration's file names, SQL and identifiers can be.

import { blobLineUrl } from '../../src/github/links.js';
import { buildReport, type DatabaseStageSummary, type FileFindings, type Report } from '../../src/report/report.js';
import type { Finding } from '../../src/types.js';

export function finding(path: string, overrides: Partial<Finding> & Pick<Finding, 'rule' | 'line'>): Finding {
  return {
    path,
    severity: 'error',
    risk: 'high',
    column: 1,
    message: `${overrides.rule} problem.`,
    help: `${overrides.rule} remedy.`,
    ...overrides,
  };
}

const RAN: DatabaseStageSummary = {
  status: 'ran',
  server: 'PostgreSQL 16.4 (service container)',
  notes: ['Drizzle runs all pending migrations in one transaction; the gate applied each new migration in its own transaction.'],
};

export function fullReport(database: DatabaseStageSummary = RAN): Report {
  const ran = database.status === 'ran';
  const files: FileFindings[] = [
    {
      path: 'migrations/0003_add_email.sql',
      status: 'new',
      findings: [
        finding('migrations/0003_add_email.sql', {
          rule: 'require-concurrent-index-creation',
          line: 3,
          message: 'CREATE INDEX on existing table users without CONCURRENTLY blocks all writes to it until the index is built.',
          help: 'Use CREATE INDEX CONCURRENTLY, outside a transaction.',
          statement: 'CREATE INDEX users_email_idx ON users (email)',
        }),
        finding('migrations/0003_add_email.sql', { rule: 'prefer-text-field', line: 2, severity: 'info', risk: 'low', column: 30, statement: 'ALTER TABLE users ADD COLUMN email varchar(255)' }),
      ],
      ...(ran
        ? {
            apply: { status: 'applied' as const, durationMs: 12 },
            rollback: { status: 'verified' as const },
            locks: [
              { line: 2, statement: 'ALTER TABLE users ADD COLUMN email varchar(255)', relation: 'public.users', relationKind: 'table', mode: 'AccessExclusiveLock', blocks: 'reads and writes', rewrite: false },
              { line: 3, statement: 'CREATE INDEX users_email_idx ON users (email)', relation: 'public.users', relationKind: 'table', mode: 'ShareLock', blocks: 'writes', rewrite: false },
            ],
          }
        : {}),
    },
    {
      path: 'migrations/0004_orders_total.sql',
      status: 'modified',
      findings: [
        finding('migrations/0004_orders_total.sql', { rule: 'changing-column-type', line: 1, severity: 'warning', risk: 'high' }),
        finding('migrations/0004_orders_total.sql', { rule: 'rollback-mismatch', line: 1, severity: 'error', risk: 'high' }),
      ],
      ...(ran
        ? {
            apply: { status: 'applied' as const },
            rollback: {
              status: 'mismatch' as const,
              reason: 'the rollback did not restore the schema',
              differences: ['column public.orders.total: type is numeric(12,2), was integer', 'index public.orders_total_idx <left behind>'],
            },
            locks: [
              { line: 1, statement: 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2)', relation: 'public.orders', relationKind: 'table', mode: 'AccessExclusiveLock', blocks: 'reads and writes', rewrite: true },
              { line: 1, statement: 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2)', relation: 'public.orders_total_idx', relationKind: 'index', mode: 'AccessExclusiveLock', blocks: 'reads and writes', rewrite: true },
            ],
          }
        : {}),
    },
    {
      path: 'migrations/0005_seed.sql',
      status: 'new',
      findings: [],
      ...(ran ? { apply: { status: 'failed' as const, reason: 'relation "countries" does not exist (42P01) at line 2' }, rollback: { status: 'skipped' as const }, locks: [] } : {}),
    },
    { path: 'migrations/0001_legacy.sql', status: 'deleted', findings: [finding('migrations/0001_legacy.sql', { rule: 'migration-modified', line: 1 })] },
  ];
  return buildReport(files, database);
}

/** Every string a migration controls, written to break out of markdown, HTML or the comment. */
export function hostileReport(): Report {
  const path = 'migrations/0009_<img src=x onerror=alert(1)>_@octocat_[x](javascript:alert(1))_|pipe|_-->.sql';
  return buildReport(
    [
      {
        path,
        status: 'new',
        findings: [
          finding(path, {
            rule: 'ban-drop-column',
            line: 2,
            message: 'Dropping column "</details><script>x</script>" of table `a|b` @team **bold** <!-- hide -->',
            help: 'Ping @everyone and see ![img](http://evil.example/x.png)\n# heading',
            statement: 'ALTER TABLE t DROP COLUMN "```\n</details>"',
          }),
        ],
        apply: { status: 'applied' },
        rollback: { status: 'no-rollback' },
        locks: [
          { line: 2, statement: 'ALTER TABLE "a|b" DROP COLUMN "<b>x</b>"', relation: 'public."a|b<i>"', relationKind: 'table', mode: 'AccessExclusiveLock', blocks: 'reads and writes', rewrite: false },
        ],
      },
    ],
    { status: 'ran', server: 'PostgreSQL 16.4 <b>(x)</b>' },
  );
}

export const LINE_URL = (migration: { path: string }, line: number) =>
  blobLineUrl({ serverUrl: 'https://github.com', owner: 'octo-org', repo: 'shop', sha: 'a'.repeat(40) }, migration.path, line);
