// Issue "Migration sets": one pull request that makes every between-files mistake at once, checked
// with `check --base <sha> --format json` on a real git repository.

import { git as runGit } from '../git.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { testDatabaseUrl } from '../db/postgres.js';

let repo: string;
let base: string;
const git = (...args: string[]) => runGit(repo, ...args);
const write = (path: string, content: string) => writeFileSync(join(repo, path), content);
const header = (name: string, extra = '') => `-- Migration: ${name}\n-- Description: ${name.replace(/_/g, ' ')}\n-- Created: 2025-04-01\n${extra}\n`;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'pgmg-sets-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'migrations'));
  write('.migration-gate.yml', 'migrations: migrations\nrollback: { required: true }\nheader: { required: [Migration, Description, Created] }\n');
  write('migrations/20250101000000_create_users.sql', `${header('create_users')}CREATE TABLE users (id bigint PRIMARY KEY, email text);\n`);
  write('migrations/20250101000000_create_users_rollback.sql', 'DROP TABLE users;\n');
  write('migrations/20250301000000_create_orders.sql', `${header('create_orders')}CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n`);
  write('migrations/20250301000000_create_orders_rollback.sql', 'DROP TABLE orders;\n');
  git('add', '.');
  git('commit', '-qm', 'base');
  base = git('rev-parse', 'HEAD');

  // An edited merged migration.
  write('migrations/20250101000000_create_users.sql', `${header('create_users')}CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n`);
  // A file that sorts before merged history.
  write('migrations/20250201000000_add_user_name.sql', `${header('add_user_name')}ALTER TABLE users ADD COLUMN name text;\n`);
  write('migrations/20250201000000_add_user_name_rollback.sql', 'ALTER TABLE users DROP COLUMN name;\n');
  // A badly named file.
  write('migrations/20250401000000_AddInvoices.sql', `${header('AddInvoices')}CREATE TABLE invoices (id bigint PRIMARY KEY);\n`);
  write('migrations/20250401000000_AddInvoices_rollback.sql', 'DROP TABLE invoices;\n');
  // A missing required header field (no Created).
  write('migrations/20250402000000_add_notes.sql', '-- Migration: add_notes\n-- Description: order notes\n\nCREATE TABLE notes (id bigint PRIMARY KEY);\n');
  write('migrations/20250402000000_add_notes_rollback.sql', 'DROP TABLE notes;\n');
  // An understated risk level: a blocking index build declared low risk.
  write('migrations/20250403000000_index_orders.sql', `${header('index_orders', '-- @risk-level: low')}CREATE INDEX orders_user_id_idx ON orders (user_id);\n`);
  write('migrations/20250403000000_index_orders_rollback.sql', 'DROP INDEX orders_user_id_idx;\n');
  // A missing rollback.
  write('migrations/20250404000000_add_tags.sql', `${header('add_tags')}CREATE TABLE tags (id bigint PRIMARY KEY);\n`);
  git('add', '.');
  git('commit', '-qm', 'pr');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

it('reports each mistake at the right file', async () => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', '--base', base, '--format', 'json'], { cwd: repo, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty: false, env: { DATABASE_URL: testDatabaseUrl() } });
  expect(stderr).toBe('');
  expect(code).toBe(1);
  const report = JSON.parse(stdout) as { migrations: Array<{ path: string; status: string; findings: Array<{ rule: string; line: number }> }> };
  const setRules = new Set(['naming-convention', 'naming-out-of-order', 'migration-modified', 'header-missing-field', 'header-risk-understated', 'rollback-missing']);
  const found = report.migrations.flatMap((m) => m.findings.filter((f) => setRules.has(f.rule)).map((f) => `${m.path} ${f.rule}`)).sort();
  expect(found).toEqual(
    [
      'migrations/20250101000000_create_users.sql migration-modified',
      'migrations/20250201000000_add_user_name.sql naming-out-of-order',
      'migrations/20250401000000_AddInvoices.sql naming-convention',
      'migrations/20250402000000_add_notes.sql header-missing-field',
      'migrations/20250403000000_index_orders.sql header-risk-understated',
      'migrations/20250404000000_add_tags.sql rollback-missing',
    ].sort(),
  );
  expect(report.migrations.find((m) => m.path.endsWith('create_users.sql'))!.status).toBe('modified');
});
