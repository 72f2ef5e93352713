// Which layout a migrations directory uses, judged from what each tool leaves behind. The order
// matters, strongest evidence first:
//   1. `meta/_journal.json`                  -> drizzle   (written only by drizzle-kit)
//   2. folders holding `migration.sql`       -> prisma, or drizzle when they also hold `snapshot.json`
//                                               (drizzle-kit 1.0 folders) and no `migration_lock.toml`
//   3. a `<version>_<name>.up.sql` file      -> golang-migrate (the `.up` infix is its convention)
//   4. a `.sql` file with `-- migrate:up`    -> dbmate    (needs file contents, so after name checks)
//      a `.sql` file with `-- +goose Up`     -> goose     (the same sample; the first file that has
//                                               either directive decides)
//   5. a `V<version>__<desc>.sql` or `R__<desc>.sql` file, at any depth -> flyway
//   6. otherwise                             -> plain (sequence or timestamp files)
// Tool-written metadata beats file names because names overlap: a Drizzle tag, a dbmate or a goose
// file can look like a plain migration, but no plain directory has a journal or a runner's directive.

import { hasDbmateDirective } from './dbmate-sections.js';
import { hasGooseUpAnnotation } from './goose-sections.js';
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

/** How many files (in name order) are read to tell a dbmate or goose directory from a plain one. */
const DIRECTIVE_SAMPLE_SIZE = 3;

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

  // dbmate refuses a file without `-- migrate:up`, and goose one without `-- +goose Up`, so in their
  // directories every file has it: the first few files decide, and a large plain history is not
  // read twice (lint reads it again).
  const sample = topLevelSql.slice(0, DIRECTIVE_SAMPLE_SIZE);
  const contents = await Promise.all(sample.map((file) => tree.readFile(file)));
  for (const [index, file] of sample.entries()) {
    const raw = contents[index];
    if (raw === undefined) continue;
    if (hasDbmateDirective(raw)) return { layout: 'dbmate', reason: `${file} has a '-- migrate:up' directive` };
    if (hasGooseUpAnnotation(raw)) return { layout: 'goose', reason: `${file} has a '-- +goose Up' annotation` };
  }

  const flywayFile = files.find((file) => /(^|\/)(V\d+(?:[._]\d+)*__.+|R__.+)\.sql$/s.test(file));
  if (flywayFile) return { layout: 'flyway', reason: `${flywayFile} found (a Flyway name)` };

  return { layout: 'plain', reason: 'no journal, migration folders, .up.sql files, dbmate or goose directives, or Flyway names' };
}
