// goose (pressly/goose v3): `<version>_<description>.sql` files directly in the directory, each
// with a `-- +goose Up` section and an optional `-- +goose Down` section (its rollback), applied in
// version order. The version is the int64 before the first `_` (NumericComponent in migration.go:
// `strconv.ParseInt(base[:idx], 10, 64)`, at least 1), so `00001` and `20230915102030` are both
// versions and sort as numbers. `.go` files named the same way are Go migrations that goose runs in
// the same sequence (`_test.go` files and `.go` files without a version are skipped); the gate
// cannot run Go code, so they are not migrations here, but their versions still clash, and the
// SQL migrations after them carry their names so that the database stage can say it skipped them.

import { ensureParser } from '../../sql/parse.js';
import { fileRef } from '../paths.js';
import { parseGooseFile, type GooseFile } from '../goose-sections.js';
import { gooseSplitProblems } from '../goose-split-check.js';
import { lineAt, lineStartsOf } from '../lines.js';
import { problemAt } from '../problems.js';
import { GOOSE_NO_TRANSACTION_SCOPE, GOOSE_SCOPE } from '../scopes.js';
import type { DiscoveryProblem, MigrationSection, SectionRange } from '../types.js';
import { compareInRunnerOrder } from '../runner-order.js';
import { compareVersionKeys, versionKeyOf } from '../version.js';
import { topLevelSqlFiles, type DiscoverLayout, type LayoutOutput } from './layout.js';

const SQL_NAME = /^(\d+)_(.*)\.sql$/s;
const GO_NAME = /^(\d+)_.*\.go$/s;
const INT64_MAX = '9223372036854775807';

export const discoverGoose: DiscoverLayout = async (input) => {
  const output: LayoutOutput = { migrations: [], problems: [] };
  const goMigrations = goMigrationsOf(input.files).map((go) => ({ ...go, path: fileRef(input.base, go.file).path }));
  const sqlFiles = topLevelSqlFiles(input);
  if (sqlFiles.length > 0) await ensureParser();

  for (const file of sqlFiles) {
    const ref = fileRef(input.base, file);
    const match = SQL_NAME.exec(file);
    if (!match || !isGooseVersion(match[1]!)) {
      output.problems.push(
        problemAt(
          'unrecognized-file',
          ref.path,
          `goose cannot read a version from ${file}: a migration is named <version>_<description>.sql with a version from 1 to ${INT64_MAX}. ` +
            'The goose command refuses to run the directory ("could not parse SQL migration file") and goose\'s Provider API skips the file; rename it or move it out of the migrations directory',
        ),
      );
      continue;
    }
    const raw = await input.tree.readFile(file);
    if (!raw) {
      output.problems.push(problemAt('unreadable-file', ref.path, `${file} cannot be read; check the file's permissions`));
      continue;
    }
    const [, version, name] = match as unknown as [string, string, string];
    const versionKey = versionKeyOf(version);
    const parsed = parseGooseFile(raw);
    // A file goose refuses is still linted whole, so that its SQL gets checked.
    output.problems.push(...problemsOf(ref.path, raw, parsed));
    const scope = parsed.noTransaction ? GOOSE_NO_TRANSACTION_SCOPE : GOOSE_SCOPE;
    const sections: MigrationSection[] =
      parsed.up.ok && parsed.upRange
        ? [{ up: parsed.upRange, upOptions: {}, upScope: scope, down: parsed.downRange ?? emptyRangeAtEnd(raw), downOptions: {}, downScope: scope }]
        : [];
    const goBefore = goMigrations.filter((go) => compareVersionKeys(go.versionKey, versionKey) < 0).map((go) => go.path);
    output.migrations.push({
      ...ref,
      layout: 'goose',
      kind: 'versioned',
      version,
      versionKey,
      name,
      rollback: sections.length > 0 && parsed.downRange ? { kind: 'sections', ranges: [parsed.downRange] } : { kind: 'none' },
      scope,
      statementSplit: 'goose-lines',
      sections,
      ...(goBefore.length > 0 ? { goMigrationsBefore: goBefore } : {}),
    });
  }
  output.problems.push(...versionClashes(output.migrations, goMigrations));
  output.migrations.sort((a, b) => compareInRunnerOrder('goose', a, b));
  return output;
};

/** goose refusals and splitter cuts of one file, Up section first. */
function problemsOf(path: string, raw: Buffer, parsed: GooseFile): DiscoveryProblem[] {
  const problems: DiscoveryProblem[] = [];
  const at = (line: number, message: string) => problemAt('goose-invalid', path, message, { line, column: 1 });
  if (!parsed.up.ok) problems.push(at(parsed.up.line, parsed.up.message));
  else if (parsed.upRange) {
    for (const cut of gooseSplitProblems(raw, parsed.upRange, parsed.up.statements)) problems.push(at(cut.line, cut.message));
  }
  if (!parsed.down.ok) {
    // Most refusals are the file's, found in both directions: said once.
    if (parsed.up.ok || parsed.up.offset !== parsed.down.offset) problems.push(at(parsed.down.line, `in the Down section, ${parsed.down.message}`));
  } else if (parsed.up.ok && parsed.downRange) {
    for (const cut of gooseSplitProblems(raw, parsed.downRange, parsed.down.statements)) problems.push(at(cut.line, `in the Down section, ${cut.message}`));
  }
  return problems;
}

interface GoMigration {
  file: string;
  version: string;
  versionKey: readonly string[];
}

/** Versioned `.go` files directly in the directory, as goose collects them (collectFilesystemSources). */
function goMigrationsOf(files: readonly string[]): GoMigration[] {
  const found: GoMigration[] = [];
  for (const file of files) {
    if (file.includes('/') || file.endsWith('_test.go')) continue;
    const version = GO_NAME.exec(file)?.[1];
    if (version !== undefined && isGooseVersion(version)) found.push({ file, version, versionKey: versionKeyOf(version) });
  }
  return found;
}

/**
 * Go migrations whose version another migration has: goose refuses to start ("found duplicate
 * migration version", provider_collect.go). Two SQL files of one version are naming-duplicate-version's.
 */
function versionClashes(migrations: ReadonlyArray<{ path: string; relativePath: string; versionKey: readonly string[] }>, goMigrations: ReadonlyArray<GoMigration & { path: string }>): DiscoveryProblem[] {
  const problems: DiscoveryProblem[] = [];
  const seen: Array<{ relativePath: string; versionKey: readonly string[] }> = [...migrations];
  for (const go of goMigrations) {
    const other = seen.find((candidate) => compareVersionKeys(candidate.versionKey, go.versionKey) === 0);
    if (other) {
      problems.push(
        problemAt(
          'goose-invalid',
          go.path,
          `goose refuses to start: version ${go.version} of this Go migration is also the version of ${other.relativePath} (goose: "found duplicate migration version"); renumber one of them after the newest migration`,
        ),
      );
    }
    seen.push({ relativePath: go.file, versionKey: go.versionKey });
  }
  return problems;
}

/** A version goose's ParseInt accepts: an int64 of at least 1 (leading zeros allowed). */
function isGooseVersion(digits: string): boolean {
  const value = digits.replace(/^0+/, '');
  if (value === '') return false;
  return value.length < INT64_MAX.length || (value.length === INT64_MAX.length && value <= INT64_MAX);
}

function emptyRangeAtEnd(raw: Buffer): SectionRange {
  const line = lineAt(lineStartsOf(raw), raw.length);
  return { start: raw.length, end: raw.length, line, endLine: line };
}
