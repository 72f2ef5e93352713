// Options written as a parenthesised list (`REINDEX (CONCURRENTLY) ...`, `VACUUM (FULL) ...`) arrive
// as DefElem nodes whose value follows Postgres's boolean rules, so `(FULL false)` is not FULL.

import type { Node } from 'libpg-query';
import { as } from '../../sql/ast.js';

/** True when option `name` (lower case) is present and not switched off. */
export function isOptionEnabled(options: Node[] | undefined, name: string): boolean {
  let enabled = false;
  // Postgres rejects a repeated option; if one slips through, the last one is what is meant.
  for (const option of options ?? []) {
    const element = as(option, 'DefElem');
    if (element?.defname === name) enabled = booleanValue(element.arg);
  }
  return enabled;
}

/** Postgres's `defGetBoolean`: no value means true; 0/1, and true/false/on/off/yes/no or a unique prefix. */
function booleanValue(arg: Node | undefined): boolean {
  if (!arg) return true;
  const integer = as(arg, 'Integer');
  if (integer) return (integer.ival ?? 0) !== 0;
  const boolean = as(arg, 'Boolean');
  if (boolean) return boolean.boolval ?? false;
  const text = (as(arg, 'String')?.sval ?? '').toLowerCase();
  if (text === '0' || text === 'of' || text === 'off') return false;
  return !(text.length > 0 && ('false'.startsWith(text) || 'no'.startsWith(text)));
}
