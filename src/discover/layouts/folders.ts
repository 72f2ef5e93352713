// Layouts with one folder per migration, `<timestamp>_<name>/migration.sql`: Prisma Migrate and
// drizzle-kit 1.0's "folders" format. Both runners take the folders in name order.

import { problemAt } from '../problems.js';
import { dirName, fileRef, reportPath } from '../paths.js';
import type { LayoutName, Migration } from '../types.js';
import { compareNames, splitVersionPrefix, versionKeyOf } from '../version.js';
import type { LayoutInput, LayoutOutput } from './layout.js';
import path from 'node:path';

export const MIGRATION_FILE = 'migration.sql';

/** First-level folders of the directory (the ones holding at least one file). */
export function migrationFolders(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash !== -1) folders.add(file.slice(0, slash));
  }
  return [...folders].sort(compareNames);
}

export function discoverFolders(
  input: LayoutInput,
  layout: LayoutName,
  shape: Pick<Migration, 'scope' | 'statementSplit'>,
  ignoredFolders: ReadonlySet<string>,
): LayoutOutput {
  const output: LayoutOutput = { migrations: [], problems: [] };
  for (const folder of migrationFolders(input.files)) {
    if (ignoredFolders.has(folder)) continue;
    const file = `${folder}/${MIGRATION_FILE}`;
    if (!input.has(file)) {
      // Both runners read every folder and stop at one without its script.
      output.problems.push(
        problemAt(
          'missing-migration-sql',
          reportPath(input.base.cwd, path.join(input.base.absoluteDir, folder)),
          `migration folder ${folder} has no ${MIGRATION_FILE}, and the runner fails on it; add the SQL or remove the folder`,
        ),
      );
      continue;
    }
    if (!input.includes(file)) continue;
    const parts = splitVersionPrefix(folder) ?? { version: '', name: folder };
    output.migrations.push({
      ...fileRef(input.base, file),
      layout,
      kind: 'versioned',
      version: parts.version,
      versionKey: versionKeyOf(parts.version),
      name: parts.name,
      rollback: { kind: 'none' },
      ...shape,
    });
  }
  for (const file of input.files) {
    if (dirName(file) === '' && file.endsWith('.sql') && input.includes(file)) {
      output.problems.push(
        problemAt(
          'unrecognized-file',
          fileRef(input.base, file).path,
          `${file} is not in a migration folder, so the runner never runs it; move it to <timestamp>_<name>/${MIGRATION_FILE}`,
        ),
      );
    }
  }
  // The runner's order is the folders' name order (already sorted); keep it even for odd names.
  return output;
}
