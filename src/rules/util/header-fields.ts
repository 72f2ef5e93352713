// The header fields the header rules know, spelled the way teams write them (shared/user-guides 001
// and 004): plain `-- Created: 2025-01-15` fields and `-- @risk-level: low` annotations. Names are
// compared normalised (`normaliseFieldName`); these tables only decide how a field is shown.

import type { Migration } from '../../discover/index.js';
import { normaliseFieldName } from '../../sql/header.js';

/** Fields written as `-- @name: value` (user guide 004). */
export const ANNOTATION_FIELDS: ReadonlySet<string> = new Set(['risk-level', 'zero-downtime', 'estimated-duration', 'dependencies']);

const PLAIN_SPELLING: Readonly<Record<string, string>> = {
  migration: 'Migration',
  description: 'Description',
  created: 'Created',
  related: 'Related',
  version: 'Version',
};

/**
 * The field as a header writes it: `Created`, `@risk-level`. Known fields get their usual spelling
 * whatever the config's case; other fields keep the config's spelling (with `@` if it has one).
 */
export function fieldLabel(configured: string): string {
  const name = normaliseFieldName(configured);
  if (ANNOTATION_FIELDS.has(name)) return `@${name}`;
  return PLAIN_SPELLING[name] ?? configured.trim();
}

/** The header line to add for a missing field, with a placeholder (or the real value where it is known). */
export function fieldTemplate(configured: string, migration: Migration): string {
  const name = normaliseFieldName(configured);
  return `-- ${fieldLabel(configured)}: ${placeholderOf(name, migration)}`;
}

function placeholderOf(name: string, migration: Migration): string {
  switch (name) {
    case 'migration':
      return migration.relativePath;
    case 'version':
      return migration.version || '<version>';
    case 'created':
      return 'YYYY-MM-DD';
    case 'description':
      return '<what this migration does>';
    case 'related':
      return '<ticket or issue>';
    case 'risk-level':
      return 'low|medium|high';
    case 'zero-downtime':
      return 'true|false';
    case 'estimated-duration':
      return '<e.g. 30 seconds>';
    case 'dependencies':
      return '<earlier migration versions, comma-separated>';
    default:
      return '<value>';
  }
}

/** The migration's file name (`20250528120000_add_prefs.sql`; `migration.sql` for Prisma). */
export function fileNameOf(migration: Migration): string {
  return migration.relativePath.slice(migration.relativePath.lastIndexOf('/') + 1);
}
