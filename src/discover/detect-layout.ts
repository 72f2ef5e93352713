// Which layout a migrations directory uses, judged from what each tool leaves behind. The order
// matters, strongest evidence first:
//   1. `meta/_journal.json`                  -> drizzle   (written only by drizzle-kit)
//   2. folders holding `migration.sql`       -> prisma, or drizzle when they also hold `snapshot.json`
//                                               (drizzle-kit 1.0 folders) and no `migration_lock.toml`
//   3. a `<version>_<name>.up.sql` file      -> golang-migrate (the `.up` infix is its convention)
//   4. a `.sql` file with `-- migrate:up`    -> dbmate    (needs file contents, so after name checks)
//   5. a `V<version>__<desc>.sql` or `R__<desc>.sql` file, at any depth -> flyway
//   6. otherwise                             -> plain (sequence or timestamp files)
// Tool-written metadata beats file names because names overlap: a Drizzle tag or a dbmate file can
// look like a plain migration, but no plain directory has a journal or a dbmate directive.

import { hasDbmateDirective } from './dbmate-sections.js';
import { DRIZZLE_JOURNAL, hasDrizzleFolders } from './layouts/drizzle.js';
import { MIGRATION_FILE } from './layouts/folders.js';
import { PRISMA_LOCK_FILE } from './layouts/prisma.js';
import type { MigrationTree } from './tree.js';
import type { LayoutName } from './types.js';

export interface LayoutDetection {
  layout: LayoutName;
  /** The evidence, for `--verbose` output and for a user wondering why. */
  reason: string;
}

/** How many files (in name order) are read to tell a dbmate directory from a plain one. */
const DBMATE_SAMPLE_SIZE = 3;

export async function detectLayout(tree: MigrationTree, files: readonly string[]): Promise<LayoutDetection> {
  if (files.includes(DRIZZLE_JOURNAL)) return { layout: 'drizzle', reason: `${DRIZZLE_JOURNAL} found` };

  const folderScript = files.find((file) => /^[^/]+\/[^/]+$/.test(file) && file.endsWith(`/${MIGRATION_FILE}`));
  if (folderScript) {
    if (!files.includes(PRISMA_LOCK_FILE) && hasDrizzleFolders(files)) {
      return { layout: 'drizzle', reason: `${folderScript} with a snapshot.json beside it (drizzle-kit folders)` };
    }
    return { layout: 'prisma', reason: `${folderScript} found (a migration folder)` };
  }

  const topLevelSql = files.filter((file) => !file.includes('/') && file.endsWith('.sql'));
  const upFile = topLevelSql.find((file) => /^\d+_.*\.up\.sql$/s.test(file));
  if (upFile) return { layout: 'golang-migrate', reason: `${upFile} found (an .up.sql file)` };

  // dbmate refuses a file without `-- migrate:up`, so in a dbmate directory every file has it: the
  // first few files decide, and a large plain history is not read twice (lint reads it again).
  const sample = topLevelSql.slice(0, DBMATE_SAMPLE_SIZE);
  const contents = await Promise.all(sample.map((file) => tree.readFile(file)));
  const dbmateFile = sample.find((_, index) => {
    const raw = contents[index];
    return raw !== undefined && hasDbmateDirective(raw);
  });
  if (dbmateFile) return { layout: 'dbmate', reason: `${dbmateFile} has a '-- migrate:up' directive` };

  const flywayFile = files.find((file) => /(^|\/)(V\d+(?:[._]\d+)*__.+|R__.+)\.sql$/s.test(file));
  if (flywayFile) return { layout: 'flyway', reason: `${flywayFile} found (a Flyway name)` };

  return { layout: 'plain', reason: 'no journal, migration folders, .up.sql files, dbmate directives or Flyway names' };
}
