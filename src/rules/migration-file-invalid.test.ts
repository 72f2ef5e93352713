import { describe, expect, it } from 'vitest';
import { runSetRule, testSetRule } from '../../test/set/set-tester.js';

const dbmate = (table: string) => `-- migrate:up\nCREATE TABLE ${table} (id bigint PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE ${table};\n`;

describe('migration-file-invalid', () => {
  testSetRule('migration-file-invalid', {
    valid: [
      { name: 'dbmate files with their sections', files: { '20240101120000_create_users.sql': dbmate('users'), '20240102120000_create_posts.sql': dbmate('posts') } },
      { name: 'Prisma folders with migration.sql', files: { '20240101120000_init/migration.sql': 'SELECT 1;', 'migration_lock.toml': 'provider = "postgresql"\n' } },
      { name: 'golang-migrate up and down pairs', files: { '000001_create_users.up.sql': 'SELECT 1;', '000001_create_users.down.sql': 'SELECT 1;' } },
    ],
    invalid: [
      {
        name: 'dbmate: a file without -- migrate:up',
        files: { '20240101120000_create_users.sql': dbmate('users'), '20240301090000_add_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n' },
        layout: 'dbmate',
        findings: [{ path: '20240301090000_add_email.sql', line: 1, column: 1, message: "dbmate requires each migration to define an up block with '-- migrate:up'" }],
      },
      {
        name: 'dbmate: an up block without its down block, at the up line',
        files: { '20240101120000_create_users.sql': '-- a comment\n\n-- migrate:up\nCREATE TABLE users (id bigint);\n' },
        layout: 'dbmate',
        findings: [{ line: 3, column: 1, message: "followed by a down block with '-- migrate:down'" }],
      },
      {
        name: 'Prisma: a folder without migration.sql',
        files: { '20240101120000_init/migration.sql': 'SELECT 1;', '20240301090000_add_posts/notes.md': 'todo', 'migration_lock.toml': 'provider = "postgresql"\n' },
        findings: [{ path: '20240301090000_add_posts', line: 1, column: 1, message: 'migration folder 20240301090000_add_posts has no migration.sql' }],
      },
      {
        name: 'golang-migrate: two down files for one version',
        files: { '000001_create_users.up.sql': 'SELECT 1;', '000001_create_users.down.sql': 'SELECT 1;', '1_create_users.down.sql': 'SELECT 1;' },
        findings: [{ line: 1, column: 1, message: 'already has a down file' }],
      },
    ],
  });

  it('a rollback without its migration is a warning: nothing refuses it, but nothing runs it', async () => {
    const findings = await runSetRule('migration-file-invalid', { files: { '0001_create_users.sql': 'SELECT 1;', '0002_create_posts_rollback.sql': 'SELECT 1;' } });
    expect(findings.map((f) => `${f.path} ${f.severity}`)).toEqual(['0002_create_posts_rollback.sql warning']);
    expect(findings[0]!.message).toMatch(/^rollback file without a migration/);
  });
});
