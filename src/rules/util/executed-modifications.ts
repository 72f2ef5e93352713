// DELETE and UPDATE statements that really run when the migration runs: the statement itself, a
// data-modifying CTE (`WITH gone AS (DELETE ...) SELECT ...`), and EXPLAIN ANALYZE (which executes
// its query). Only those places are walked, not the whole tree as `findAll` would: a DELETE in a
// function body or a rule action runs later, when called, not when the migration runs.

import type { CommonTableExpr, Node, WithClause } from 'libpg-query';
import { as, type NodeOf } from '../../sql/ast.js';
import type { FileModel, StatementModel } from '../../lint/file-model.js';

export type ModificationTag = 'DeleteStmt' | 'UpdateStmt';

export interface ExecutedModification<K extends ModificationTag> {
  statement: StatementModel;
  node: NodeOf<K>;
  /** The CTE holding the statement, to point at; undefined when it is the statement itself. */
  cte: CommonTableExpr | undefined;
}

/** Every `tag` statement of the file that executes when the file runs (DO-block statements included). */
export function executedModifications<K extends ModificationTag>(model: FileModel, tag: K): Array<ExecutedModification<K>> {
  const result: Array<ExecutedModification<K>> = [];
  for (const statement of model.statements) {
    collect(statement.parsed.node, undefined, (node, cte) => {
      const body = as(node, tag);
      if (body) result.push({ statement, node: body, cte });
    });
  }
  return result;
}

function collect(node: Node | undefined, cte: CommonTableExpr | undefined, visit: (node: Node, cte: CommonTableExpr | undefined) => void): void {
  if (!node) return;
  const explain = as(node, 'ExplainStmt');
  if (explain) {
    // Plain EXPLAIN only plans the query; EXPLAIN ANALYZE runs it (and keeps its effects).
    const analyze = (explain.options ?? []).some((option) => isEnabledAnalyze(option));
    if (analyze) collect(explain.query, cte, visit);
    return;
  }
  visit(node, cte);
  for (const inner of withClauseOf(node)?.ctes ?? []) {
    const expression = as(inner, 'CommonTableExpr');
    if (expression) collect(expression.ctequery, cte ?? expression, visit);
  }
}

/** Postgres allows data-modifying CTEs only in the WITH of the top-level statement. */
function withClauseOf(node: Node): WithClause | undefined {
  return (
    as(node, 'SelectStmt')?.withClause ??
    as(node, 'InsertStmt')?.withClause ??
    as(node, 'UpdateStmt')?.withClause ??
    as(node, 'DeleteStmt')?.withClause ??
    as(node, 'MergeStmt')?.withClause
  );
}

function isEnabledAnalyze(option: Node): boolean {
  const definition = as(option, 'DefElem');
  if (definition?.defname !== 'analyze') return false;
  // `EXPLAIN (ANALYZE false)` / `off` / `0` only plans; a bare `ANALYZE` or a true value runs the query.
  const { arg } = definition;
  if (!arg) return true;
  const integer = as(arg, 'Integer');
  if (integer) return (integer.ival ?? 0) !== 0;
  const flag = as(arg, 'Boolean');
  if (flag) return flag.boolval ?? false;
  return !['false', 'off', 'no', '0'].includes((as(arg, 'String')?.sval ?? '').toLowerCase());
}
