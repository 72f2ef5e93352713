// Iteration helpers shared by rules: the statements of a given tag, ALTER TABLE sub-commands, and
// "is this table one that existed before the file" (the question behind most false positives).

import type { AlterTableCmd, RangeVar } from 'libpg-query';
import { as, type NodeOf, type NodeTag } from '../../sql/ast.js';
import { isCreatedInFile, type FileModel, type StatementModel } from '../../lint/file-model.js';

export interface TaggedStatement<K extends NodeTag> {
  statement: StatementModel;
  node: NodeOf<K>;
}

/** Every statement of the file (DO-block statements included) whose node has `tag`. */
export function statementsOf<K extends NodeTag>(model: FileModel, tag: K): Array<TaggedStatement<K>> {
  const result: Array<TaggedStatement<K>> = [];
  for (const statement of model.statements) {
    const node = as(statement.parsed.node, tag);
    if (node) result.push({ statement, node });
  }
  return result;
}

export interface AlterTableCommand {
  statement: StatementModel;
  relation: RangeVar | undefined;
  command: AlterTableCmd;
  /** Whether the table existed before this file (was not created earlier in it). */
  existing: boolean;
}

/** Sub-commands of every `ALTER TABLE` (not ALTER INDEX/VIEW/...) in the file. */
export function alterTableCommands(model: FileModel): AlterTableCommand[] {
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
}

/** True when the table was not created earlier in this file: it may hold rows and be in use. */
export function isExistingTable(model: FileModel, relation: RangeVar | undefined, statement: StatementModel): boolean {
  return !isCreatedInFile(model, relation, statement);
}
