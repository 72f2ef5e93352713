// Lints SQL held in a string, the way the CLI lints a file, for tests.

import { lintSource, type FileLint } from '../src/lint/lint-file.js';
import { sourceFromText } from '../src/sql/source.js';
import { ensureParser } from '../src/sql/parse.js';
import { DBMATE_SCOPE, DRIZZLE_SCOPE, FLYWAY_SCOPE, GOLANG_MIGRATE_SCOPE, GOOSE_NO_TRANSACTION_SCOPE, GOOSE_SCOPE, PRISMA_SCOPE } from '../src/discover/scopes.js';
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
