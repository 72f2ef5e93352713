// What the base database is built from before the merged history (config `database.setup` and
// `database.baseline`): the platform's schemas, roles and extensions, and a schema dump standing for
// the history. Both run the way psql runs a file (statement by statement, autocommit), because that
// is how they are written: a setup script for psql, a `pg_dump` plain-format dump. A statement that
// fails is a configuration problem (exit 2) at the file's line, never a finding on a migration.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { scanSync } from 'libpg-query';
import type pg from 'pg';
import type { Config } from '../config.js';
import { executeScript, type StatementFailure } from '../db/execute.js';
import { missingExtension } from '../db/extensions.js';
import { buildScript, type MigrationScript } from '../db/script.js';
import { UsageError } from '../errors.js';
import { as } from '../sql/ast.js';
import { ensureParser, parseSource } from '../sql/parse.js';
import { decodeSource, positionAt } from '../sql/source.js';
import { PSQL_STYLE_SCOPE } from '../types.js';

export interface BaseSqlSource {
  kind: 'setup' | 'baseline';
  /** How messages name it: the file, or `database.setup.1 (inline SQL)`. */
  label: string;
  /** The file (relative to the working directory); absent for inline SQL. */
  path?: string;
  raw: Buffer;
}

export interface BaseSql {
  setup: BaseSqlSource[];
  baseline?: BaseSqlSource;
}

/** Reads the setup files the config names (paths already relative to `cwd`) and its inline SQL. */
export async function readSetup(database: Config['database'], cwd: string): Promise<BaseSqlSource[]> {
  const setup: BaseSqlSource[] = [];
  for (const [index, entry] of (database.setup ?? []).entries()) {
    const key = `database.setup.${index}`;
    if (typeof entry !== 'string') {
      setup.push({ kind: 'setup', label: `${key} (inline SQL)`, raw: Buffer.from(entry.sql) });
      continue;
    }
    try {
      setup.push({ kind: 'setup', label: entry, path: entry, raw: await readFile(resolve(cwd, entry)) });
    } catch (error) {
      throw new UsageError(`${key}: cannot read ${entry} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path in the config`);
    }
  }
  return setup;
}

/**
 * Runs the setup, then the baseline, in the base database. The session is reset afterwards: a dump
 * sets `search_path` to '' for itself, and the history must start with the session's own settings.
 */
export async function applyBaseSql(client: pg.Client, base: BaseSql): Promise<void> {
  await ensureParser();
  for (const source of base.setup) await applySource(client, source);
  if (base.baseline) await applySource(client, base.baseline);
  await client.query('DISCARD ALL');
}

async function applySource(client: pg.Client, source: BaseSqlSource): Promise<void> {
  const script = scriptOf(source);
  const outcome = await executeScript(client, script);
  if (outcome.ok) return;
  const { failure } = outcome;
  // A role is the server's, not the database's: on a given server it outlives the last run.
  if (source.kind === 'setup' && failure.statement.tag === 'CreateRoleStmt' && failure.code === '42710') {
    await applyRest(client, source, script, failure);
    return;
  }
  throw new UsageError(`${where(source, script, failure.offset)}: ${what(source)} does not apply: ${errorText(failure)}; ${remedy(source, failure)}`);
}

/** Goes on after a CREATE ROLE of a role that exists: the statements after it still run. */
async function applyRest(client: pg.Client, source: BaseSqlSource, script: MigrationScript, failure: StatementFailure): Promise<void> {
  const units = script.units.map((unit) => ({ ...unit, statements: unit.statements.filter((statement) => statement.start > failure.statement.start) }));
  const rest = { ...script, units };
  const outcome = await executeScript(client, rest);
  if (outcome.ok) return;
  if (outcome.failure.statement.tag === 'CreateRoleStmt' && outcome.failure.code === '42710') return applyRest(client, source, rest, outcome.failure);
  throw new UsageError(`${where(source, script, outcome.failure.offset)}: ${what(source)} does not apply: ${errorText(outcome.failure)}; ${remedy(source, outcome.failure)}`);
}

function scriptOf(source: BaseSqlSource): MigrationScript {
  const shown = source.path ?? source.label;
  const decoded = decodeSource(shown, source.raw);
  if (!decoded.ok) throw new UsageError(`${shown}:${decoded.error.line}: ${decoded.error.message}`);
  // psql's meta-commands (`\restrict`, which pg_dump writes since 17.6, `\set`, ...) are psql's,
  // not SQL: blanked to spaces, so every offset still points at the same byte of the file.
  const masked = Buffer.from(decoded.source.bytes);
  for (const command of metaCommands(decoded.source.text, decoded.source.bytes)) {
    if (/^\\c(onnect)?\b/.test(command.text)) {
      throw new UsageError(`${shown}:${positionAt(decoded.source, command.start).line}: ${what(source)} connects to another database (${command.text.split(/\s/)[0]}); dump one database without --create`);
    }
    for (let at = command.start; at < command.end; at++) masked[at] = 0x20;
  }
  const built = buildScript(shown, masked, [{ scope: PSQL_STYLE_SCOPE }]);
  if (!built.ok) throw new UsageError(`${built.path}:${built.line}: ${built.message}`);
  refuseCopyData(source, built.script);
  return built.script;
}

/**
 * psql meta-commands: a backslash that starts a line outside any quoted token, up to the end of
 * that line. Found with Postgres's scanner, so a backslash inside a string or function body stays.
 */
function metaCommands(text: string, bytes: Buffer): Array<{ start: number; end: number; text: string }> {
  let tokens;
  try {
    tokens = scanSync(text).tokens ?? [];
  } catch {
    return [];
  }
  const commands: Array<{ start: number; end: number; text: string }> = [];
  for (const token of tokens) {
    if (bytes[token.start] !== 0x5c) continue;
    const lineStart = bytes.lastIndexOf(0x0a, token.start - 1) + 1;
    if (bytes.subarray(lineStart, token.start).toString('latin1').trim() !== '') continue;
    const newline = bytes.indexOf(0x0a, token.start);
    const end = newline === -1 ? bytes.length : newline;
    commands.push({ start: token.start, end, text: bytes.subarray(token.start, end).toString('utf8').trim() });
  }
  return commands;
}

/** `COPY ... FROM stdin` rows are psql's to send; the gate sends SQL statements only. */
function refuseCopyData(source: BaseSqlSource, script: MigrationScript): void {
  for (const statement of script.units.flatMap((unit) => unit.statements)) {
    if (statement.tag !== 'CopyStmt') continue;
    const decoded = decodeSource(script.path, Buffer.from(statement.text));
    const copy = decoded.ok ? as(parseSource(decoded.source).statements[0]?.node, 'CopyStmt') : undefined;
    if (copy?.is_from && copy.filename === undefined && !copy.is_program) {
      throw new UsageError(
        `${where(source, script, statement.start)}: ${what(source)} loads rows with COPY ... FROM stdin, which only psql can send; ` +
          'dump the schema alone (pg_dump --schema-only), or the data as INSERT statements (pg_dump --inserts)',
      );
    }
  }
}

function where(source: BaseSqlSource, script: MigrationScript, offset: number): string {
  const { line } = positionAt(script.source, offset);
  return source.path ? `${source.path}:${line}` : `${source.label}, line ${line}`;
}

function what(source: BaseSqlSource): string {
  return source.kind === 'setup' ? 'the database setup (database.setup)' : 'the baseline (database.baseline)';
}

function errorText(failure: StatementFailure): string {
  const code = failure.code && failure.code !== 'query-timeout' ? ` (SQLSTATE ${failure.code})` : '';
  return `${failure.message.replace(/\.$/, '')}${code}`;
}

function remedy(source: BaseSqlSource, failure: StatementFailure): string {
  const extension = missingExtension(failure);
  if (extension) return extension.remedy;
  // pg_dump writes `ALTER ... OWNER TO` and GRANTs naming the production roles.
  if (failure.code === '42704' && /\brole\b/.test(failure.message)) {
    return source.kind === 'baseline'
      ? 'dump without owners and grants (pg_dump --schema-only --no-owner --no-privileges), or create the role in database.setup'
      : 'create the role earlier in database.setup';
  }
  return source.kind === 'baseline'
    ? 'the baseline must apply on an empty database after database.setup: regenerate it with pg_dump --schema-only, and create what it needs (schemas, roles, extensions) in database.setup'
    : 'fix the setup SQL; it runs on an empty database before the migrations';
}
