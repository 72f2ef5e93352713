// `check` on a real Postgres: what the database showed settles the static rules' predictions about
// the same statement and table (src/verify/evidence.ts). A rewrite the trace saw is one finding, the
// static one, saying it was observed; a rewrite it did not see lowers the prediction to a note.

import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationReport, Report } from '../../src/report/report.js';
import { PrRepo } from '../pr-repo.js';

const BASE = {
  'migrations/0001_tables.sql': [
    'CREATE TABLE users (id bigint PRIMARY KEY, score int, email varchar(50), name varchar(50), seen_at timestamp, created_at timestamp);',
    "CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at);",
    "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
    '',
  ].join('\n'),
};

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

function file(report: Report, path: string): MigrationReport {
  return report.migrations.find((migration) => migration.path === path)!;
}

/** `line rule severity` of the findings about rewrites and locks, the ones evidence settles. */
function settled(migration: MigrationReport): string[] {
  const rules = ['changing-column-type', 'adding-field-with-default', 'ban-vacuum-full-and-cluster', 'table-rewrite', 'access-exclusive-lock'];
  return migration.findings.filter((f) => rules.includes(f.rule)).map((f) => `${f.line} ${f.rule} ${f.severity}`);
}

function serverMajor(report: Report): number {
  return Number(/PostgreSQL (\d+)/.exec(report.database?.server ?? '')?.[1]);
}

describe('check: evidence settles the static predictions', () => {
  it('a rewrite seen or not seen, with the target version the same as far as rewrites go', async () => {
    repo = new PrRepo(BASE).change({
      write: {
        'migrations/0002_score_bigint.sql': "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN score TYPE bigint;\n",
        'migrations/0003_email_longer.sql': "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN email TYPE varchar(100);\n",
        'migrations/0004_name_text.sql': "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN name TYPE text;\n",
        'migrations/0005_token.sql': "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n",
        'migrations/0006_seen_at_utc.sql': "SET lock_timeout = '2s';\nSET TimeZone = 'UTC';\nALTER TABLE users ALTER COLUMN seen_at TYPE timestamptz;\n",
        'migrations/0007_created_at_paris.sql': "SET lock_timeout = '2s';\nSET TimeZone = 'Europe/Paris';\nALTER TABLE users ALTER COLUMN created_at TYPE timestamptz;\n",
        'migrations/0008_events_bigint.sql': "SET lock_timeout = '2s';\nALTER TABLE events ALTER COLUMN id TYPE bigint;\n",
      },
    });
    const { report } = await repo.check();
    const major = serverMajor(report);
    expect(major).toBeGreaterThanOrEqual(12);
    const sameWay = major === 16 ? '' : " PostgreSQL 16, the config's target, decides this the same way.";

    // int -> bigint: one finding that says the rewrite was observed, not three.
    const score = file(report, 'migrations/0002_score_bigint.sql');
    expect(settled(score)).toEqual(['2 changing-column-type error']);
    expect(score.findings[0]!.message).toMatch(/rewrites the table .*Observed: the table was rewritten on PostgreSQL \d+, under an ACCESS EXCLUSIVE lock held until the statement finishes\.$/);
    expect(score.findings[0]!.message).toContain(`on PostgreSQL ${major},`);
    expect(score.locks).toContainEqual(expect.objectContaining({ line: 2, relation: 'users', rewrite: true }));

    // Widening a varchar, and varchar -> text: no rewrite, so the prediction is a note; the lock stays shown.
    for (const path of ['migrations/0003_email_longer.sql', 'migrations/0004_name_text.sql']) {
      const migration = file(report, path);
      expect(settled(migration)).toEqual(['2 access-exclusive-lock info', '2 changing-column-type info']);
      const claim = migration.findings.find((f) => f.rule === 'changing-column-type')!;
      expect(claim.message).toMatch(/may rewrite the table .* No rewrite observed on PostgreSQL \d+: the table kept its data file, so this is a note\.( PostgreSQL 16, the config's target, decides this the same way\.)?$/);
      expect(claim.message.endsWith(`No rewrite observed on PostgreSQL ${major}: the table kept its data file, so this is a note.${sameWay}`)).toBe(true);
    }

    // A volatile default: the warning and the trace's error are one finding, at the stronger severity.
    const token = file(report, 'migrations/0005_token.sql');
    expect(settled(token)).toEqual(['2 adding-field-with-default error']);
    expect(token.findings.find((f) => f.rule === 'adding-field-with-default')!.message).toContain(`Observed: the table was rewritten on PostgreSQL ${major}`);

    // timestamp -> timestamptz keeps the file only under TimeZone UTC, which the message says.
    const utc = file(report, 'migrations/0006_seen_at_utc.sql');
    expect(settled(utc)).toEqual(['3 access-exclusive-lock info', '3 changing-column-type info']);
    expect(utc.findings.find((f) => f.rule === 'changing-column-type')!.message).toContain(
      `No rewrite observed on PostgreSQL ${major}: the table kept its data file, so this is a note.${sameWay} The session's TimeZone was UTC; under another TimeZone this change rewrites the table.`,
    );
    const paris = file(report, 'migrations/0007_created_at_paris.sql');
    expect(settled(paris)).toEqual(['3 changing-column-type error']);

    // The partitions were rewritten, not the partitioned table the claim names: nothing is paired.
    const events = file(report, 'migrations/0008_events_bigint.sql');
    expect(settled(events)).toEqual(expect.arrayContaining(['2 changing-column-type error', '2 table-rewrite error']));
    expect(events.findings.find((f) => f.rule === 'changing-column-type')!.message).not.toMatch(/[Oo]bserved/);
  });

  it('no rewrite on a server whose rewrites may differ from the target version: the finding keeps its severity', async () => {
    repo = new PrRepo({ ...BASE, '.migration-gate.yml': 'postgres-version: 11\n' }).change({
      write: { 'migrations/0002_seen_at.sql': "SET lock_timeout = '2s';\nSET TimeZone = 'UTC';\nALTER TABLE users ALTER COLUMN seen_at TYPE timestamptz;\n" },
    });
    const { report } = await repo.check();
    const major = serverMajor(report);
    const migration = file(report, 'migrations/0002_seen_at.sql');
    expect(settled(migration)).toEqual(['3 access-exclusive-lock info', '3 changing-column-type error']);
    expect(migration.findings.find((f) => f.rule === 'changing-column-type')!.message).toContain(
      `No rewrite observed on PostgreSQL ${major}, but the config targets PostgreSQL 11, where this can differ: run the check on a PostgreSQL 11 server to settle it. The session's TimeZone was UTC`,
    );
  });

  it('VACUUM FULL (outside a transaction) and CLUSTER: one finding each, the static one, saying the rewrite was observed', async () => {
    repo = new PrRepo(BASE).change({
      write: {
        'migrations/0002_vacuum_users.sql': "SET lock_timeout = '2s';\nVACUUM FULL users;\n",
        'migrations/0003_cluster_users.sql': "SET lock_timeout = '2s';\nCLUSTER users USING users_pkey;\n",
      },
    });
    const { report } = await repo.check();
    for (const path of ['migrations/0002_vacuum_users.sql', 'migrations/0003_cluster_users.sql']) {
      const migration = file(report, path);
      expect(settled(migration)).toEqual(['2 ban-vacuum-full-and-cluster error']);
      expect(migration.findings.find((f) => f.rule === 'ban-vacuum-full-and-cluster')!.message).toMatch(/Observed: the table was rewritten on PostgreSQL \d+, under an ACCESS EXCLUSIVE lock/);
    }
  });

  it('an ignored table-rewrite still confirms the prediction, and the prediction ignored leaves the trace alone', async () => {
    repo = new PrRepo(BASE).change({
      write: {
        'migrations/0002_score.sql': "SET lock_timeout = '2s';\n-- pg-migration-gate-ignore table-rewrite -- 40 rows\nALTER TABLE users ALTER COLUMN score TYPE bigint;\n",
        'migrations/0003_email.sql': "SET lock_timeout = '2s';\n-- pg-migration-gate-ignore changing-column-type -- 40 rows\nALTER TABLE users ALTER COLUMN email TYPE varchar(10);\n",
      },
    });
    const { report } = await repo.check();
    expect(settled(file(report, 'migrations/0002_score.sql'))).toEqual(['3 changing-column-type error']);
    expect(settled(file(report, 'migrations/0003_email.sql'))).toEqual(['3 access-exclusive-lock info', '3 table-rewrite error']);
  });
});
