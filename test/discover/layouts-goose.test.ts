// goose directories read from disk, built like real goose projects: the order goose applies files
// in, the Up and Down sections, NO TRANSACTION, files goose refuses or cannot name, the statements
// its line-based splitter would cut, and Go migrations.

import { afterEach, describe, expect, it } from 'vitest';
import { codes, discover, paths, removeTempDirs } from './fixture.js';

afterEach(removeTempDirs);

const createUsers = [
  '-- +goose Up',
  '-- +goose StatementBegin',
  'CREATE TABLE users (',
  '    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,',
  '    email text NOT NULL',
  ');',
  '-- +goose StatementEnd',
  '',
  '-- +goose Down',
  '-- +goose StatementBegin',
  'DROP TABLE users;',
  '-- +goose StatementEnd',
  '',
].join('\n');

const addIndex = [
  '-- +goose NO TRANSACTION',
  '-- +goose Up',
  'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);',
  '',
  '-- +goose Down',
  'DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;',
  '',
].join('\n');

describe('goose layout', () => {
  it('orders numeric and timestamp versions as numbers, with the Down section as the rollback', async () => {
    const result = await discover({
      '20230915102030_add_index.sql': addIndex,
      '00010_add_orders.sql': '-- +goose Up\nCREATE TABLE orders (id bigint);\n',
      '00001_create_users_table.sql': createUsers,
      '9_add_names.sql': '-- +goose Up\nALTER TABLE users ADD COLUMN name text;\n-- +goose Down\nALTER TABLE users DROP COLUMN name;\n',
    });
    expect(result).toMatchObject({ layout: 'goose', layoutReason: "00001_create_users_table.sql has a '-- +goose Up' annotation" });
    expect(paths(result)).toEqual([
      'migrations/00001_create_users_table.sql',
      'migrations/9_add_names.sql',
      'migrations/00010_add_orders.sql',
      'migrations/20230915102030_add_index.sql',
    ]);
    const [users, names, orders, index] = result.migrations;
    expect(users).toMatchObject({ layout: 'goose', kind: 'versioned', version: '00001', versionKey: ['1'], name: 'create_users_table', statementSplit: 'goose-lines' });
    expect(users!.scope).toMatchObject({ wrapsFile: true, nonTransactional: 'never', runner: 'goose' });
    expect(users!.scope.outsideTransaction).toContain('-- +goose NO TRANSACTION');
    expect(users!.sections).toHaveLength(1);
    expect(users!.sections![0]!.up).toMatchObject({ line: 1, endLine: 8 });
    expect(users!.rollback).toMatchObject({ kind: 'sections', ranges: [{ line: 9, endLine: 12 }] });
    expect(names).toMatchObject({ version: '9', name: 'add_names' });
    expect(orders!.rollback).toEqual({ kind: 'none' });
    expect(index).toMatchObject({ version: '20230915102030', name: 'add_index' });
    expect(index!.scope).toMatchObject({ wrapsFile: false, nonTransactional: 'detected', runner: 'goose (NO TRANSACTION)' });
    expect(index!.sections![0]!.upScope.runner).toBe('goose (NO TRANSACTION)');
    expect(result.problems).toEqual([]);
  });

  it('reports the files goose refuses at the line to fix, and still lists them for linting', async () => {
    const result = await discover(
      {
        '00001_create_users_table.sql': createUsers,
        '00002_no_annotations.sql': 'CREATE TABLE post (\n    id int NOT NULL\n);\n',
        '00003_open_block.sql': '-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n\n-- +goose Down\nDROP FUNCTION f;\n',
        '00004_down_unfinished.sql': '-- +goose Up\nCREATE TABLE t (a int);\n\n-- +goose Down\nDROP TABLE t\n',
      },
      { layout: 'goose' },
    );
    expect(paths(result)).toHaveLength(4);
    expect(codes(result)).toEqual([
      ['goose-invalid', 'migrations/00002_no_annotations.sql', 1],
      ['goose-invalid', 'migrations/00003_open_block.sql', 2],
      ['goose-invalid', 'migrations/00004_down_unfinished.sql', 5],
    ]);
    expect(result.problems[0]!.message).toMatch(/no '-- \+goose Up' annotation.*; add a line '-- \+goose Up' above/);
    expect(result.problems[2]!.message).toMatch(/^in the Down section, goose refuses/);
    const [, refused, , downOnly] = result.migrations;
    expect(refused).toMatchObject({ sections: [], rollback: { kind: 'none' } });
    // The Up section still runs under goose up; the rollback is there, and fails where goose fails.
    expect(downOnly!.sections).toHaveLength(1);
    expect(downOnly!.rollback.kind).toBe('sections');
  });

  it('reports a statement that goose\'s line-based splitter cuts in two, at the line where it cuts', async () => {
    const result = await discover(
      {
        '00001_trigger.sql': [
          '-- +goose Up',
          'CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$',
          'BEGIN',
          '    NEW.updated_at = now();',
          '    RETURN NEW;',
          'END;',
          '$$ LANGUAGE plpgsql;',
          '',
          '-- +goose Down',
          'DROP FUNCTION set_updated_at();',
          '',
        ].join('\n'),
        '00002_block_too_short.sql': [
          '-- +goose Up',
          '-- +goose StatementBegin',
          'DO $$',
          'BEGIN',
          '  RAISE NOTICE \'x\';',
          '-- +goose StatementEnd',
          'END $$;',
          '',
        ].join('\n'),
        '00003_string.sql': "-- +goose Up\nINSERT INTO notes (body) VALUES ('first line;\nsecond line');\n",
        '00004_fine.sql': "-- +goose Up\nSELECT 1; SELECT 2;\nINSERT INTO notes (body) VALUES ('--> not a comment;');\n-- +goose StatementBegin\nCREATE FUNCTION g() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\n-- +goose StatementEnd\n",
        '00005_down_cut.sql': '-- +goose Up\nSELECT 1;\n-- +goose Down\nDO $$\nBEGIN\n  PERFORM 1;\nEND $$;\n',
      },
      { layout: 'goose' },
    );
    expect(codes(result)).toEqual([
      ['goose-invalid', 'migrations/00001_trigger.sql', 4],
      ['goose-invalid', 'migrations/00002_block_too_short.sql', 5],
      ['goose-invalid', 'migrations/00003_string.sql', 2],
      ['goose-invalid', 'migrations/00005_down_cut.sql', 6],
    ]);
    const [trigger, block, , down] = result.problems;
    expect(trigger!.message).toMatch(/^goose ends a statement at this line because it ends with ';', but the statement that starts at line 2 goes on to line 7/);
    expect(trigger!.message).toContain("put a line '-- +goose StatementBegin' above the statement and a line '-- +goose StatementEnd' below it");
    expect(block!.message).toContain("move '-- +goose StatementEnd' below the statement's last line");
    expect(down!.message).toMatch(/^in the Down section, goose ends a statement at this line/);
  });

  it('names the files goose cannot take a version from, and keeps Go migrations out of the SQL ones', async () => {
    const result = await discover(
      {
        '00001_create_users_table.sql': createUsers,
        '00002_backfill_names.go': 'package migrations\n',
        '00003_add_index.sql': addIndex,
        '00003_clash.go': 'package migrations\n',
        'helpers.go': 'package migrations\n',
        '00004_backfill_test.go': 'package migrations\n',
        'seed.sql': 'INSERT INTO users (email) VALUES (\'a@example.com\');\n',
        '0_init.sql': '-- +goose Up\nSELECT 1;\n',
        '99999999999999999999_too_big.sql': '-- +goose Up\nSELECT 1;\n',
        '1-add_things.sql': '-- +goose Up\nSELECT 1;\n',
      },
      { layout: 'goose' },
    );
    expect(paths(result)).toEqual(['migrations/00001_create_users_table.sql', 'migrations/00003_add_index.sql']);
    expect(codes(result)).toEqual([
      ['unrecognized-file', 'migrations/0_init.sql', 1],
      ['unrecognized-file', 'migrations/1-add_things.sql', 1],
      ['unrecognized-file', 'migrations/99999999999999999999_too_big.sql', 1],
      ['unrecognized-file', 'migrations/seed.sql', 1],
      ['goose-invalid', 'migrations/00003_clash.go', 1],
    ]);
    expect(result.problems[0]!.message).toMatch(/^goose cannot read a version from 0_init\.sql: .*refuses to run the directory .*skips the file; rename it/);
    expect(result.problems[4]!.message).toContain('also the version of 00003_add_index.sql');
    expect(result.migrations[0]!.goMigrationsBefore).toBeUndefined();
    expect(result.migrations[1]!.goMigrationsBefore).toEqual(['migrations/00002_backfill_names.go']);
  });
});
