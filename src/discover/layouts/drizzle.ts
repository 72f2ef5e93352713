// Drizzle: drizzle-orm's migrator reads `meta/_journal.json` and runs `<tag>.sql` for each entry, in
// the journal's order, all pending ones in ONE transaction, each file cut at `--> statement-breakpoint`.
// A `.sql` file missing from the journal never runs; an entry without its file stops the migrator.
// drizzle-kit 1.0 replaced the journal with one folder per migration (`<ts>_<name>/migration.sql`
// beside a `snapshot.json`), run in folder name order by the same one-transaction migrator.

import { parseDrizzleJournal } from '../drizzle-journal.js';
import { fileRef } from '../paths.js';
import { problemAt } from '../problems.js';
import { DRIZZLE_SCOPE } from '../scopes.js';
import type { Migration } from '../types.js';
import { compareNames, splitVersionPrefix, versionKeyOf } from '../version.js';
import { discoverFolders } from './folders.js';
import { topLevelSqlFiles, type DiscoverLayout, type LayoutInput, type LayoutOutput } from './layout.js';

export const DRIZZLE_JOURNAL = 'meta/_journal.json';
const DRIZZLE_SHAPE = { scope: DRIZZLE_SCOPE, statementSplit: 'drizzle-breakpoints' } as const;

export const discoverDrizzle: DiscoverLayout = async (input) => {
  if (input.has(DRIZZLE_JOURNAL)) return discoverJournal(input);
  if (hasDrizzleFolders(input.files)) return discoverFolders(input, 'drizzle', DRIZZLE_SHAPE, new Set(['meta']));
  // Configured as Drizzle, yet no journal: the migrator refuses to start ("Can't find meta/_journal.json").
  const output = discoverUnjournaled(input);
  output.problems.unshift(
    problemAt(
      'journal-invalid',
      fileRef(input.base, DRIZZLE_JOURNAL).path,
      `there is no ${DRIZZLE_JOURNAL}, and Drizzle's migrator cannot run without it; generate migrations with drizzle-kit, or set layout: plain`,
    ),
  );
  return output;
};

/** drizzle-kit 1.0 folders: each `<folder>/migration.sql` has a `snapshot.json` beside it. */
export function hasDrizzleFolders(files: readonly string[]): boolean {
  const fileSet = new Set(files);
  return files.some((file) => /^[^/]+\/snapshot\.json$/.test(file) && fileSet.has(file.replace(/snapshot\.json$/, 'migration.sql')));
}

async function discoverJournal(input: LayoutInput): Promise<LayoutOutput> {
  const journalRef = fileRef(input.base, DRIZZLE_JOURNAL);
  const text = (await input.tree.readFile(DRIZZLE_JOURNAL))?.toString('utf8');
  if (text === undefined) {
    const output = discoverUnjournaled(input);
    output.problems.unshift(problemAt('unreadable-file', journalRef.path, 'the Drizzle journal cannot be read; check the file\'s permissions'));
    return output;
  }
  const journal = parseDrizzleJournal(text.replace(/^\uFEFF/, ''), journalRef.path);
  if (!journal.entries) {
    // Without a journal the order is unknown; the files are still linted, in name order.
    const output = discoverUnjournaled(input);
    output.problems.unshift(...journal.problems);
    return output;
  }

  const output: LayoutOutput = { migrations: [], problems: [...journal.problems] };
  const referenced = new Set<string>();
  for (const entry of journal.entries) {
    const file = `${entry.tag}.sql`;
    referenced.add(file);
    if (!input.has(file)) {
      output.problems.push(
        problemAt(
          'journal-entry-without-file',
          journalRef.path,
          `journal entry ${entry.idx} names ${file}, which does not exist, and the migrator stops there; restore the file or remove the entry (drizzle-kit drop)`,
          { line: entry.line, column: 1 },
        ),
      );
      output.problems.at(-1)!.subject = fileRef(input.base, file).path;
      continue;
    }
    if (!input.includes(file)) continue;
    output.migrations.push({ ...drizzleMigration(input, file, entry.tag, String(entry.idx)), journal: entry });
  }

  for (const file of topLevelSqlFiles(input)) {
    if (referenced.has(file)) continue;
    output.problems.push(
      problemAt(
        'file-not-in-journal',
        fileRef(input.base, file).path,
        `${file} is not in ${DRIZZLE_JOURNAL}, so Drizzle's migrator never runs it; create migrations with drizzle-kit generate (--custom for hand-written SQL) so the journal lists them`,
      ),
    );
  }
  return output;
}

/** The top-level `.sql` files in name order: the best guess when the journal is missing or broken. */
function discoverUnjournaled(input: LayoutInput): LayoutOutput {
  const files = topLevelSqlFiles(input).sort(compareNames);
  return {
    migrations: files.map((file, index) => drizzleMigration(input, file, file.slice(0, -'.sql'.length), String(index))),
    problems: [],
  };
}

function drizzleMigration(input: LayoutInput, file: string, tag: string, fallbackVersion: string): Migration {
  // Tags are `0000_name` by default, `<timestamp>_name` with other prefixes, a bare name with `prefix: none`.
  const parts = splitVersionPrefix(tag) ?? { version: fallbackVersion, name: tag };
  return {
    ...fileRef(input.base, file),
    layout: 'drizzle',
    kind: 'versioned',
    version: parts.version,
    versionKey: versionKeyOf(parts.version),
    name: parts.name,
    rollback: { kind: 'none' },
    ...DRIZZLE_SHAPE,
  };
}
