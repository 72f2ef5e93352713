// Iteration helpers shared by rules: the statements of a given tag, ALTER TABLE sub-commands, and
// "is this table one that existed before the file" (the question behind most false positives).

import type { AlterTableCmd, RangeVar } from 'libpg-query';
import { as, type NodeOf, type NodeTag } from '../../sql/ast.js';
import { isCreatedInFile, type FileModel, type StatementModel } from '../../lint/file-model.js';
import { perFile } from './per-file.js';

export interface TaggedStatement<K extends NodeTag> {
  statement: StatementModel;
  node: NodeOf<K>;
}

/** Every statement of the file (DO-block statements included) whose node has `tag`. */
export function statementsOf<K extends NodeTag>(model: FileModel, tag: K): ReadonlyArray<TaggedStatement<K>> {
  // The list under `tag` holds only bodies of `tag` (built below), which the map's type cannot say.
  return (statementsByTag(model).get(tag) ?? []) as unknown as ReadonlyArray<TaggedStatement<K>>;
}

const statementsByTag = perFile((model) => {
  const byTag = new Map<NodeTag, Array<{ statement: StatementModel; node: unknown }>>();
  for (const statement of model.statements) {
    const tag = statement.parsed.tag;
    const node = as(statement.parsed.node, tag);
    if (!node) continue;
    const list = byTag.get(tag);
    if (list) list.push({ statement, node });
    else byTag.set(tag, [{ statement, node }]);
  }
  return byTag;
});

export interface AlterTableCommand {
  statement: StatementModel;
  relation: RangeVar | undefined;
  command: AlterTableCmd;
  /** Whether the table existed before this file (was not created earlier in it). */
  existing: boolean;
}

/** Sub-commands of every `ALTER TABLE` (not ALTER INDEX/VIEW/...) in the file. */
export const alterTableCommands = perFile((model): readonly AlterTableCommand[] => {
  const result: AlterTableCommand[] = [];
  for (const { statement, node } of statementsOf(model, 'AlterTableStmt')) {
    if (node.objtype !== 'OBJECT_TABLE') continue;
    const existing = isExistingTable(model, node.relation, statement);
    for (const cmdNode of node.cmds ?? []) {
      const command = as(cmdNode, 'AlterTableCmd');
      if (command) result.push({ statement, relation: node.relation, command, existing });
    }
  }
  return result;
});

/** True when the table was not created earlier in this file: it may hold rows and be in use. */
export function isExistingTable(model: FileModel, relation: RangeVar | undefined, statement: StatementModel): boolean {
  return !isCreatedInFile(model, relation, statement);
}
