// runGate with several migration sets (one database per service): one server for all, each set in
// databases of its own, and each result on the rows of its own set.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { runGate } from '../../src/gate.js';
import { testDatabaseUrl } from '../db/postgres.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('verifies each service\'s migrations in databases of their own', async () => {
  root = mkdtempSync(path.join(tmpdir(), 'pgmg-sets-'));
  const write = (file: string, sql: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), sql);
  };
  // Both services have a table `accounts`; in one database the second CREATE would fail.
  write('services/billing/migrations/0001_accounts.sql', 'CREATE TABLE accounts (id int PRIMARY KEY, balance int);\n');
  write('services/billing/migrations/0002_balance.sql', 'ALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n');
  write('services/users/migrations/0001_accounts.sql', 'CREATE TABLE accounts (id int PRIMARY KEY, email text);\n');
  write('services/users/migrations/0001_accounts_rollback.sql', 'DROP TABLE accounts;\n');

  const report = await runGate({ cwd: root, config: { ...defaultConfig(), migrations: 'services/*/migrations' }, databaseUrl: testDatabaseUrl() });
  expect(report.database).toMatchObject({ status: 'ran' });
  // The rewrite each set's trace saw (its finding is changing-column-type's, saying it was observed).
  const rows = report.migrations.map((m) => [m.path, m.apply?.status, m.rollback?.status, (m.locks ?? []).filter((lock) => lock.rewrite && lock.relationKind === 'table').map((lock) => lock.line)]);
  expect(rows).toEqual([
    ['services/billing/migrations/0001_accounts.sql', 'applied', 'no-rollback', []],
    ['services/billing/migrations/0002_balance.sql', 'applied', 'no-rollback', [1]],
    ['services/users/migrations/0001_accounts.sql', 'applied', 'verified', []],
  ]);
});
