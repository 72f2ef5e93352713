// `.migration-gate.yml` (DESIGN.md, "Config"): where it is found, its defaults, and severities per rule.
// The schema and its located errors are in config/schema.ts, loaded only when a file exists: zod and
// yaml are most of the CLI's start-up, and a run on the defaults never needs them.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { z } from 'zod';
import type { configSchema } from './config/schema.js';
import { RULES_BY_ID } from './rules/index.js';
import { UsageError } from './errors.js';
import { rememberConfig, rememberedConfig } from './config/remembered.js';
import { DEFAULT_POSTGRES_VERSION } from './config/postgres-version.js';
import type { SeveritySetting } from './types.js';
import type { DiscoverOptions } from './discover/index.js';

export const CONFIG_FILE_NAME = '.migration-gate.yml';

export type Config = z.infer<typeof configSchema>;

export interface LoadedConfig {
  config: Config;
  /** The file the config came from, or undefined when defaults are used. */
  path: string | undefined;
}

/** What the schema gives for an empty file (test/config.test.ts holds the two equal). */
const DEFAULTS: Config = {
  migrations: 'migrations',
  layout: 'auto',
  naming: { pattern: 'auto', description: 'auto' },
  rollback: { required: false, suffix: '_rollback.sql' },
  header: { required: [] },
  'postgres-version': DEFAULT_POSTGRES_VERSION,
  'fail-on': 'error',
  rules: {},
  database: { 'connect-timeout': 10_000, 'lock-timeout': 5_000, 'statement-timeout': 60_000 },
  runner: { settings: {}, transaction: 'none', send: 'statements' },
};

export function defaultConfig(): Config {
  return structuredClone(DEFAULTS);
}

/** How the config says to read a migrations directory (every discovery of `check` and `lint` uses it). */
export function discoveryOptions(config: Config): Pick<DiscoverOptions, 'layout' | 'rollbackSuffix' | 'plainRunner'> {
  const { transaction, send } = config.runner;
  const marker = config.runner['no-transaction-marker'];
  return {
    layout: config.layout,
    rollbackSuffix: config.rollback.suffix,
    plainRunner: { transaction, send, ...(marker === undefined ? {} : { noTransactionMarker: marker }) },
  };
}

/** Whether the runner sets a non-zero lock_timeout for the session before each file. */
export function runnerSetsLockTimeout(config: Config): boolean {
  // Setting names are case-insensitive in Postgres: the database stage's set_config('LOCK_TIMEOUT', ...) sets it too.
  const value = Object.entries(config.runner.settings).find(([name]) => name.toLowerCase() === 'lock_timeout')?.[1];
  return value !== undefined && Number.parseFloat(value) > 0;
}

/**
 * The severities the config sets, by rule id. A rule it does not name keeps its default (and a
 * message with a default of its own keeps that one): see `severityOf` and `createFinding`.
 */
export function resolveSeverities(config: Config): Map<string, SeveritySetting> {
  return new Map(Object.entries(config.rules).filter(([id]) => RULES_BY_ID.has(id)));
}

/**
 * Loads `explicitPath`, or `.migration-gate.yml` in `cwd` when it exists, else the defaults.
 * An explicit path that does not exist is an error; a missing default file is not.
 */
/**
 * `remember`: use and keep validated configs in the cache (config/remembered.ts); `check --no-cache`
 * turns it off with the rest of the cache.
 */
export async function loadConfig(cwd: string, explicitPath?: string, options: { remember?: boolean } = {}): Promise<LoadedConfig> {
  const remember = options.remember ?? true;
  const path = explicitPath ? (isAbsolute(explicitPath) ? explicitPath : resolve(cwd, explicitPath)) : resolve(cwd, CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (explicitPath) throw new UsageError(`${explicitPath}: config file not found; check the --config path`);
    return { config: defaultConfig(), path: undefined };
  }
  const shown = explicitPath ?? CONFIG_FILE_NAME;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${shown}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const remembered = remember ? await rememberedConfig(text) : undefined;
  // The one part of the validation that reads the disk: a named file gone since means a full check,
  // which reports it at its line.
  if (remembered && shapedLikeConfig(remembered) && namedFilesExist(remembered, dirname(path))) return { config: withPathsFrom(remembered, dirname(path), cwd), path };
  const { parseConfigText } = await import('./config/schema.js');
  const config = parseConfigText(text, shown, dirname(path));
  if (remember) await rememberConfig(text, config);
  return { config: withPathsFrom(config, dirname(path), cwd), path };
}

/** Every key of the defaults, each of the same kind: what a remembered entry must be to be used. */
function shapedLikeConfig(value: Config): boolean {
  const defaults = defaultConfig() as unknown as Record<string, unknown>;
  const candidate = value as unknown as Record<string, unknown>;
  return Object.entries(defaults).every(([key, fallback]) => typeof candidate[key] === typeof fallback && (candidate[key] === null) === (fallback === null));
}

/** The files `database.setup` and `database.baseline` name, relative to the config, are all there. */
function namedFilesExist(config: Config, configDir: string): boolean {
  const files = [...(config.database.setup ?? []).filter((entry): entry is string => typeof entry === 'string'), ...(config.database.baseline === undefined ? [] : [config.database.baseline])];
  return files.every((file) => existsSync(resolve(configDir, file)));
}

/**
 * The files a config names are relative to the config; the gate works from `cwd`, so they are
 * rewritten relative to it (and read the same wherever the config lives).
 */
function withPathsFrom(config: Config, configDir: string, cwd: string): Config {
  const fromCwd = (file: string): string => relative(cwd, resolve(configDir, file)) || file;
  const { setup, baseline } = config.database;
  return {
    ...config,
    database: {
      ...config.database,
      ...(setup ? { setup: setup.map((entry) => (typeof entry === 'string' ? fromCwd(entry) : entry)) } : {}),
      ...(baseline ? { baseline: fromCwd(baseline) } : {}),
    },
  };
}

/** The defaults of `plan.large-table` and `plan.small-table` (DESIGN.md, "Config"). */
export const LARGE_TABLE_DEFAULT = { rows: 1_000_000, bytes: 1024 ** 3 } as const;
export const SMALL_TABLE_DEFAULT = { rows: 10_000, bytes: 10 * 1024 ** 2 } as const;

export interface TableSizeLimits {
  large: { rows: number; bytes: number };
  small: { rows: number; bytes: number };
}

/** `plan.large-table` and `plan.small-table`, with the defaults where the config leaves them out. */
export function sizeLimitsOf(plan: { 'large-table'?: { rows: number; bytes: number } | undefined; 'small-table'?: { rows: number; bytes: number } | undefined } | undefined): TableSizeLimits {
  return { large: plan?.['large-table'] ?? { ...LARGE_TABLE_DEFAULT }, small: plan?.['small-table'] ?? { ...SMALL_TABLE_DEFAULT } };
}
