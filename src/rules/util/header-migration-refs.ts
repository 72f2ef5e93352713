// How a header names a migration (`@dependencies`, `Version`): by version (`20250527100000`, Flyway
// `1.2` or `1_2`), by `version_name` (`20250527100000_create_users_table`), or by file name with or
// without `.sql`. Versions compare as the runners compare them (`0042` is `42`).

import { compareVersionKeys, versionKeyOf, type Migration } from '../../discover/index.js';

/** Digits with `.` or `_` separators, optionally after Flyway's `V`: a reference by version. */
const VERSION_REFERENCE = /^[Vv]?\d+(?:[._]\d+)*$/;

/** Whether `written` names the version `migration` has (a repeatable migration has none). */
export function isVersionOf(written: string, migration: Migration): boolean {
  if (migration.kind === 'repeatable' || !VERSION_REFERENCE.test(written)) return false;
  return compareVersionKeys(versionKeyOf(written.replace(/^[Vv]/, '')), migration.versionKey) === 0;
}

/** The names a migration goes by besides its version. */
function namesOf(migration: Migration): Set<string> {
  const { relativePath } = migration;
  const names = new Set([relativePath, relativePath.replace(/\.sql$/i, '')]);
  const slash = relativePath.indexOf('/');
  if (slash !== -1) {
    // A migration folder (Prisma `20250101000000_init/migration.sql`): the folder is its name;
    // the file name is the same for every migration and names none of them.
    names.add(relativePath.slice(0, slash));
  } else {
    names.add(relativePath.replace(/(\.up)?\.sql$/i, ''));
  }
  if (migration.kind === 'versioned' && migration.name !== '') names.add(`${migration.version}_${migration.name}`);
  return names;
}

/** Whether `reference` (one `@dependencies` entry) names `migration`. */
export function refersTo(reference: string, migration: Migration): boolean {
  return isVersionOf(reference, migration) || namesOf(migration).has(reference);
}
