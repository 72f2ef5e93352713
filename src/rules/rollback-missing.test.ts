import { describe, expect, it } from 'vitest';
import { runSetRule } from '../../test/set/set-tester.js';

const required = { rollback: { required: true } };

describe('rollback-missing', () => {
  it('a new plain migration without its paired rollback file', async () => {
    const findings = await runSetRule('rollback-missing', { files: { '0001_users.sql': 'CREATE TABLE users (id int);' }, config: required });
    expect(findings.map((f) => [f.path, f.message])).toEqual([['0001_users.sql', '0001_users.sql has no rollback, and rollback.required is set.']]);
    expect(findings[0]!.help).toContain('0001_users_rollback.sql');
  });

  it('a paired rollback, a golang-migrate .down.sql and a dbmate down section satisfy it', async () => {
    expect(await runSetRule('rollback-missing', { files: { '0001_users.sql': 'CREATE TABLE users (id int);', '0001_users_rollback.sql': 'DROP TABLE users;' }, config: required })).toEqual([]);
    expect(await runSetRule('rollback-missing', { files: { '1_users.up.sql': 'CREATE TABLE users (id int);', '1_users.down.sql': 'DROP TABLE users;' }, config: required })).toEqual([]);
    expect(await runSetRule('rollback-missing', { files: { '20240101000000_users.sql': '-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n' }, config: required })).toEqual([]);
  });

  it('an empty dbmate down section and a comment-only rollback file count as missing', async () => {
    const dbmate = await runSetRule('rollback-missing', { files: { '20240101000000_users.sql': '-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\n-- nothing yet\n' }, config: required });
    expect(dbmate.map((f) => f.message)).toEqual(['The rollback of 20240101000000_users.sql holds no SQL statement, and rollback.required is set.']);
    const plain = await runSetRule('rollback-missing', { files: { '0001_users.sql': 'CREATE TABLE users (id int);', '0001_users_rollback.sql': '-- TODO\n' }, config: required });
    expect(plain).toHaveLength(1);
  });

  it('goose: the Down section is the rollback; without one, or an empty one, it is missing', async () => {
    const withDown = '-- +goose Up\nCREATE TABLE users (id int);\n\n-- +goose Down\nDROP TABLE users;\n';
    expect(await runSetRule('rollback-missing', { files: { '00001_create_users_table.sql': withDown }, config: required })).toEqual([]);
    const none = await runSetRule('rollback-missing', { files: { '00001_create_users_table.sql': '-- +goose Up\nCREATE TABLE users (id int);\n' }, config: required });
    expect(none.map((f) => [f.message, f.help])).toEqual([
      ['00001_create_users_table.sql has no rollback, and rollback.required is set.', 'Add a `-- +goose Down` section that undoes it; the gate checks that it restores the schema exactly.'],
    ]);
    const empty = await runSetRule('rollback-missing', { files: { '00001_create_users_table.sql': '-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\n-- +goose StatementBegin\n-- +goose StatementEnd\n' }, config: required });
    expect(empty.map((f) => f.message)).toEqual(['The rollback of 00001_create_users_table.sql holds no SQL statement, and rollback.required is set.']);
  });

  it('is silent unless rollback.required is set, and for merged migrations', async () => {
    expect(await runSetRule('rollback-missing', { files: { '0001_users.sql': 'SELECT 1;' } })).toEqual([]);
    const base = { '0001_users.sql': 'SELECT 1;' };
    expect(await runSetRule('rollback-missing', { base, files: { ...base, '0002_x.sql': 'SELECT 1;', '0002_x_rollback.sql': 'SELECT 1;' }, config: required })).toEqual([]);
  });

  it('Prisma has no down migrations: the message says so', async () => {
    const findings = await runSetRule('rollback-missing', { files: { '20240101000000_init/migration.sql': 'SELECT 1;' }, config: required });
    expect(findings[0]!.message).toContain('Prisma Migrate has no down migrations');
  });
});
