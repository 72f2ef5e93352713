// How each runner tells migrations apart and orders them, which is not the same everywhere
// (facts from the runners' sources; DESIGN.md, "How each migration runner really runs files"):
// - golang-migrate, goose, plain files: the version is a number (`0005` and `5` are one version);
// - Flyway: numbers separated by `.` or `_`, trailing zero parts dropped (`5`, `0005`, `5.0` are one);
// - dbmate: the leading digits as a string (`0005` and `5` are two versions), files in name order;
// - Prisma and drizzle-kit 1.0 folders: the folder name (two folders with one timestamp are two
//   migrations, both applied); a Drizzle journal: the entry, applied when its `when` is later than
//   the newest applied one.

import type { LayoutName, Migration } from './types.js';
import { compareNames, compareVersionKeys } from './version.js';

/**
 * The identity the runner records a migration under, or undefined where the version is not an
 * identity at all (Prisma, Drizzle): two migrations with one identity clash.
 */
export function runnerIdentity(migration: Migration): string | undefined {
  switch (migration.layout) {
    case 'prisma':
    case 'drizzle':
      return undefined;
    case 'dbmate':
      return migration.version;
    default: {
      const parts = [...migration.versionKey];
      while (parts.length > 1 && /^0*$/.test(parts.at(-1)!)) parts.pop();
      return parts.map((part) => part.replace(/^0+(?=\d)/, '')).join('.');
    }
  }
}

/**
 * Negative when the runner applies `a` before `b` on a fresh database. The layouts sort with it
 * (a Drizzle journal keeps its own entry order, Flyway puts repeatables last), and the set rules
 * compare the branch's migrations with the base's by it.
 */
export function compareInRunnerOrder(layout: LayoutName, a: Migration, b: Migration): number {
  switch (layout) {
    case 'dbmate':
      return compareNames(a.relativePath, b.relativePath);
    case 'prisma':
      return compareNames(a.relativePath.split('/')[0]!, b.relativePath.split('/')[0]!);
    case 'drizzle':
      if (a.journal && b.journal) return a.journal.when - b.journal.when;
      return compareNames(a.relativePath.split('/')[0]!, b.relativePath.split('/')[0]!);
    default:
      return compareVersionKeys(a.versionKey, b.versionKey) || compareNames(a.relativePath, b.relativePath);
  }
}
