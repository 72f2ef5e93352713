// The database stage on goose projects, against a real Postgres: the Up section applied as goose
// sends it (one transaction per migration, or statement by statement with NO TRANSACTION), the
// Down section's round trip, failures at lines of the real file, and what the gate cannot run.

import { describe, expect, it } from 'vitest';
import { stageOfDirectory } from './stage-directory.js';

/** Writes a goose directory, treats the `checked` files as new, and runs the stage. */
async function gooseStage(files: Record<string, string>, checked: string[]) {
  const { discovery, stage } = await stageOfDirectory(files, checked);
  expect(discovery.layout).toBe('goose');
  return { stage, problems: discovery.problems, file: (name: string) => stage.files.get(`migrations/${name}`)! };
}

const createUsers = [
  '-- +goose Up',
  'CREATE TABLE users (',
  '    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,',
  '    email text NOT NULL,',
  '    updated_at timestamptz NOT NULL DEFAULT now()',
  ');',
  '',
  '-- +goose Down',
  'DROP TABLE users;',
  '',
].join('\n');

const updatedAtTrigger = [
  '-- +goose Up',
  '-- +goose StatementBegin',
  'CREATE OR REPLACE FUNCTION update_updated_at_column()',
  'RETURNS TRIGGER AS $$',
  'BEGIN',
  '    NEW.updated_at = now();',
  '    RETURN NEW;',
  'END;',
  "$$ language 'plpgsql';",
  '-- +goose StatementEnd',
  '',
  'CREATE TRIGGER users_updated_at BEFORE UPDATE ON users',
  'FOR EACH ROW EXECUTE PROCEDURE update_updated_at_column();',
  '',
  '-- +goose Down',
  '-- +goose StatementBegin',
  'DROP TRIGGER users_updated_at ON users;',
  'DROP FUNCTION update_updated_at_column();',
  '-- +goose StatementEnd',
  '',
].join('\n');

describe('database stage: goose', () => {
  it('applies the Up section in goose\'s transaction and proves the Down section undoes it', async () => {
    const { stage, problems, file } = await gooseStage(
      { '00001_create_users_table.sql': createUsers, '00002_create_updated_at_trigger.sql': updatedAtTrigger },
      ['00002_create_updated_at_trigger.sql'],
    );
    expect(problems).toEqual([]);
    expect(file('00002_create_updated_at_trigger.sql')).toMatchObject({ apply: { status: 'applied' }, rollback: { status: 'verified' } });
    expect(stage.extraFiles).toEqual([]);
  });

  it('a Down section that leaves something behind is a mismatch in the same file', async () => {
    const down = updatedAtTrigger.replace('DROP FUNCTION update_updated_at_column();\n', '');
    const { file } = await gooseStage({ '00001_create_users_table.sql': createUsers, '00002_trigger.sql': down }, ['00002_trigger.sql']);
    const result = file('00002_trigger.sql');
    expect(result.rollback).toMatchObject({ status: 'mismatch', differences: [expect.stringContaining('update_updated_at_column')] });
    expect(result.findings.map((f) => [f.rule, f.line])).toContainEqual(['rollback-mismatch', 17]);
  });

  it('CREATE INDEX CONCURRENTLY fails inside goose\'s transaction, at its line, as it does under goose', async () => {
    const { file } = await gooseStage(
      {
        '00001_create_users_table.sql': createUsers,
        '00002_add_index.sql': '-- +goose Up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n\n-- +goose Down\nDROP INDEX users_email_idx;\n',
      },
      ['00002_add_index.sql'],
    );
    const result = file('00002_add_index.sql');
    expect(result.apply).toMatchObject({ status: 'failed', reason: expect.stringContaining('migrations/00002_add_index.sql:2: CREATE INDEX CONCURRENTLY cannot run inside a transaction block') });
    expect(result.findings.filter((f) => f.rule === 'apply-failed').map((f) => [f.line, f.message])).toEqual([
      [2, expect.stringMatching(/^The migration fails here when goose applies it: CREATE INDEX CONCURRENTLY cannot run inside a transaction block \(SQLSTATE 25001\)/)],
    ]);
  });

  it('with NO TRANSACTION each statement runs on its own, so CONCURRENTLY works both ways', async () => {
    const { file } = await gooseStage(
      {
        '00001_create_users_table.sql': createUsers,
        '20230915102030_add_index.sql':
          '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n\n-- +goose Down\nDROP INDEX CONCURRENTLY IF EXISTS users_email_idx;\n',
      },
      ['20230915102030_add_index.sql'],
    );
    expect(file('20230915102030_add_index.sql')).toMatchObject({ apply: { status: 'applied' }, rollback: { status: 'verified' } });
  });

  it('with NO TRANSACTION, statements goose sends as one query share an implicit transaction', async () => {
    const { file } = await gooseStage(
      {
        '00001_create_users_table.sql': createUsers,
        '00002_add_index.sql': '-- +goose NO TRANSACTION\n-- +goose Up\nSET lock_timeout = \'5s\'; CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n',
      },
      ['00002_add_index.sql'],
    );
    expect(file('00002_add_index.sql').apply).toMatchObject({ status: 'failed', reason: expect.stringContaining('cannot run inside a transaction block') });
  });

  it('a file goose refuses does not apply, and says why at its line', async () => {
    const { problems, file } = await gooseStage(
      { '00001_create_users_table.sql': createUsers, '00002_add_name.sql': 'ALTER TABLE users ADD COLUMN name text;\n' },
      ['00002_add_name.sql'],
    );
    expect(problems.map((p) => p.code)).toEqual(['goose-invalid']);
    expect(file('00002_add_name.sql')).toMatchObject({
      apply: { status: 'failed', reason: expect.stringMatching(/^migrations\/00002_add_name\.sql:1: goose refuses this file: it has no '-- \+goose Up' annotation/) },
      rollback: { status: 'skipped', reason: 'the migration does not apply' },
    });
  });

  it('says which Go migrations goose runs that the gate did not', async () => {
    const { stage, file } = await gooseStage(
      {
        '00001_create_users_table.sql': createUsers,
        '00002_backfill_emails.go': 'package migrations\n',
        '00003_add_name.sql': '-- +goose Up\nALTER TABLE users ADD COLUMN name text;\n-- +goose Down\nALTER TABLE users DROP COLUMN name;\n',
      },
      ['00003_add_name.sql'],
    );
    expect(file('00003_add_name.sql')).toMatchObject({ apply: { status: 'applied' }, rollback: { status: 'verified' } });
    expect(stage.summary.notes).toEqual([expect.stringMatching(/^goose also runs a Go migration before the checked ones \(migrations\/00002_backfill_emails\.go\); the gate cannot run Go code/)]);
  });
});
