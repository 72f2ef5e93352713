// The zod schema of `.migration-gate.yml` (DESIGN.md, "Config") and the parser that locates its errors.
// Loaded only when a config file exists (src/config.ts): zod and yaml are the largest parts of the
// CLI bundle, and a run on the defaults never needs them.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { didYouMean } from '../did-you-mean.js';
import { DEFAULT_POSTGRES_VERSION } from './postgres-version.js';
import { RULES_BY_ID } from '../rules/index.js';
import { UsageError } from '../errors.js';
import { LARGE_TABLE_DEFAULT, SMALL_TABLE_DEFAULT, sizeLimitsOf, type Config } from '../config.js';
import { LAYOUT_NAMES } from '../discover/types.js';

// The layouts come from discovery's own list, so a new layout is accepted here without a second edit.
const LAYOUTS = ['auto', ...LAYOUT_NAMES] as const;
const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'off'] as const;
// `auto`: every style at least a fifth of the merged migrations use (snake_case with no history).
const DESCRIPTION_SETTINGS = ['auto', 'snake_case', 'kebab-case', 'camelCase', 'any'] as const;

const ruleSeverities = z.record(z.string(), z.enum(SEVERITY_SETTINGS)).superRefine((rules, ctx) => {
  for (const id of Object.keys(rules)) {
    if (!RULES_BY_ID.has(id)) {
      ctx.addIssue({ code: 'custom', path: [id], message: `unknown rule '${id}'${didYouMean(id, [...RULES_BY_ID.keys()])}; run \`pg-migration-gate rules\` for the list` });
    }
  }
});

// `auto`: the convention the directory already follows (timestamps when most versions are
// YYYYMMDDHHMMSS, else sequence numbers), so a Prisma or dbmate project is not told to number files.
const namingPattern = z.union([z.enum(['auto', 'sequence', 'timestamp']), z.string().min(1)]).superRefine((pattern, ctx) => {
  if (pattern === 'auto' || pattern === 'sequence' || pattern === 'timestamp') return;
  try {
    new RegExp(pattern);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
  }
});

/** A duration: milliseconds as a number, or a number with a unit (`500ms`, `5s`, `2min`); 0 turns the limit off. */
const duration = z
  .union([z.number().int().min(0), z.string().regex(/^\s*\d+(\.\d+)?\s*(ms|s|min)\s*$/, 'a duration like 500ms, 5s or 2min (or milliseconds as a number)')])
  .transform((value) => {
    if (typeof value === 'number') return value;
    const [, amount, unit] = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min)\s*$/.exec(value)!;
    return Math.round(Number(amount) * (unit === 'ms' ? 1 : unit === 's' ? 1_000 : 60_000));
  });

/** Limits of the database stage, so a server that is down or a lock that is held ends in a clear error, never a hang. */
const databaseSettings = z.strictObject({
  'connect-timeout': duration.default(10_000),
  'lock-timeout': duration.default(5_000),
  'statement-timeout': duration.default(60_000),
  // What the platform makes before any migration (schemas, roles, extensions): SQL files, relative to
  // the config, or `{ sql: ... }` inline. Run once on the base database, before the baseline and history.
  setup: z
    .array(z.union([z.string().min(1), z.strictObject({ sql: z.string().min(1) })], { error: 'a path to a .sql file, or { sql: "..." } for SQL inline' }))
    .optional(),
  // A schema dump (`pg_dump --schema-only`) standing for the merged history: the base is built from it.
  baseline: z.string().min(1).optional(),
  // Apply the migrations as the URL's superuser instead of the gate's own non-superuser role, for
  // histories that need one (src/db/migrator-role.ts); the report warns.
  superuser: z.boolean({ error: 'true or false' }).optional(),
});

/** A session setting's value as Postgres takes it (`5s`, `0`, `'$user', public`); numbers are written as given. */
const settingValue = z.union([z.string(), z.number()]).transform((value) => String(value));

/**
 * What the migration runner does around each file that the files do not show: the session settings
 * it sets first, and (plain files only, whose runner the gate cannot know) whether it wraps each file
 * in a transaction, how a file opts out, and whether it sends the file as one query.
 */
const runnerSettings = z.strictObject({
  settings: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, 'a setting name like lock_timeout'), settingValue)
    .default({}),
  transaction: z.enum(['none', 'per-file']).default('none'),
  'no-transaction-marker': z.string().min(1).optional(),
  send: z.enum(['statements', 'whole-file']).default('statements'),
});

/**
 * Where the runner records what it applied in the target, for `plan` (src/plan/runners/*): every
 * runner but plain files has a default table; `table` overrides it (`schema.name`, or a name in the
 * session's current schema). Plain files name their runner's table and columns here.
 */
const trackingSettings = z.strictObject({
  table: z.string().regex(/^[^.\s]+(\.[^.\s]+)?$/, 'a table name like schema.table or table').optional(),
  'name-column': z.string().min(1).optional(),
  'checksum-column': z.string().min(1).optional(),
  checksum: z.enum(['sha256', 'md5']).default('sha256'),
  // The runner applies a pending migration older than the newest applied one: Flyway's outOfOrder,
  // goose's -allow-missing; false for dbmate means --strict. Unset: the runner's default.
  'out-of-order': z.boolean().optional(),
});

const BYTE_UNITS = { bytes: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 } as const;
const BYTE_SIZE = /^\s*(\d+(?:\.\d+)?)\s*(bytes|kB|MB|GB|TB)\s*$/i;

/** A size: bytes as a number, or a number with a unit as pg_size_pretty prints it (`8kB`, `500MB`, `40GB`; 1024 each). */
const byteSize = z
  .union([z.number().int().min(0), z.string().regex(BYTE_SIZE, 'a size like 500MB, 1GB or 40GB (or bytes as a number)')])
  .transform((value) => {
    if (typeof value === 'number') return value;
    const [, amount, unit] = BYTE_SIZE.exec(value)!;
    return Math.round(Number(amount) * BYTE_UNITS[unit!.toLowerCase() as keyof typeof BYTE_UNITS]);
  });

/**
 * Limits of `plan`: its session check (blocking-session), and the table sizes the rehearsal weighs a
 * rewrite, an index build or a validating scan by: at or above either `large-table` limit such a
 * statement is high risk; below both `small-table` limits, low.
 */
const planSettings = z
  .strictObject({
    'long-transaction': duration.default(300_000),
    'large-table': z
      .strictObject({ rows: z.number().int().min(0).default(LARGE_TABLE_DEFAULT.rows), bytes: byteSize.default(LARGE_TABLE_DEFAULT.bytes) })
      .optional(),
    'small-table': z
      .strictObject({ rows: z.number().int().min(0).default(SMALL_TABLE_DEFAULT.rows), bytes: byteSize.default(SMALL_TABLE_DEFAULT.bytes) })
      .optional(),
  })
  .refine((plan) => sizeLimitsOf(plan).small.rows <= sizeLimitsOf(plan).large.rows && sizeLimitsOf(plan).small.bytes <= sizeLimitsOf(plan).large.bytes, {
    message: 'small-table must not be larger than large-table (rows and bytes)',
    path: ['small-table'],
  });

export const configSchema = z.strictObject({
  migrations: z.string().min(1).default('migrations'),
  layout: z.enum(LAYOUTS).default('auto'),
  naming: z
    .strictObject({ pattern: namingPattern.default('auto'), description: z.enum(DESCRIPTION_SETTINGS).default('auto') })
    .default({ pattern: 'auto', description: 'auto' }),
  rollback: z
    .strictObject({ required: z.boolean().default(false), suffix: z.string().min(1).default('_rollback.sql') })
    .default({ required: false, suffix: '_rollback.sql' }),
  header: z.strictObject({ required: z.array(z.string().min(1)).default([]) }).default({ required: [] }),
  'postgres-version': z.number().int().min(10).max(30).default(DEFAULT_POSTGRES_VERSION),
  'fail-on': z.enum(['error', 'warning', 'never']).default('error'),
  rules: ruleSeverities.default({}),
  database: databaseSettings.default({ 'connect-timeout': 10_000, 'lock-timeout': 5_000, 'statement-timeout': 60_000 }),
  tracking: trackingSettings.optional(),
  plan: planSettings.optional(),
  runner: runnerSettings
    .default({ settings: {}, transaction: 'none', send: 'statements' })
    .refine((runner) => runner['no-transaction-marker'] === undefined || runner.transaction === 'per-file', {
      message: 'no-transaction-marker says how a file opts out of the runner\'s transaction, so it needs transaction: per-file',
      path: ['no-transaction-marker'],
    }),
});

/**
 * Parses and validates config YAML; errors name the file, the line and the key. With `configDir`,
 * the files the config names (`database.setup`, `database.baseline`) must exist relative to it.
 */
export function parseConfigText(text: string, shownPath: string, configDir?: string): Config {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new UsageError(`${shownPath}:${line}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const value: unknown = document.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${shownPath}:1: the config must be a mapping of keys (migrations, layout, rules, ...)`);
  }
  const result = configSchema.safeParse(value, { reportInput: true });
  if (result.success) {
    if (configDir !== undefined) checkNamedFiles(result.data, configDir, (path) => lineOf(document, lineCounter, path), shownPath);
    return result.data;
  }

  const issue = result.error.issues[0]!;
  const keyPath = issue.path.map(String);
  // An unknown key is reported by zod on the parent object with the key names in `keys`.
  const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const nodePath = unknownKeys.length > 0 ? [...keyPath, unknownKeys[0]!] : keyPath;
  const node = document.getIn(nodePath, true) as { range?: [number, number, number] } | undefined;
  const keyNode = unknownKeys.length > 0 ? findKeyNode(document, keyPath, unknownKeys[0]!) : undefined;
  const offset = keyNode?.range?.[0] ?? node?.range?.[0];
  const line = offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const where = nodePath.length > 0 ? `'${nodePath.join('.')}'` : 'the config';
  // A record key that fails its own check (a setting name): zod wraps that check's message.
  const keyIssue = issue.code === 'invalid_key' ? issue.issues[0] : undefined;
  const what =
    unknownKeys.length > 0
      ? `unknown key${didYouMean(unknownKeys[0]!, allowedKeys(keyPath))}; allowed here: ${allowedKeys(keyPath).join(', ')}`
      : (keyIssue?.message ?? inOurWords(issue));
  throw new UsageError(`${shownPath}:${line}: ${where}: ${what}`);
}

/**
 * zod's built-in messages ("Invalid input: expected record, received array", "Too small: expected
 * number to be >=10") in the words of a config file: what the value must be. Custom messages (ours)
 * pass through.
 */
function inOurWords(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const received = (issue as { input?: unknown }).input;
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${valueWords(received)}`;
    }
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : issue.origin === 'array' ? `must list at least ${String(issue.minimum)}` : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? `must have at most ${String(issue.maximum)}` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'invalid_union':
      return 'has a value of the wrong kind; see the README ("Config file") for the form it takes';
    default:
      return issue.message;
  }
}

const TYPE_WORDS: Record<string, string> = {
  record: 'a mapping of names to values (key: value lines)',
  object: 'a mapping of keys (key: value lines)',
  array: 'a list (- item lines, or [a, b])',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function valueWords(value: unknown): string {
  if (value === undefined || value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function lineOf(document: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: ReadonlyArray<string | number>): number {
  const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
}

/** A setup or baseline file that is not there is a config error now, before any server starts. */
function checkNamedFiles(config: Config, configDir: string, lineAt: (path: ReadonlyArray<string | number>) => number, shownPath: string): void {
  const missing = (file: string): boolean => !existsSync(resolve(configDir, file));
  (config.database.setup ?? []).forEach((entry, index) => {
    if (typeof entry !== 'string' || !missing(entry)) return;
    // `- CREATE SCHEMA auth;` reads as SQL, but a plain string is a path: say how to write SQL inline.
    const inline = /[\s;]/.test(entry.trim()) ? '; to give SQL inline, write it as `- sql: <statements>`' : '';
    throw new UsageError(`${shownPath}:${lineAt(['database', 'setup', index])}: 'database.setup.${index}': no file ${entry} (paths are relative to the config file)${inline}`);
  });
  const baseline = config.database.baseline;
  if (baseline !== undefined && missing(baseline)) {
    throw new UsageError(`${shownPath}:${lineAt(['database', 'baseline'])}: 'database.baseline': no file ${baseline} (paths are relative to the config file); write it with \`pg_dump --schema-only\``);
  }
}

function findKeyNode(document: ReturnType<typeof parseDocument>, parentPath: string[], key: string): { range?: [number, number, number] } | undefined {
  const parent = (parentPath.length === 0 ? document.contents : document.getIn(parentPath, true)) as
    | { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> }
    | undefined;
  return parent?.items?.find((pair) => pair.key?.value === key)?.key;
}

function allowedKeys(parentPath: string[]): string[] {
  let schema: z.ZodType = configSchema;
  for (const key of parentPath) {
    const shape = unwrapObject(schema)?.shape as Record<string, z.ZodType> | undefined;
    if (!shape?.[key]) return [];
    schema = shape[key];
  }
  return Object.keys(unwrapObject(schema)?.shape ?? {});
}

function unwrapObject(schema: z.ZodType): z.ZodObject | undefined {
  let current: unknown = schema;
  // .default() wraps the object; unwrap until the object schema itself.
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof z.ZodObject) return current;
    current = (current as { def?: { innerType?: unknown } }).def?.innerType;
  }
  return undefined;
}
