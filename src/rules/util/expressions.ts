// Small questions about expressions that rules ask: where an expression starts in the source, and
// whether it is just NULL. (Which columns a CHECK proves NOT NULL: lint/not-null-proofs.ts.)

import type { Node } from 'libpg-query';
import { as, walkTree } from '../../sql/ast.js';

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
