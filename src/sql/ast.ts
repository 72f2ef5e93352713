// Typed access to libpg-query's JSON AST. Every node is an object with one key, the node's tag
// (`{ CreateStmt: {...} }`); these helpers unwrap it without casts in rule code.

import type { Node, RangeVar, TypeName } from 'libpg-query';

type KeysOf<T> = T extends unknown ? keyof T : never;
export type NodeTag = KeysOf<Node> & string;
type NodeMap = { [K in NodeTag]: Extract<Node, Record<K, unknown>> extends Record<K, infer Body> ? Body : never };
export type NodeOf<K extends NodeTag> = NodeMap[K];

export function nodeTag(node: Node | undefined): NodeTag | undefined {
  if (!node) return undefined;
  for (const key in node) return key as NodeTag;
  return undefined;
}

/** The body of `node` when its tag is `tag`, else undefined. */
export function as<K extends NodeTag>(node: Node | undefined, tag: K): NodeOf<K> | undefined {
  if (!node || !(tag in node)) return undefined;
  return (node as Record<string, unknown>)[tag] as NodeOf<K>;
}

/**
 * Calls `visit` with every key and value of every object in the JSON tree below `root`, in document
 * order (a node's own keys before its children's). The one walk behind findAll and the other
 * "anywhere in this tree" questions.
 */
export function walkTree(root: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(root)) {
    for (const item of root) walkTree(item, visit);
    return;
  }
  if (root === null || typeof root !== 'object') return;
  // for...in, not Object.entries: this walks every statement's tree, and the entry arrays were
  // a measurable share of the lint's garbage.
  for (const key in root) {
    const child = (root as Record<string, unknown>)[key];
    visit(key, child);
    // Leaves (locations, names, flags) are most of the keys: skip the call for them.
    if (child !== null && typeof child === 'object') walkTree(child, visit);
  }
}

/** Every node of `tag` anywhere below `root` (including root itself), in document order. */
export function findAll<K extends NodeTag>(root: unknown, tag: K): NodeOf<K>[] {
  const found: NodeOf<K>[] = [];
  walkTree(root, (key, value) => {
    if (key === tag) found.push(value as NodeOf<K>);
  });
  return found;
}

/** The text of a `String` node (identifiers, qualified-name parts). */
export function stringValue(node: Node | undefined): string | undefined {
  return as(node, 'String')?.sval;
}

/** A qualified name (list of `String` nodes) as its parts. */
export function nameParts(names: Node[] | undefined): string[] {
  return (names ?? []).map((part) => stringValue(part) ?? '').filter((part) => part !== '');
}

/**
 * The type's name without the `pg_catalog` prefix the grammar adds to built-in types:
 * `int4`, `varchar`, `timestamptz`, `bpchar`, or a user type's last name part.
 */
export function typeNameOf(typeName: TypeName | undefined): string {
  const parts = nameParts(typeName?.names);
  return parts[parts.length - 1] ?? '';
}

/** `schema.table` or `table` as written, for messages. */
export function displayName(relation: RangeVar | undefined): string {
  if (!relation?.relname) return '?';
  return relation.schemaname ? `${relation.schemaname}.${relation.relname}` : relation.relname;
}

/** A string constant from an `A_Const`, or undefined when the node is not one. */
export function constString(node: Node | undefined): string | undefined {
  const constant = as(node, 'A_Const');
  if (!constant) return undefined;
  if (constant.sval) return constant.sval.sval ?? '';
  if (constant.ival) return String(constant.ival.ival ?? 0);
  if (constant.fval) return constant.fval.fval;
  return undefined;
}
