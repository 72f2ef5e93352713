// The database stage on each layout's own files: rollbacks found where the runner keeps them, run
// the way the runner runs them, and findings at lines of the real files.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { discoverMigrations, type LayoutName } from '../../src/discover/index.js';
import { runDatabaseStage } from '../../src/verify/stage.js';
import { testDatabaseUrl } from '../db/postgres.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Writes the files, treats the last `checked` ones as new, and runs the stage. */
async function stageOf(layout: LayoutName, files: Record<string, string>, checked: string[]) {
  const root = mkdtempSync(path.join(tmpdir(), 'pgmg-layout-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, 'migrations', name)), { recursive: true });
    writeFileSync(path.join(root, 'migrations', name), text);
  }
  const suffix = layout === 'golang-migrate' ? '.down.sql' : '_rollback.sql';
  const discovery = await discoverMigrations(path.join(root, 'migrations'), { cwd: root, layout, rollbackSuffix: suffix });
  expect(discovery.problems).toEqual([]);
  return runDatabaseStage({
    sets: [{ migrations: discovery.migrations, checked: new Map(checked.map((name) => [`migrations/${name}`, 'new' as const])) }],
    databaseUrl: testDatabaseUrl(),
    settings: defaultConfig().database,
    severities: new Map(),
  });
}

describe('database stage per layout', () => {
  it('dbmate: up and down sections of one file, the down failure at its line in that file', async () => {
    const stage = await stageOf(
      'dbmate',
      {
        '20250101000000_users.sql': '-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n',
        '20250102000000_email.sql': '-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n\n-- migrate:down\nALTER TABLE users DROP COLUMN emial;\n',
      },
      ['20250102000000_email.sql'],
    );
    const file = stage.files.get('migrations/20250102000000_email.sql')!;
    expect(file.rollback).toMatchObject({ status: 'failed', reason: expect.stringContaining('migrations/20250102000000_email.sql:5:') });
    expect(file.findings.map((f) => [f.rule, f.line])).toEqual([
      ['access-exclusive-lock', 2],
      ['rollback-failed', 5],
    ]);
  });

  it('golang-migrate: the .down.sql file is verified, and a mismatch is reported in it', async () => {
    const stage = await stageOf(
      'golang-migrate',
      {
        '1_users.up.sql': 'CREATE TABLE users (id int, email text);',
        '1_users.down.sql': 'DROP TABLE users;',
        '2_index.up.sql': 'CREATE INDEX CONCURRENTLY users_email ON users (email);',
        '2_index.down.sql': 'SELECT 1;',
      },
      ['1_users.up.sql', '2_index.up.sql'],
    );
    expect(stage.files.get('migrations/1_users.up.sql')!.rollback).toEqual({ status: 'verified' });
    expect(stage.files.get('migrations/2_index.up.sql')!.rollback).toMatchObject({ status: 'mismatch', differences: ['index users_email: left behind by the rollback'] });
    expect(stage.extraFiles.map((file) => [file.path, file.after, file.findings.map((f) => [f.rule, f.line])])).toEqual([
      ['migrations/2_index.down.sql', 'migrations/2_index.up.sql', [['rollback-mismatch', 1]]],
    ]);
  });

  it('Flyway: the U file undoes the V file', async () => {
    const stage = await stageOf('flyway', { 'V1__users.sql': 'CREATE TABLE users (id int);\n', 'U1__users.sql': 'DROP TABLE users;\n' }, ['V1__users.sql']);
    expect(stage.files.get('migrations/V1__users.sql')).toMatchObject({ apply: { status: 'applied' }, rollback: { status: 'verified' } });
  });

  it('Drizzle: CONCURRENTLY fails in the migrator\'s transaction; the report says how the gate applied the files', async () => {
    const journal = JSON.stringify({
      version: '7',
      dialect: 'postgresql',
      entries: [
        { idx: 0, version: '7', when: 1700000000000, tag: '0000_users', breakpoints: true },
        { idx: 1, version: '7', when: 1700000001000, tag: '0001_index', breakpoints: true },
      ],
    });
    const stage = await stageOf(
      'drizzle',
      {
        'meta/_journal.json': journal,
        '0000_users.sql': 'CREATE TABLE "users" ("id" integer, "email" text);\n',
        '0001_index.sql': 'ALTER TABLE "users" ADD COLUMN "name" text;--> statement-breakpoint\nCREATE INDEX CONCURRENTLY "users_email" ON "users" ("email");\n',
      },
      ['0001_index.sql'],
    );
    const file = stage.files.get('migrations/0001_index.sql')!;
    expect(file.findings.filter((f) => f.rule === 'apply-failed').map((f) => [f.line, f.message])).toEqual([
      [2, expect.stringMatching(/^The migration fails here when Drizzle applies it: CREATE INDEX CONCURRENTLY cannot run inside a transaction block \(SQLSTATE 25001\)/)],
    ]);
    expect(stage.summary.notes).toEqual([expect.stringContaining('Drizzle runs all pending migrations in one transaction')]);
  });
});
