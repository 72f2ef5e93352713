// Every column definition a file declares, wherever the grammar puts it: CREATE TABLE elements,
// ALTER TABLE ... ADD COLUMN, and ALTER TABLE ... ALTER COLUMN ... TYPE. The column-type rules
// (bigint, text, timestamptz, char, identity) all ask the same question of all three places, so
// they share this walk and the reading of a column's type.

import type { ColumnDef, RangeVar, TypeName } from 'libpg-query';
import { as, constString, nameParts } from '../../sql/ast.js';
import type { FileModel, StatementModel } from '../../lint/file-model.js';
import { perFile } from './per-file.js';

/** Where a column definition comes from. */
export type ColumnSource = 'create' | 'add' | 'alter-type';

export interface ColumnDefinition {
  statement: StatementModel;
  /**
   * The definition, to report at (its `location` is the column name). For `alter-type` only
   * `typeName` and the USING expression are set: the column's name is on the ALTER command.
   */
  column: ColumnDef;
  /** The column's name as Postgres folds it. */
  name: string;
  table: RangeVar | undefined;
  source: ColumnSource;
}

/** Column definitions with a type, in file order (DO-block statements included). */
export const columnDefinitions = perFile((model: FileModel): readonly ColumnDefinition[] => {
  const result: ColumnDefinition[] = [];
  for (const statement of model.statements) {
    const create = as(statement.parsed.node, 'CreateStmt');
    for (const element of create?.tableElts ?? []) {
      const column = as(element, 'ColumnDef');
      // Typed and partition tables list columns only to add options; they carry no type.
      if (!column?.typeName || !column.colname) continue;
      result.push({ statement, column, name: column.colname, table: create?.relation, source: 'create' });
    }

    const alter = as(statement.parsed.node, 'AlterTableStmt');
    if (alter?.objtype !== 'OBJECT_TABLE') continue;
    for (const commandNode of alter.cmds ?? []) {
      const command = as(commandNode, 'AlterTableCmd');
      const column = as(command?.def, 'ColumnDef');
      if (!command || !column?.typeName) continue;
      if (command.subtype === 'AT_AddColumn' && column.colname) {
        result.push({ statement, column, name: column.colname, table: alter.relation, source: 'add' });
      } else if (command.subtype === 'AT_AlterColumnType' && command.name) {
        result.push({ statement, column, name: command.name, table: alter.relation, source: 'alter-type' });
      }
    }
  }
  return result;
});

export interface ColumnType {
  /**
   * The built-in type's internal name (`int4`, `varchar`, `timestamp`, `bpchar`, `serial`), or
   * undefined for a type qualified with a schema other than pg_catalog: a user's domain or type
   * that happens to share a built-in's name is not the built-in.
   */
  builtin: string | undefined;
  /** Type modifiers as written: `varchar(20)` gives `['20']`. */
  modifiers: string[];
  isArray: boolean;
}

/**
 * The type of a column as the grammar resolved it. Keywords are mapped to internal names by the
 * parser itself (`integer` is `pg_catalog.int4`, `char(2)` is `pg_catalog.bpchar`), while the
 * quoted `"char"` (the internal one-byte type) stays `char` and so never looks like `bpchar`.
 */
export function columnType(typeName: TypeName | undefined): ColumnType {
  const parts = nameParts(typeName?.names);
  const last = parts[parts.length - 1];
  const qualifiedElsewhere = parts.length > 1 && parts[0] !== 'pg_catalog';
  return {
    builtin: qualifiedElsewhere ? undefined : last,
    modifiers: (typeName?.typmods ?? []).map((modifier) => constString(modifier) ?? '?'),
    isArray: (typeName?.arrayBounds?.length ?? 0) > 0,
  };
}
