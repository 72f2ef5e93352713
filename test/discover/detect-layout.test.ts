// Which layout a directory gets: detection, a configured override, include globs, reported paths,
// and the one error discovery throws (no directory at all).

import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverMigrations, MigrationsDirectoryError } from '../../src/discover/index.js';
import { codes, discover, paths, removeTempDirs, tempDir, writeFiles } from './fixture.js';

afterEach(removeTempDirs);

describe('layout selection', () => {
  it('uses the configured layout over detection', async () => {
    const result = await discover({ '0001_a.up.sql': 'SELECT 1;' }, { layout: 'plain' });
    expect(result).toMatchObject({ layout: 'plain', layoutReason: 'configured' });
    expect(paths(result)).toEqual(['migrations/0001_a.up.sql']);
  });

  it('detects Prisma over drizzle folders when migration_lock.toml is there', async () => {
    const result = await discover({ 'migration_lock.toml': '', '1_a/migration.sql': 'SELECT 1;', '1_a/snapshot.json': '{}' });
    expect(result.layout).toBe('prisma');
  });

  it('detects goose from a `-- +goose Up` annotation in the first files, after golang-migrate names', async () => {
    const goose = await discover({
      '00001_create_users_table.sql': '-- +goose up\nCREATE TABLE users (id bigint);\n-- +goose down\nDROP TABLE users;\n',
      '00002_backfill.go': 'package migrations\n',
    });
    expect(goose).toMatchObject({ layout: 'goose', layoutReason: "00001_create_users_table.sql has a '-- +goose Up' annotation" });
    const dbmate = await discover({ '20240101000000_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\n' });
    expect(dbmate.layout).toBe('dbmate');
    const plain = await discover({ '0001_a.sql': '-- +goose is mentioned here, but this is no annotation line\nSELECT 1;\n' });
    expect(plain.layout).toBe('plain');
    const golangMigrate = await discover({ '1_a.up.sql': '-- +goose Up\nSELECT 1;\n' });
    expect(golangMigrate.layout).toBe('golang-migrate');
  });

  it('reports a configured Drizzle layout without a journal', async () => {
    const result = await discover({ '0000_a.sql': 'SELECT 1;' }, { layout: 'drizzle' });
    expect(paths(result)).toEqual(['migrations/0000_a.sql']);
    expect(codes(result)).toEqual([['journal-invalid', 'migrations/meta/_journal.json', 1]]);
  });

  it('limits .sql files to the include globs', async () => {
    const result = await discover({ '0001_a.sql': 'SELECT 1;', '0002_b.sql': 'SELECT 1;', 'seed.sql': 'SELECT 1;' }, { include: ['0001_*.sql'] });
    expect(paths(result)).toEqual(['migrations/0001_a.sql']);
    expect(result.problems).toEqual([]);
  });

  it('reports paths relative to the working directory for an absolute directory too', async () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'db/migrations/0001_a.sql': 'SELECT 1;' });
    const result = await discoverMigrations(path.join(cwd, 'db', 'migrations'), { cwd });
    expect(result.dir).toBe('db/migrations');
    expect(paths(result)).toEqual(['db/migrations/0001_a.sql']);
  });

  it('throws one clear error when the directory does not exist', async () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'not-a-dir': 'x' });
    await expect(discoverMigrations('db/migrations', { cwd })).rejects.toThrow(MigrationsDirectoryError);
    await expect(discoverMigrations('db/migrations', { cwd })).rejects.toThrow(
      /^migrations directory db\/migrations does not exist; set "migrations:" in \.migration-gate\.yml or pass --dir/,
    );
    await expect(discoverMigrations('not-a-dir', { cwd })).rejects.toThrow(/is a file, not a directory/);
  });

  it('returns an empty plain set for an empty directory', async () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'migrations/.gitkeep': '' });
    const result = await discoverMigrations('migrations', { cwd });
    expect(result).toMatchObject({ layout: 'plain', migrations: [], problems: [] });
  });
});
