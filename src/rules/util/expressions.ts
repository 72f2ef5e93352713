// Small questions about expressions that rules ask: where an expression starts in the source,
// whether it is just NULL, and which columns a CHECK expression proves NOT NULL.

import type { Node } from 'libpg-query';
import { as, nameParts, walkTree } from '../../sql/ast.js';

/**
 * The leftmost location inside `expression`, to point a finding at its start: a node's own
 * `location` is often an operator (`1::int` is located at `::`).
 */
export function expressionStart(expression: Node | undefined): { location: number } | undefined {
  let leftmost: number | undefined;
  walkTree(expression, (key, value) => {
    if (key === 'location' && typeof value === 'number' && value >= 0) {
      leftmost = leftmost === undefined ? value : Math.min(leftmost, value);
    }
  });
  return leftmost === undefined ? undefined : { location: leftmost };
}

/** `NULL`, or `NULL::type`: a DEFAULT that gives existing rows nothing. */
export function isNullConstant(expression: Node | undefined): boolean {
  if (as(expression, 'A_Const')?.isnull) return true;
  const cast = as(expression, 'TypeCast');
  return cast !== undefined && isNullConstant(cast.arg);
}

/**
 * Columns that a CHECK expression proves NOT NULL: `c IS NOT NULL`, possibly AND-ed with other
 * conditions. Postgres (12+) uses such a validated constraint to skip SET NOT NULL's table scan.
 */
export function columnsProvedNotNull(expression: Node | undefined): string[] {
  const and = as(expression, 'BoolExpr');
  if (and?.boolop === 'AND_EXPR') return (and.args ?? []).flatMap((arg) => columnsProvedNotNull(arg));
  const test = as(expression, 'NullTest');
  if (test?.nulltesttype !== 'IS_NOT_NULL') return [];
  const column = nameParts(as(test.arg, 'ColumnRef')?.fields).at(-1);
  return column === undefined ? [] : [column];
}
