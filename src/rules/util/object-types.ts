// Object kinds (DropStmt.removeType and friends) as the SQL keywords that name them, for messages
// and for the statement a help line suggests: OBJECT_MATVIEW is written MATERIALIZED VIEW.

import type { ObjectType } from 'libpg-query';

// Kinds whose keywords are not simply the enum name with underscores as spaces.
const KEYWORDS: Partial<Record<ObjectType, string>> = {
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_FDW: 'FOREIGN DATA WRAPPER',
  OBJECT_FOREIGN_SERVER: 'SERVER',
  OBJECT_OPCLASS: 'OPERATOR CLASS',
  OBJECT_OPFAMILY: 'OPERATOR FAMILY',
  OBJECT_STATISTIC_EXT: 'STATISTICS',
  OBJECT_TSCONFIGURATION: 'TEXT SEARCH CONFIGURATION',
  OBJECT_TSDICTIONARY: 'TEXT SEARCH DICTIONARY',
  OBJECT_TSPARSER: 'TEXT SEARCH PARSER',
  OBJECT_TSTEMPLATE: 'TEXT SEARCH TEMPLATE',
  OBJECT_LARGEOBJECT: 'LARGE OBJECT',
};

/** `TABLE`, `INDEX`, `MATERIALIZED VIEW`, ...; `OBJECT` when the kind is unknown. */
export function objectTypeName(type: ObjectType | undefined): string {
  if (!type) return 'OBJECT';
  return KEYWORDS[type] ?? type.replace(/^OBJECT_/, '').replace(/_/g, ' ');
}

/** Kinds whose objects are named `name ON table` (the parser lists them as `table..., name`). */
export const NAMED_ON_TABLE: ReadonlySet<ObjectType> = new Set<ObjectType>(['OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);
