// Where the migrations are when neither the config (`migrations`) nor --dir says: the directories
// the supported tools write by default. One found is used (and the run says so in one line);
// several are listed with a request for --dir; none is an error naming the places looked at.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Each tool's default, in the order they are listed to the user. */
export const DEFAULT_DIRECTORIES: ReadonlyArray<{ dir: string; tool: string }> = [
  { dir: 'migrations', tool: 'plain files, golang-migrate, goose' },
  { dir: 'prisma/migrations', tool: 'Prisma' },
  { dir: 'drizzle', tool: 'Drizzle' },
  { dir: 'db/migrations', tool: 'dbmate' },
  { dir: 'supabase/migrations', tool: 'Supabase' },
  { dir: 'src/main/resources/db/migration', tool: 'Flyway' },
  { dir: 'db/migration', tool: 'Flyway' },
  { dir: 'sql/migrations', tool: 'plain files' },
];

export interface FoundDirectory {
  dir: string;
  /** The one line that says where the migrations were found, for stderr. */
  notice: string;
}

export function findMigrationsDirectory(cwd: string): FoundDirectory {
  const found = DEFAULT_DIRECTORIES.filter(({ dir }) => isDirectory(path.join(cwd, dir)));
  if (found.length === 1) {
    const [{ dir, tool }] = found as [(typeof DEFAULT_DIRECTORIES)[number]];
    return { dir, notice: `no \`migrations\` setting and no --dir: using ${dir} (${tool}'s default), the one migrations directory found` };
  }
  if (found.length > 1) {
    throw new UsageError(
      `no \`migrations\` setting and no --dir, and ${found.length} migrations directories found: ${found.map(({ dir, tool }) => `${dir} (${tool})`).join(', ')}; ` +
        'pass the one to check with --dir, or set `migrations` in .migration-gate.yml',
    );
  }
  throw new UsageError(
    `no migrations directory found in ${cwd}: looked for ${DEFAULT_DIRECTORIES.map(({ dir }) => dir).join(', ')}; ` +
      'pass --dir DIR, or set `migrations` in .migration-gate.yml',
  );
}

function isDirectory(candidate: string): boolean {
  return existsSync(candidate) && statSync(candidate).isDirectory();
}
