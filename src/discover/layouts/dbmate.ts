// dbmate: `<version>_<name>.sql` files holding `-- migrate:up` and `-- migrate:down` sections.
// dbmate takes every `.sql` file whose name starts with digits; the down sections are the rollback.

import { fileRef } from '../paths.js';
import { parseDbmateSections } from '../dbmate-sections.js';
import { problemAt } from '../problems.js';
import { DBMATE_SCOPE } from '../scopes.js';
import { compareInRunnerOrder } from '../runner-order.js';
import { splitVersionPrefix, versionKeyOf } from '../version.js';
import { topLevelSqlFiles, type DiscoverLayout, type LayoutOutput } from './layout.js';

export const discoverDbmate: DiscoverLayout = async (input) => {
  const output: LayoutOutput = { migrations: [], problems: [] };
  for (const file of topLevelSqlFiles(input)) {
    const ref = fileRef(input.base, file);
    const parts = splitVersionPrefix(file.slice(0, -'.sql'.length));
    if (!parts) {
      output.problems.push(
        problemAt(
          'unrecognized-file',
          ref.path,
          `dbmate skips ${file} because its name does not start with a version number; rename it to <version>_<name>.sql or move it out of the migrations directory`,
        ),
      );
      continue;
    }
    const raw = await input.tree.readFile(file);
    if (!raw) {
      output.problems.push(problemAt('unreadable-file', ref.path, `${file} cannot be read; check the file's permissions`));
      continue;
    }
    const parsed = parseDbmateSections(raw);
    if (!parsed.ok) {
      // dbmate will refuse the file at deploy; it is still linted whole so its SQL gets checked.
      output.problems.push(problemAt('dbmate-invalid', ref.path, parsed.message, { line: parsed.line, column: 1 }));
    }
    const sections = parsed.ok ? parsed.sections : [];
    output.migrations.push({
      ...ref,
      layout: 'dbmate',
      kind: 'versioned',
      version: parts.version,
      versionKey: versionKeyOf(parts.version),
      name: parts.name,
      rollback: sections.length > 0 ? { kind: 'sections', ranges: sections.map((section) => section.down) } : { kind: 'none' },
      scope: sections[0]?.upScope ?? DBMATE_SCOPE,
      statementSplit: 'parser',
      sections,
    });
  }
  // dbmate sorts its files by name, as strings (so `10_x.sql` runs before `9_x.sql`).
  output.migrations.sort((a, b) => compareInRunnerOrder('dbmate', a, b));
  return output;
};
