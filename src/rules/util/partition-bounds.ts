// Whether a CHECK constraint states a partition's bounds. Postgres proves the partition constraint
// from the table's validated CHECKs (and its NOT NULL columns); a static check cannot run that
// proof, so it asks for the bounds' values: a CHECK that compares with every constant of
// FOR VALUES FROM (...) TO (...), IN (...) or WITH (MODULUS m, REMAINDER r) is taken to state
// them. MINVALUE and MAXVALUE are no constants. A DEFAULT partition's constraint is the negation
// of every other partition's bounds, which the file does not show: any CHECK is taken for it.

import type { A_Const, Node, PartitionBoundSpec } from 'libpg-query';
import { as, findAll } from '../../sql/ast.js';

/** A constant's value as text (`'2024-01-01'` and `DATE '2024-01-01'` alike); undefined for NULL. */
function constantText(constant: A_Const): string | undefined {
  if (constant.isnull) return undefined;
  if (constant.sval) return constant.sval.sval ?? '';
  // The parser leaves out zero values: `ival: {}` is 0.
  if (constant.ival) return String(constant.ival.ival ?? 0);
  if (constant.fval) return constant.fval.fval;
  if (constant.boolval) return String(constant.boolval.boolval ?? false);
  return undefined;
}

function boundValues(bound: PartitionBoundSpec): string[] {
  if (bound.strategy === 'h') return [String(bound.modulus ?? 0), String(bound.remainder ?? 0)];
  const datums: Node[] = [...(bound.listdatums ?? []), ...(bound.lowerdatums ?? []), ...(bound.upperdatums ?? [])];
  return datums.flatMap((datum) => {
    const constant = as(datum, 'A_Const');
    const text = constant ? constantText(constant) : undefined;
    return text === undefined ? [] : [text];
  });
}

/** True when the CHECK expression holds every constant of the bound (any CHECK for DEFAULT). */
export function checkStatesBound(expression: Node | undefined, bound: PartitionBoundSpec | undefined): boolean {
  if (!expression) return false;
  if (!bound || bound.is_default) return true;
  const stated = new Set(findAll(expression, 'A_Const').flatMap((constant) => constantText(constant) ?? []));
  return boundValues(bound).every((value) => stated.has(value));
}
