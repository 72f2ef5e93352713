// A JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 schema uses, so a test can
// hold our SARIF to that schema without a validator dependency: $ref into `definitions`, type,
// enum, properties, required, additionalProperties, items, minItems, uniqueItems, minimum,
// maximum, pattern, anyOf, oneOf, and the formats uri, uri-reference and date-time. A keyword it
// does not know is an error, so a schema that needs more cannot pass unchecked.

export interface SchemaError {
  /** JSON pointer of the value, e.g. /runs/0/results/3/locations/0. */
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', 'id', 'title', 'description', 'default', 'definitions']);
const CHECKED = new Set(['$ref', 'type', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'uniqueItems', 'minimum', 'maximum', 'pattern', 'anyOf', 'oneOf', 'format']);

export function validateSchema(root: Schema, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  check(root, root, value, '', errors);
  return errors;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, errors: SchemaError[]): void {
  const fail = (message: string) => errors.push({ path: path || '/', message });
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !CHECKED.has(keyword)) fail(`the validator does not know the keyword '${keyword}'`);
  }
  if (typeof schema.$ref === 'string') {
    check(root, resolve(root, schema.$ref), value, path, errors);
    return;
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => hasType(value, type))) {
      fail(`expected ${types.join(' or ')}, got ${JSON.stringify(value)}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === 'string') checkString(schema, value, fail);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`${value} is below the minimum ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`${value} is above the maximum ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (schema.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) fail('items are not unique');
    if (schema.items && typeof schema.items === 'object') value.forEach((item, i) => check(root, schema.items as Schema, item, `${path}/${i}`, errors));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) checkObject(root, schema, value as Record<string, unknown>, path, errors, fail);
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((option) => validateAt(root, option, value, path).length === 0)) {
    fail('matches none of anyOf');
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter((option) => validateAt(root, option, value, path).length === 0).length;
    if (matching !== 1) fail(`matches ${matching} of oneOf, not exactly one`);
  }
}

function checkObject(root: Schema, schema: Schema, value: Record<string, unknown>, path: string, errors: SchemaError[], fail: (message: string) => void): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) if (!(name in value)) fail(`'${name}' is required`);
  for (const [name, item] of Object.entries(value)) {
    const at = `${path}/${name}`;
    if (properties[name]) check(root, properties[name], item, at, errors);
    else if (schema.additionalProperties === false) errors.push({ path: at, message: `'${name}' is not allowed here` });
    else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') check(root, schema.additionalProperties as Schema, item, at, errors);
  }
}

function checkString(schema: Schema, value: string, fail: (message: string) => void): void {
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`'${value}' does not match ${schema.pattern}`);
  switch (schema.format) {
    case 'uri':
      if (!URL.canParse(value)) fail(`'${value}' is not an absolute URI`);
      break;
    case 'uri-reference':
      if (!URL.canParse(value, 'file:///')) fail(`'${value}' is not a URI reference`);
      break;
    case 'date-time':
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) fail(`'${value}' is not an RFC 3339 date-time`);
      break;
  }
}

function validateAt(root: Schema, schema: Schema, value: unknown, path: string): SchemaError[] {
  const errors: SchemaError[] = [];
  check(root, schema, value, path, errors);
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function resolve(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, not ${ref}`);
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown>)[part];
  if (!target || typeof target !== 'object') throw new Error(`$ref ${ref} points at nothing`);
  return target as Schema;
}
