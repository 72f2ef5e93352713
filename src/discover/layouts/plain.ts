// Plain sequence (`0001_add_users.sql`) and timestamp (`20250528120000_add_user_prefs.sql`) files,
// run in version order by psql-style runners, each optionally paired with a rollback file named
// after it (`0001_add_users_rollback.sql`). A rollback file is not a migration of its own.

import { problemAt } from '../problems.js';
import { fileRef } from '../paths.js';
import { plainScope } from '../scopes.js';
import type { FileRef } from '../types.js';
import { compareInRunnerOrder } from '../runner-order.js';
import { splitVersionPrefix, versionKeyOf } from '../version.js';
import { topLevelSqlFiles, type DiscoverLayout, type LayoutOutput } from './layout.js';

export const discoverPlain: DiscoverLayout = async (input) => {
  const output: LayoutOutput = { migrations: [], problems: [] };
  const suffix = normalizeSuffix(input.options.rollbackSuffix);
  const files = topLevelSqlFiles(input);
  const inScope = new Set(files);
  const rollbacksByMigration = new Map<string, FileRef>();

  for (const file of files) {
    if (!file.endsWith(suffix) || file.length === suffix.length) continue;
    const migrationFile = `${file.slice(0, -suffix.length)}.sql`;
    const rollback = fileRef(input.base, file);
    if (inScope.has(migrationFile)) rollbacksByMigration.set(migrationFile, rollback);
    else {
      output.problems.push(
        problemAt(
          'orphan-rollback',
          rollback.path,
          `rollback file without a migration: there is no ${migrationFile} beside it; rename it to match its migration (<migration>${suffix}) or remove it`,
        ),
      );
    }
  }

  for (const file of files) {
    if (file.endsWith(suffix) && file.length > suffix.length) continue;
    const ref = fileRef(input.base, file);
    const parts = splitVersionPrefix(file.slice(0, -'.sql'.length));
    if (!parts) {
      output.problems.push(
        problemAt(
          'unrecognized-file',
          ref.path,
          `${file} does not start with a version number, so the runner's order for it is unknown; rename it to <version>_<name>.sql (e.g. 0001_${file}) or move it out of the migrations directory`,
        ),
      );
      continue;
    }
    const rollback = rollbacksByMigration.get(file);
    const marker = input.options.plainRunner.noTransactionMarker;
    // The runner looks for its marker anywhere in the file's text (postgres-migrations: `sql.includes(...)`).
    const optedOut = marker !== undefined && ((await input.tree.readFile(file))?.toString('utf8').includes(marker) ?? false);
    output.migrations.push({
      ...ref,
      layout: 'plain',
      kind: 'versioned',
      version: parts.version,
      versionKey: versionKeyOf(parts.version),
      name: parts.name,
      rollback: rollback ? { kind: 'file', ...rollback } : { kind: 'none' },
      scope: plainScope(input.options.plainRunner, optedOut),
      statementSplit: 'parser',
    });
  }

  output.migrations.sort((a, b) => compareInRunnerOrder('plain', a, b));
  return output;
};

/** A suffix written without `.sql` (`_rollback`) still names `.sql` files. */
function normalizeSuffix(suffix: string): string {
  return suffix.endsWith('.sql') ? suffix : `${suffix}.sql`;
}
