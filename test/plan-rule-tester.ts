// Table tests for the plan rules: a repository's migration files, a target database set up as the
// runner (and the people around it) left it, and the findings `plan` reports for one rule, run
// against a real Postgres through runPlan.

import { describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../src/config.js';
import type { LayoutName } from '../src/discover/types.js';
import { runPlan } from '../src/plan/run-plan.js';
import type { Report } from '../src/report/report.js';
import { testDatabaseUrl } from './db/postgres.js';
import { createTargetDb, type TargetDb } from './plan/target-db.js';
import { project } from './plan/fixture.js';

export interface PlanCase {
  name: string;
  layout: LayoutName;
  /** Path -> text, relative to the repository root. */
  files: Record<string, string>;
  /** Files written after `migrate` ran: migrations the target has not applied yet. */
  later?: Record<string, string>;
  /** The migrations directory (default `migrations`). */
  dir?: string;
  /** The real runner migrating the target (drizzle-orm's migrator, the dbmate binary), before `target`. */
  migrate?: (target: TargetDb, root: string) => Promise<void>;
  /** SQL run as the admin in the target before the plan. */
  target: string[];
  config?: Partial<Config>;
  /** Runs while the plan reads the target (e.g. holds a lock in another session); gets the target. */
  during?: (target: TargetDb) => Promise<() => Promise<void>>;
}

export interface ExpectedFinding {
  path?: string;
  message?: string;
  severity?: string;
}

export async function runPlanCase(test: PlanCase): Promise<Report> {
  const target = await createTargetDb();
  const repo = project(test.files);
  let release: (() => Promise<void>) | undefined;
  try {
    await test.migrate?.(target, repo.root);
    for (const [path, text] of Object.entries(test.later ?? {})) repo.write(path, text);
    for (const sql of test.target) await target.exec(sql);
    release = await test.during?.(target);
    const config = { ...defaultConfig(), layout: test.layout, migrations: test.dir ?? 'migrations', ...test.config } as Config;
    // schema-drift replays the applied migrations on the test server, never in the target.
    return await runPlan({ cwd: repo.root, config, targetUrl: target.url, databaseUrl: testDatabaseUrl() });
  } finally {
    await release?.();
    repo.cleanup();
    await target.cleanup();
  }
}

export function findingsOf(report: Report, rule: string) {
  return report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === rule).map((f) => ({ path: m.path, ...f })));
}

export function testPlanRule(rule: string, cases: { valid: PlanCase[]; invalid: Array<PlanCase & { findings: ExpectedFinding[] }> }): void {
  describe(rule, () => {
    for (const test of cases.valid) {
      it(`valid: ${test.name}`, async () => {
        expect(findingsOf(await runPlanCase(test), rule).map((f) => f.message)).toEqual([]);
      });
    }
    for (const test of cases.invalid) {
      it(`invalid: ${test.name}`, async () => {
        const found = findingsOf(await runPlanCase(test), rule);
        expect(found.length).toBe(test.findings.length);
        test.findings.forEach((want, index) => {
          const got = found[index]!;
          if (want.path !== undefined) expect(got.path).toBe(want.path);
          if (want.message !== undefined) expect(got.message).toContain(want.message);
          if (want.severity !== undefined) expect(got.severity).toBe(want.severity);
        });
      });
    }
  });
}

/** golang-migrate's table (database/postgres/postgres.go, ensureVersionTable) at `version`. */
export function golangMigrateAt(version: number, dirty = false): string[] {
  return ['CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)', `INSERT INTO schema_migrations VALUES (${version}, ${dirty})`];
}

export const USERS_FILES = {
  'migrations/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
  'migrations/000002_email.up.sql': 'ALTER TABLE users ADD COLUMN email text;\n',
  'migrations/000003_orders.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\nCREATE INDEX orders_user ON orders (user_id);\n',
};
