// Lints SQL held in a string, the way the CLI lints a file, for tests; and a migrations directory
// built from literal files, the way `lint DIR` does.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { configSchema } from '../src/config/schema.js';
import { runLint } from '../src/gate.js';
import { lintSource, type FileLint } from '../src/lint/lint-file.js';
import { sourceFromText } from '../src/sql/source.js';
import { ensureParser } from '../src/sql/parse.js';
import { DBMATE_SCOPE, DRIZZLE_SCOPE, FLYWAY_SCOPE, GOLANG_MIGRATE_SCOPE, GOOSE_NO_TRANSACTION_SCOPE, GOOSE_SCOPE, PRISMA_SCOPE } from '../src/discover/scopes.js';
import type { ReportFinding } from '../src/report/report.js';
import { PSQL_STYLE_SCOPE, type SeveritySetting, type TransactionScope } from '../src/types.js';

export interface LintSqlOptions {
  path?: string;
  postgresVersion?: number;
  scope?: TransactionScope;
  /** Severity overrides, as in the config file's `rules:`. */
  rules?: Record<string, SeveritySetting>;
}

export async function lintSql(sql: string, options: LintSqlOptions = {}): Promise<FileLint> {
  await ensureParser();
  return lintSource(sourceFromText(options.path ?? 'migration.sql', sql), {
    postgresVersion: options.postgresVersion ?? 16,
    severities: new Map(Object.entries(options.rules ?? {})),
    scope: options.scope ?? PSQL_STYLE_SCOPE,
  });
}

/** The runners' real scopes, by a short name. */
export const TEST_SCOPES = {
  psql: PSQL_STYLE_SCOPE,
  drizzle: DRIZZLE_SCOPE,
  prisma: PRISMA_SCOPE,
  flyway: FLYWAY_SCOPE,
  dbmate: DBMATE_SCOPE,
  'golang-migrate': GOLANG_MIGRATE_SCOPE,
  goose: GOOSE_SCOPE,
  'goose-no-transaction': GOOSE_NO_TRANSACTION_SCOPE,
} satisfies Record<string, TransactionScope>;

/**
 * Writes `files` (paths relative to the working directory, e.g. `drizzle/0001_x.sql`) to a temporary
 * directory and runs `lint` over `dirs` there (paths are relative to it). A `<dir>/meta/_journal.json` is written for each key
 * of `drizzleJournals`, listing the given tags in order. Returns the findings of `ruleId`, each with its file.
 */
export async function lintDirectories(
  dirs: string[],
  files: Record<string, string>,
  options: { ruleId: string; drizzleJournals?: Record<string, string[]>; postgresVersion?: number },
): Promise<Array<ReportFinding & { path: string }>> {
  const root = mkdtempSync(join(tmpdir(), 'pgmg-lint-dir-'));
  try {
    const journals = Object.entries(options.drizzleJournals ?? {}).map(([dir, tags]) => [
      `${dir}/meta/_journal.json`,
      JSON.stringify({
        version: '7',
        dialect: 'postgresql',
        entries: tags.map((tag, idx) => ({ idx, version: '7', when: 1736500000000 + idx * 1000, tag, breakpoints: true })),
      }),
    ]);
    for (const [path, content] of [...Object.entries(files), ...journals] as Array<[string, string]>) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const config = configSchema.parse({ 'postgres-version': options.postgresVersion ?? 16, rules: { [options.ruleId]: 'info' } });
    const report = await runLint({ cwd: root, paths: dirs, config });
    return report.migrations.flatMap((migration) =>
      migration.findings.filter((finding) => finding.rule === options.ruleId).map((finding) => ({ ...finding, path: migration.path })),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
