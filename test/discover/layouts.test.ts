// Plain, golang-migrate, dbmate and Flyway directories read from disk: the order the runner applies
// files in, versions, names, rollbacks, transaction scopes, and the problems a reviewer must hear about.

import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codes, discover, paths, removeTempDirs } from './fixture.js';

afterEach(removeTempDirs);

describe('plain layout', () => {
  it('orders sequence files numerically and pairs rollback files', async () => {
    const result = await discover({
      '10_add_orders.sql': 'SELECT 1;',
      '9_add_users.sql': 'SELECT 1;',
      '0011_add_invoices.sql': 'SELECT 1;',
      '9_add_users_rollback.sql': 'SELECT 1;',
    });
    expect(result.layout).toBe('plain');
    expect(paths(result)).toEqual(['migrations/9_add_users.sql', 'migrations/10_add_orders.sql', 'migrations/0011_add_invoices.sql']);
    const [users, orders] = result.migrations;
    expect(users).toMatchObject({ version: '9', versionKey: ['9'], name: 'add_users', kind: 'versioned', statementSplit: 'parser' });
    expect(users!.rollback).toMatchObject({ kind: 'file', path: 'migrations/9_add_users_rollback.sql' });
    expect(orders!.rollback).toEqual({ kind: 'none' });
    expect(users!.scope).toMatchObject({ wrapsFile: false, nonTransactional: 'detected', runner: 'a statement-by-statement runner' });
    expect(users!.absolutePath).toBe(path.join(result.absoluteDir, '9_add_users.sql'));
    expect(result.problems).toEqual([]);
  });

  it('reads timestamp files and a custom rollback suffix', async () => {
    const result = await discover(
      {
        '20250528120000_add_user_prefs.sql': 'SELECT 1;',
        '20250528120000_add_user_prefs.down.sql': 'SELECT 1;',
        '20250527100000_create_users.sql': 'SELECT 1;',
      },
      { rollbackSuffix: '.down.sql' },
    );
    expect(paths(result)).toEqual(['migrations/20250527100000_create_users.sql', 'migrations/20250528120000_add_user_prefs.sql']);
    expect(result.migrations[1]).toMatchObject({ version: '20250528120000', name: 'add_user_prefs' });
    expect(result.migrations[1]!.rollback).toMatchObject({ kind: 'file', relativePath: '20250528120000_add_user_prefs.down.sql' });
  });

  it('reports a rollback without its migration and a file without a version', async () => {
    const result = await discover({
      '0001_add_users.sql': 'SELECT 1;',
      '0002_add_orders_rollback.sql': 'SELECT 1;',
      'seed.sql': 'SELECT 1;',
      'README.md': '# not SQL',
    });
    expect(paths(result)).toEqual(['migrations/0001_add_users.sql']);
    expect(codes(result)).toEqual([
      ['orphan-rollback', 'migrations/0002_add_orders_rollback.sql', 1],
      ['unrecognized-file', 'migrations/seed.sql', 1],
    ]);
    expect(result.problems[1]!.message).toMatch(/rename it to <version>_<name>\.sql/);
  });
});

describe('golang-migrate layout', () => {
  it('orders by numeric version and pairs .down.sql files', async () => {
    const result = await discover({
      '10_add_orders.up.sql': 'SELECT 1;',
      '10_add_orders.down.sql': 'SELECT 1;',
      '9_add_users.up.sql': 'SELECT 1;',
      '000011_add_invoices.up.sql': 'SELECT 1;',
      '12_gone.down.sql': 'SELECT 1;',
      'notes.sql': 'SELECT 1;',
    });
    expect(result.layout).toBe('golang-migrate');
    expect(paths(result)).toEqual(['migrations/9_add_users.up.sql', 'migrations/10_add_orders.up.sql', 'migrations/000011_add_invoices.up.sql']);
    expect(result.migrations[1]).toMatchObject({ version: '10', name: 'add_orders', rollback: { kind: 'file', path: 'migrations/10_add_orders.down.sql' } });
    expect(result.migrations[0]!.rollback).toEqual({ kind: 'none' });
    expect(result.migrations[0]!.scope).toMatchObject({ wrapsFile: true, nonTransactional: 'single-statement', runner: 'golang-migrate' });
    expect(codes(result)).toEqual([
      ['unrecognized-file', 'migrations/notes.sql', 1],
      ['orphan-rollback', 'migrations/12_gone.down.sql', 1],
    ]);
  });

  it('uses the autocommit scope when x-multi-statement is on', async () => {
    const result = await discover({ '1_a.up.sql': 'SELECT 1;' }, { golangMigrateMultiStatement: true });
    expect(result.migrations[0]!.scope.wrapsFile).toBe(false);
  });
});

describe('dbmate layout', () => {
  it('finds the sections of each file and uses the down sections as the rollback', async () => {
    const result = await discover({
      '20250102000000_add_index.sql': '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n\n-- migrate:down\nDROP INDEX i;\n',
      '20250101000000_create_t.sql': '-- Creates t\n-- migrate:up\nCREATE TABLE t (a int);\n-- migrate:down\nDROP TABLE t;\n',
    });
    expect(result.layout).toBe('dbmate');
    expect(result.layoutReason).toMatch(/migrate:up/);
    expect(paths(result)).toEqual(['migrations/20250101000000_create_t.sql', 'migrations/20250102000000_add_index.sql']);
    const [create, index] = result.migrations;
    expect(create).toMatchObject({ version: '20250101000000', name: 'create_t' });
    expect(create!.sections![0]!.up).toMatchObject({ line: 2, endLine: 3 });
    expect(create!.rollback).toMatchObject({ kind: 'sections', ranges: [{ line: 4, endLine: 5 }] });
    expect(create!.scope.runner).toBe('dbmate');
    expect(index!.scope).toMatchObject({ wrapsFile: true, nonTransactional: 'single-statement', runner: 'dbmate (transaction:false)' });
    expect(result.problems).toEqual([]);
  });

  it('reports a file dbmate would refuse and still lists it for linting', async () => {
    const result = await discover(
      { '20250101000000_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\n', '20250102000000_b.sql': 'SELECT 1;\n-- migrate:up\nSELECT 2;\n-- migrate:down\n' },
      { layout: 'dbmate' },
    );
    expect(paths(result)).toEqual(['migrations/20250101000000_a.sql', 'migrations/20250102000000_b.sql']);
    expect(codes(result)).toEqual([['dbmate-invalid', 'migrations/20250102000000_b.sql', 1]]);
    expect(result.migrations[1]!.sections).toEqual([]);
    expect(result.migrations[1]!.rollback).toEqual({ kind: 'none' });
  });
});

describe('flyway layout', () => {
  it('orders versions part by part, puts repeatables last by description, pairs undo files', async () => {
    const result = await discover({
      'V1.2.10__add_orders.sql': 'SELECT 1;',
      'V1.2.9__add_users.sql': 'SELECT 1;',
      'V1_1__init.sql': 'SELECT 1;',
      'U1.2.9__add_users.sql': 'SELECT 1;',
      'R__views.sql': 'SELECT 1;',
      'R__functions.sql': 'SELECT 1;',
      'nested/V2__later.sql': 'SELECT 1;',
      'beforeMigrate.sql': 'SELECT 1;',
    });
    expect(result.layout).toBe('flyway');
    expect(paths(result)).toEqual([
      'migrations/V1_1__init.sql',
      'migrations/V1.2.9__add_users.sql',
      'migrations/V1.2.10__add_orders.sql',
      'migrations/nested/V2__later.sql',
      'migrations/R__functions.sql',
      'migrations/R__views.sql',
    ]);
    expect(result.migrations[0]).toMatchObject({ version: '1_1', versionKey: ['1', '1'], name: 'init' });
    expect(result.migrations[1]!.rollback).toMatchObject({ kind: 'file', path: 'migrations/U1.2.9__add_users.sql' });
    expect(result.migrations[4]).toMatchObject({ kind: 'repeatable', version: '', versionKey: [], name: 'functions' });
    expect(result.migrations[0]!.scope).toMatchObject({ wrapsFile: true, nonTransactional: 'detected', runner: 'Flyway' });
    expect(result.problems).toEqual([]);
  });

  it('honours executeInTransaction=false in a script configuration file', async () => {
    const result = await discover({
      'V1__index.sql': 'CREATE INDEX CONCURRENTLY i ON t (a);',
      'V1__index.sql.conf': 'executeInTransaction=false\n',
    });
    expect(result.migrations[0]!.scope.wrapsFile).toBe(false);
  });

  it('reports bad names and undo files without a versioned migration', async () => {
    const result = await discover({ 'V1__a.sql': 'SELECT 1;', 'V1a__bad.sql': 'SELECT 1;', 'U2__gone.sql': 'SELECT 1;', 'misc.sql': 'SELECT 1;' });
    expect(codes(result)).toEqual([
      ['unrecognized-file', 'migrations/V1a__bad.sql', 1],
      ['unrecognized-file', 'migrations/misc.sql', 1],
      ['orphan-rollback', 'migrations/U2__gone.sql', 1],
    ]);
  });
});
