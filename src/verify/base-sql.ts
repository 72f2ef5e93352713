// What the base database is built from before the merged history (config `database.setup` and
// `database.baseline`): the platform's schemas, roles and extensions, and a schema dump standing for
// the history. Both run the way psql runs a file (statement by statement, autocommit), because that
// is how they are written: a setup script for psql, a `pg_dump` plain-format dump. A statement that
// fails is a configuration problem (exit 2) at the file's line, never a finding on a migration.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseSync } from 'libpg-query';
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
import { guardParser } from '../sql/parser-guard.js';

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
  for (const command of metaCommands(decoded.source.bytes)) {
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
 * psql meta-commands: a line whose first character is a backslash, outside any quoted string,
 * identifier, dollar-quoted body or comment, up to the end of that line. Whether a line is inside a
 * quote is asked of Postgres's parser (an unterminated quote in the text before it), not guessed;
 * such lines are rare (pg_dump writes two), so parsing the text before each is cheap enough.
 */
function metaCommands(bytes: Buffer): Array<{ start: number; end: number; text: string }> {
  const commands: Array<{ start: number; end: number; text: string }> = [];
  const masked = Buffer.from(bytes);
  for (let lineStart = 0; lineStart < bytes.length; ) {
    const newline = bytes.indexOf(0x0a, lineStart);
    const lineEnd = newline === -1 ? bytes.length : newline;
    let first = lineStart;
    while (first < lineEnd && (bytes[first] === 0x20 || bytes[first] === 0x09)) first++;
    if (bytes[first] === 0x5c && !insideQuote(masked.subarray(0, first).toString('utf8'))) {
      commands.push({ start: first, end: lineEnd, text: bytes.subarray(first, lineEnd).toString('utf8').trim() });
      masked.fill(0x20, first, lineEnd);
    }
    lineStart = lineEnd + 1;
  }
  return commands;
}

function insideQuote(prefix: string): boolean {
  try {
    guardParser(prefix, () => parseSync(prefix));
    return false;
  } catch (error) {
    return /unterminated/.test(error instanceof Error ? error.message : String(error));
  }
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
