// golang-migrate: `<version>_<name>.up.sql` with an optional `<version>_<name>.down.sql`. Versions
// are unsigned integers (`0001` and `1` are one version) applied in numeric order; files that do
// not match the pattern are skipped by the tool without a word, which is why they are reported.

import { fileRef } from '../paths.js';
import { problemAt } from '../problems.js';
import { GOLANG_MIGRATE_MULTI_STATEMENT_SCOPE, GOLANG_MIGRATE_SCOPE } from '../scopes.js';
import type { FileRef } from '../types.js';
import { compareInRunnerOrder } from '../runner-order.js';
import { versionKeyOf } from '../version.js';
import { topLevelSqlFiles, type DiscoverLayout, type LayoutOutput } from './layout.js';

/** The tool's own pattern: version, `_`, name, `.up`/`.down`, extension. */
const FILE_PATTERN = /^(\d+)_(.*)\.(up|down)\.sql$/s;

export const discoverGolangMigrate: DiscoverLayout = async (input) => {
  const output: LayoutOutput = { migrations: [], problems: [] };
  const scope = input.options.golangMigrateMultiStatement ? GOLANG_MIGRATE_MULTI_STATEMENT_SCOPE : GOLANG_MIGRATE_SCOPE;
  const ups: Array<{ ref: FileRef; version: string; name: string; key: string }> = [];
  const downsByVersion = new Map<string, FileRef>();

  for (const file of topLevelSqlFiles(input)) {
    const ref = fileRef(input.base, file);
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      output.problems.push(
        problemAt(
          'unrecognized-file',
          ref.path,
          `golang-migrate silently skips ${file}: it is not <version>_<name>.up.sql or .down.sql; rename it or move it out of the migrations directory`,
        ),
      );
      continue;
    }
    const [, version, name, direction] = match as unknown as [string, string, string, 'up' | 'down'];
    const key = versionKeyOf(version).join('.');
    if (direction === 'up') {
      ups.push({ ref, version, name, key });
    } else if (downsByVersion.has(key)) {
      output.problems.push(
        problemAt(
          'duplicate-rollback',
          ref.path,
          `version ${version} already has a down file (${downsByVersion.get(key)!.path}), and golang-migrate refuses to start with two; keep one`,
        ),
      );
    } else {
      downsByVersion.set(key, ref);
    }
  }

  const upVersions = new Set(ups.map((up) => up.key));
  for (const [key, down] of downsByVersion) {
    if (upVersions.has(key)) continue;
    output.problems.push(
      problemAt(
        'orphan-rollback',
        down.path,
        `down migration without an up migration of the same version; add the .up.sql or remove this file`,
      ),
    );
  }

  for (const up of ups) {
    const down = downsByVersion.get(up.key);
    output.migrations.push({
      ...up.ref,
      layout: 'golang-migrate',
      kind: 'versioned',
      version: up.version,
      versionKey: versionKeyOf(up.version),
      name: up.name,
      rollback: down ? { kind: 'file', ...down } : { kind: 'none' },
      scope,
      statementSplit: 'parser',
    });
  }
  output.migrations.sort((a, b) => compareInRunnerOrder('golang-migrate', a, b));
  return output;
};
