// The tester of database rules (STYLE.md, example 5): each case is a small plain-layout history
// (`before`: merged migrations, `sql`: the new one, `rollback`: its paired rollback file) that
// the real database stage applies on the test server, in scratch databases of its own. `valid`
// cases must give no finding of the rule, `invalid` ones exactly the listed findings; every case
// must leave no scratch database behind.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { discoverMigrations, type Migration } from '../src/discover/index.js';
import type { Finding, TransactionScope } from '../src/types.js';
import { runDatabaseStage, type DatabaseStageResult } from '../src/verify/stage.js';
import type { VerifySetOptions } from '../src/verify/verify-set.js';
import { ownScratchDatabases, testDatabaseUrl } from './db/postgres.js';

export interface DatabaseCase {
  name: string;
  /** Merged migrations, one file each, applied before the new one. */
  before?: string[];
  /** The new migration (`migrations/0100_change.sql`). */
  sql: string;
  /** Its rollback (`migrations/0100_change_rollback.sql`). */
  rollback?: string;
  /** Run by another session on the scratch database just before the migration, in a transaction held until it ends. */
  hold?: string;
  /**
   * Run by another session just before the migration, each statement on its own outside a
   * transaction; errors are expected (a CREATE INDEX CONCURRENTLY that fails and leaves an invalid index).
   */
  setup?: string[];
  /** Instead of `hold`: the stage's own hook, for sessions that do more than hold (release on a condition). */
  beforeApply?: VerifySetOptions['beforeApply'];
  database?: Partial<Config['database']>;
  /** The URL the stage is given (default: the test server's admin URL). */
  databaseUrl?: string;
  /** Config `database.setup` as inline SQL: run in the base database before the history. */
  baseSetup?: string[];
  /** How the runner wraps the new migration (default: a psql-style runner, the plain layout's). */
  scope?: TransactionScope;
}

export interface ExpectedDatabaseFinding {
  line: number;
  column?: number;
  /** A part of the message the finding must contain. */
  message?: string;
  /** The finding is in the rollback file, not in the migration. */
  inRollback?: boolean;
}

export interface InvalidDatabaseCase extends DatabaseCase {
  findings: ExpectedDatabaseFinding[];
}

export const CHANGE_PATH = 'migrations/0100_change.sql';
export const ROLLBACK_PATH = 'migrations/0100_change_rollback.sql';

export function testDatabaseRule(ruleId: string, cases: { valid: DatabaseCase[]; invalid: InvalidDatabaseCase[] }): void {
  describe(ruleId, () => {
    describe('valid', () => {
      for (const testCase of cases.valid) {
        it(testCase.name, async () => {
          const { findings } = await runCase(testCase);
          expect(findings.filter((finding) => finding.rule === ruleId).map(summary)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(testCase.name, async () => {
          const { findings } = await runCase(testCase);
          const actual = findings.filter((finding) => finding.rule === ruleId);
          expect(actual.map((f) => ({ path: f.path, line: f.line, column: f.column }))).toEqual(
            testCase.findings.map((f, i) => ({ path: f.inRollback ? ROLLBACK_PATH : CHANGE_PATH, line: f.line, column: f.column ?? actual[i]?.column })),
          );
          testCase.findings.forEach((expected, i) => {
            if (expected.message) expect(actual[i]!.message).toContain(expected.message);
            expect(actual[i]!.help.length).toBeGreaterThan(0);
          });
        });
      }
    });
  });
}

export interface CaseResult {
  findings: Finding[];
  stage: DatabaseStageResult;
}

/** Runs one case through the database stage; checks that it left no scratch database. */
export async function runCase(testCase: DatabaseCase): Promise<CaseResult> {
  const url = testDatabaseUrl();
  const root = mkdtempSync(path.join(tmpdir(), 'pgmg-dbrule-'));
  const held: pg.Client[] = [];
  const before = await ownScratchDatabases(url);
  try {
    mkdirSync(path.join(root, 'migrations'));
    (testCase.before ?? []).forEach((sql, index) => writeFileSync(path.join(root, `migrations/${String(index + 1).padStart(4, '0')}_before.sql`), sql));
    writeFileSync(path.join(root, CHANGE_PATH), testCase.sql);
    if (testCase.rollback !== undefined) writeFileSync(path.join(root, ROLLBACK_PATH), testCase.rollback);
    const discovery = await discoverMigrations(path.join(root, 'migrations'), { cwd: root, layout: 'plain', rollbackSuffix: '_rollback.sql' });
    const migrations = discovery.migrations.map((migration: Migration) =>
      migration.path === CHANGE_PATH && testCase.scope ? { ...migration, scope: testCase.scope } : migration,
    );
    const change = migrations.find((migration) => migration.path === CHANGE_PATH)!;
    const stage = await runDatabaseStage({
      sets: [{ migrations, checked: new Map([[change.path, 'new']]) }],
      databaseUrl: testCase.databaseUrl ?? url,
      settings: { ...defaultConfig().database, ...testCase.database },
      severities: new Map(),
      ...(testCase.baseSetup
        ? { setup: testCase.baseSetup.map((sql, index) => ({ kind: 'setup' as const, label: `database.setup.${index} (inline SQL)`, raw: Buffer.from(sql) })) }
        : {}),
      ...(testCase.beforeApply ? { beforeApply: testCase.beforeApply } : {}),
      ...(testCase.hold || testCase.setup
        ? {
            beforeApply: async (databaseUrl: string) => {
              const session = await connect(databaseUrl);
              held.push(session);
              for (const statement of testCase.setup ?? []) await session.query(statement).catch(() => undefined);
              if (!testCase.hold) return;
              await session.query('BEGIN');
              await session.query(testCase.hold);
              return async () => {
                await session.end().catch(() => undefined);
              };
            },
          }
        : {}),
    });
    const findings = [...stage.files.values()].flatMap((file) => file.findings).concat(stage.extraFiles.flatMap((file) => file.findings));
    return { findings, stage };
  } finally {
    await Promise.all(held.map((session) => session.end().catch(() => undefined)));
    rmSync(root, { recursive: true, force: true });
    expect(await ownScratchDatabases(url)).toEqual(before);
  }
}

function summary(finding: Finding): string {
  return `${finding.path}:${finding.line}:${finding.column} ${finding.message}`;
}
