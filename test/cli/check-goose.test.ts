// `check` on a goose project through the CLI, with the database stage: what a pull request that
// adds goose migrations gets back, static and database findings together.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { git as runGit } from '../git.js';

let repo: string;
const git = (...args: string[]) => runGit(repo, ...args);
const write = (name: string, text: string) => writeFileSync(join(repo, 'db/migrations', name), text);

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'pgmg-check-goose-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'db/migrations'), { recursive: true });
  write('00001_create_users_table.sql', '-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, updated_at timestamptz);\n\n-- +goose Down\nDROP TABLE users;\n');
  git('add', '.');
  git('commit', '-qm', 'base');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('check: goose', () => {
  it('reports CONCURRENTLY in goose\'s transaction statically and where it fails, and a statement goose would cut', async () => {
    const base = git('rev-parse', 'HEAD');
    write('00002_add_email_index.sql', '-- +goose Up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n\n-- +goose Down\nDROP INDEX users_email_idx;\n');
    write(
      '00003_set_updated_at.sql',
      "-- +goose Up\nCREATE FUNCTION set_updated_at() RETURNS trigger AS $$\nBEGIN\n    NEW.updated_at = now();\n    RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n\n-- +goose Down\nDROP FUNCTION set_updated_at();\n",
    );
    write('00004_backfill_emails.go', 'package migrations\n');
    let stdout = '';
    const code = await runCli(['check', '--dir', 'db/migrations', '--base', base, '--format', 'json'], {
      cwd: repo,
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      isTty: false,
      env: { DATABASE_URL: testDatabaseUrl() },
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const byPath = (name: string) => report.migrations.find((m: { path: string }) => m.path === `db/migrations/${name}`);
    expect(report.migrations.map((m: { path: string }) => m.path)).toEqual(['db/migrations/00002_add_email_index.sql', 'db/migrations/00003_set_updated_at.sql']);
    const index = byPath('00002_add_email_index.sql');
    expect(index.findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).toEqual(
      expect.arrayContaining([
        ['ban-concurrent-index-creation-in-transaction', 2],
        ['apply-failed', 2],
      ]),
    );
    expect(index.apply.status).toBe('failed');
    const trigger = byPath('00003_set_updated_at.sql');
    expect(trigger.findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).toContainEqual(['migration-file-invalid', 4]);
  });
});
