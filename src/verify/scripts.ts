// The up and down scripts of a discovered migration, each cut the way its runner runs it: dbmate
// runs every section on its own with its own transaction option; goose its Up or Down section the way
// its splitter and NO TRANSACTION say (goose-script.ts); a golang-migrate `.down.sql` or a Flyway `U`
// file runs like the up file; a paired rollback file is run by a psql-style runner.

import { readFile } from 'node:fs/promises';
import type { Migration } from '../discover/index.js';
import { buildScript, type ScriptPart, type ScriptResult } from '../db/script.js';
import { PSQL_STYLE_SCOPE } from '../types.js';
import { gooseScript } from './goose-script.js';

export async function upScript(migration: Migration): Promise<ScriptResult> {
  const raw = await readSource(migration.path, migration.absolutePath);
  if (typeof raw === 'string') return { ok: false, path: migration.path, message: raw, line: 1 };
  if (migration.layout === 'goose') return gooseScript(migration.path, raw, 'up');
  const parts: ScriptPart[] = migration.sections
    ? migration.sections.map((section) => ({ scope: section.upScope, ranges: [section.up] }))
    : [{ scope: migration.scope }];
  return buildScript(migration.path, raw, parts);
}

/** The rollback's script, or undefined when the migration has none. */
export async function downScript(migration: Migration): Promise<ScriptResult | undefined> {
  const rollback = migration.rollback;
  if (rollback.kind === 'none') return undefined;
  if (rollback.kind === 'sections') {
    const raw = await readSource(migration.path, migration.absolutePath);
    if (typeof raw === 'string') return { ok: false, path: migration.path, message: raw, line: 1 };
    if (migration.layout === 'goose') return gooseScript(migration.path, raw, 'down');
    const parts = rollback.ranges.map((range) => ({
      scope: migration.sections?.find((section) => section.down.start === range.start)?.downScope ?? migration.scope,
      ranges: [range],
    }));
    return buildScript(migration.path, raw, parts);
  }
  const raw = await readSource(rollback.path, rollback.absolutePath);
  if (typeof raw === 'string') return { ok: false, path: rollback.path, message: raw, line: 1 };
  const scope = migration.layout === 'plain' ? PSQL_STYLE_SCOPE : migration.scope;
  return buildScript(rollback.path, raw, [{ scope }]);
}

/** Path of the file the rollback lives in (the migration's own for dbmate and goose). */
export function rollbackPath(migration: Migration): string | undefined {
  if (migration.rollback.kind === 'none') return undefined;
  return migration.rollback.kind === 'file' ? migration.rollback.path : migration.path;
}

async function readSource(path: string, absolutePath: string): Promise<Buffer | string> {
  try {
    return await readFile(absolutePath);
  } catch (error) {
    return `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}
