// Index names as DROP INDEX and REINDEX INDEX write them, and whether the file itself created the
// index: an index the file built moments ago has no queries depending on it yet.

import type { DropStmt, RangeVar } from 'libpg-query';
import { as, nameParts } from '../../sql/ast.js';
import { isCreatedInFile, isIndexCreatedInFile, type FileModel, type StatementModel } from '../../lint/file-model.js';

/** The indexes of a `DROP INDEX`, each as `schema.index` or `index` (as written, already case-folded). */
export function droppedIndexNames(drop: DropStmt): string[] {
  if (drop.removeType !== 'OBJECT_INDEX') return [];
  const names: string[] = [];
  for (const object of drop.objects ?? []) {
    // `catalog.schema.index`: the catalog can only be the current database, so it is dropped.
    const parts = nameParts(as(object, 'List')?.items).slice(-2);
    if (parts.length > 0) names.push(parts.join('.'));
  }
  return names;
}

/** `schema.index` or `index` for an index named by a RangeVar (REINDEX INDEX). */
export function indexNameOf(relation: RangeVar | undefined): string {
  if (!relation?.relname) return '';
  return relation.schemaname ? `${relation.schemaname}.${relation.relname}` : relation.relname;
}

/**
 * True when the file created index `name` before `statement` on a table it had itself created
 * before that: rebuilding such an index locks nothing another session can be using.
 */
export function isIndexOnNewTable(model: FileModel, name: string, statement: StatementModel): boolean {
  if (!isIndexCreatedInFile(model, name, statement)) return false;
  const key = name.includes('.') ? name : `${statement.defaultSchema}.${name}`;
  const creating = model.statements[model.createdIndexes.get(key)!];
  const indexStmt = as(creating?.parsed.node, 'IndexStmt');
  return creating !== undefined && indexStmt !== undefined && isCreatedInFile(model, indexStmt.relation, creating);
}

/** `index a` or `indexes a, b`, for messages. */
export function indexPhrase(names: readonly string[]): string {
  const unique = [...new Set(names)];
  return unique.length === 1 ? `index ${unique[0]}` : `indexes ${unique.join(', ')}`;
}
