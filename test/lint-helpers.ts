// Lints SQL held in a string, the way the CLI lints a file, for tests.

import { lintSource, type FileLint } from '../src/lint/lint-file.js';
import { sourceFromText } from '../src/sql/source.js';
import { ensureParser } from '../src/sql/parse.js';
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

/** Runner scopes used by tests (the layouts module defines the real ones per layout). */
export const TEST_SCOPES = {
  psql: PSQL_STYLE_SCOPE,
  drizzle: { wrapsFile: true, nonTransactional: 'never', runner: 'Drizzle' },
  prisma: { wrapsFile: true, nonTransactional: 'single-statement', runner: 'Prisma Migrate' },
  flyway: { wrapsFile: true, nonTransactional: 'detected', runner: 'Flyway' },
} satisfies Record<string, TransactionScope>;
