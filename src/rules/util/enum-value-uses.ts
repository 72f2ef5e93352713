// Where a statement uses an enum value, for enum-add-value-in-transaction. Postgres turns a string
// literal into an enum value when it parses the statement, so a use fails even where no row is
// touched. Statically the type of a column is mostly unknown, so the heuristic is:
// - a literal cast to the enum type (`'v'::t`, `CAST('v' AS t)`, `'v'::text::t`), or an array
//   literal holding the label cast to its array type (`'{v}'::t[]`), is a use in any statement; a
//   literal cast to another type (`'v'::text`) is not;
// - a bare literal equal to the label is a use in the statements whose literals Postgres parses
//   as values when the statement runs: DML, queries, ALTER/CREATE TABLE, CREATE INDEX, views,
//   policies, triggers, rules, domains; not COMMENT, SET, ALTER TYPE and the like;
// - a bare array literal holding the label (`'{v}'`) counts like the bare label: an enum array
//   column's DEFAULT, `SET tags = '{v}'`;
// - a column or function parameter declared with a type other than the enum (or its array) takes
//   no enum value from its DEFAULT or CHECK;
// - a function body is parsed at creation only in LANGUAGE sql (checked: the literals of its
//   query); a PL/pgSQL body runs later, when the value is committed.

import { parseSync, type CreateFunctionStmt, type Node } from 'libpg-query';
import { as, nodeTag, stringValue, type NodeTag } from '../../sql/ast.js';
import { enumTypeName, sameEnumType, type AddedEnumValue } from '../../lint/uncommitted-enums.js';

export interface EnumValueUse {
  value: AddedEnumValue;
  /** The literal; undefined when it has no position in the file (inside a function body's text). */
  at: { location?: number } | undefined;
}

const VALUE_STATEMENTS: ReadonlySet<NodeTag> = new Set<NodeTag>([
  'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'SelectStmt', 'CallStmt', 'ExplainStmt',
  'AlterTableStmt', 'CreateStmt', 'CreateTableAsStmt', 'IndexStmt', 'ViewStmt',
  'CreatePolicyStmt', 'AlterPolicyStmt', 'CreateTrigStmt', 'RuleStmt', 'CreateDomainStmt', 'AlterDomainStmt',
]);

/** The first use, in document order, of one of `values` in the statement `node`. */
export function firstEnumValueUse(node: Node, values: readonly AddedEnumValue[]): EnumValueUse | undefined {
  const create = as(node, 'CreateFunctionStmt');
  if (create) return functionUse(create, values);
  const tag = nodeTag(node);
  return findUse(node, values, tag !== undefined && VALUE_STATEMENTS.has(tag));
}

/** A string literal's text and node. */
function literalOf(node: unknown): { text: string; node: { location?: number } } | undefined {
  const constant = as(node as Node, 'A_Const');
  const text = constant?.sval?.sval;
  return constant && text !== undefined ? { text, node: constant } : undefined;
}

function findUse(node: unknown, values: readonly AddedEnumValue[], bareLiteralsAreValues: boolean): EnumValueUse | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const use = findUse(item, values, bareLiteralsAreValues);
      if (use) return use;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;

  const cast = as(node as Node, 'TypeCast');
  if (cast) {
    let inner: Node | undefined = cast.arg;
    while (as(inner, 'TypeCast')) inner = as(inner, 'TypeCast')!.arg;
    const literal = literalOf(inner);
    if (literal) {
      const type = enumTypeName(cast.typeName?.names);
      // Array input reads each element as the element type: `'{refunded}'::order_status[]` is a use.
      const labels = cast.typeName?.arrayBounds ? arrayLiteralElements(literal.text) : [literal.text];
      const value = values.find((candidate) => labels.includes(candidate.label) && sameEnumType(candidate.type, type));
      if (value) return { value, at: literal.node };
    }
    // A literal cast straight to another type is input of that type, not of the enum.
    return literalOf(cast.arg) ? undefined : findUse(cast.arg, values, bareLiteralsAreValues);
  }

  const column = as(node as Node, 'ColumnDef');
  if (column?.typeName) {
    const type = enumTypeName(column.typeName.names);
    const own = values.filter((value) => sameEnumType(value.type, type));
    return own.length === 0 ? undefined : findUse(Object.values(column), own, bareLiteralsAreValues);
  }

  const literal = literalOf(node);
  if (literal) {
    const labels = bareLiteralsAreValues ? [literal.text, ...arrayLiteralElements(literal.text)] : [];
    const value = values.find((candidate) => labels.includes(candidate.label));
    return value ? { value, at: literal.node } : undefined;
  }

  for (const key in node) {
    const use = findUse((node as Record<string, unknown>)[key], values, bareLiteralsAreValues);
    if (use) return use;
  }
  return undefined;
}

/**
 * CREATE FUNCTION / PROCEDURE evaluates its parameters' defaults, and parses a LANGUAGE sql body
 * (check_function_bodies is on by default); other languages' bodies only run when called.
 */
function functionUse(create: CreateFunctionStmt, values: readonly AddedEnumValue[]): EnumValueUse | undefined {
  for (const item of create.parameters ?? []) {
    const parameter = as(item, 'FunctionParameter');
    if (!parameter?.defexpr) continue;
    const type = enumTypeName(parameter.argType?.names);
    const own = values.filter((value) => sameEnumType(value.type, type));
    const use = own.length > 0 ? findUse(parameter.defexpr, own, true) : undefined;
    if (use) return use;
  }
  // A body written as SQL (RETURN ..., BEGIN ATOMIC ... END) is part of the statement's tree.
  if (create.sql_body) return findUse(create.sql_body, values, true);
  const options = (create.options ?? []).map((option) => as(option, 'DefElem'));
  const language = stringValue(options.find((option) => option?.defname === 'language')?.arg)?.toLowerCase();
  if (language !== 'sql') return undefined;
  const body = stringValue(as(options.find((option) => option?.defname === 'as')?.arg, 'List')?.items?.[0]);
  if (body === undefined) return undefined;
  let statements: Node[];
  try {
    statements = (parseSync(body).stmts ?? []).flatMap((raw) => (raw.stmt ? [raw.stmt] : []));
  } catch {
    return undefined; // Postgres reports a body it cannot parse; this rule has nothing to add
  }
  const use = findUse(statements, values, true);
  // Positions in the body's text are not positions in the file: point at the statement.
  return use ? { value: use.value, at: undefined } : undefined;
}

/**
 * The elements of a string that is an array literal (`{a,"b c",{d}}`), unquoted as array input
 * reads them (a backslash escapes the next character; NULL unquoted is no element); none when the
 * text is not one.
 */
function arrayLiteralElements(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return [];
  const elements: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  const flush = (): void => {
    const element = wasQuoted ? current : current.trim();
    if (wasQuoted || (element !== '' && element.toUpperCase() !== 'NULL')) elements.push(element);
    current = '';
    wasQuoted = false;
  };
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i]!;
    if (char === '\\') {
      current += trimmed[++i] ?? '';
    } else if (char === '"') {
      quoted = !quoted;
      wasQuoted = true;
    } else if (!quoted && (char === '{' || char === '}' || char === ',')) {
      if (current !== '' || wasQuoted) flush();
    } else if (quoted || char.trim() !== '') {
      current += char;
    } else if (current !== '' && !wasQuoted) {
      current += char; // inner whitespace of an unquoted element; the trailing part is trimmed
    }
  }
  return elements;
}
