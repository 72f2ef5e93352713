// `check` with its database stage, through the CLI: where the database comes from, what reaches
// stdout and stderr, and the exit codes.

import { git as runGit } from '../git.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { ownScratchDatabases, testDatabaseUrl } from '../db/postgres.js';

let repo: string;
const git = (...args: string[]) => runGit(repo, ...args);

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'pgmg-check-db-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'migrations'));
  writeFileSync(join(repo, 'migrations/0001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, score int);\n');
  git('add', '.');
  git('commit', '-qm', 'base');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

async function check(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', ...args], { cwd: repo, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty: false, env });
  return { code, stdout, stderr };
}

describe('check: database stage', () => {
  it('applies what the branch adds on top of the base, from DATABASE_URL, and reports it in JSON', async () => {
    const base = git('rev-parse', 'HEAD');
    writeFileSync(join(repo, 'migrations/0002_score.sql'), "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN score TYPE bigint;\n");
    writeFileSync(join(repo, 'migrations/0002_score_rollback.sql'), 'ALTER TABLE users ALTER COLUMN score TYPE int;\n');
    const url = testDatabaseUrl();
    const before = await ownScratchDatabases(url);
    const { code, stdout, stderr } = await check(['--base', base, '--format', 'json'], { DATABASE_URL: url });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const migration = report.migrations.find((m: { path: string }) => m.path === 'migrations/0002_score.sql');
    // The static prediction, the trace's rewrite and its lock are one finding (src/verify/evidence.ts).
    expect(migration.findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).toEqual([['changing-column-type', 2]]);
    expect(migration.findings[0].message).toContain('Observed: the table was rewritten on PostgreSQL');
    expect(migration.apply.status).toBe('applied');
    expect(migration.rollback).toEqual({ status: 'verified' });
    expect(migration.locks).toContainEqual(expect.objectContaining({ line: 2, relation: 'users', mode: 'AccessExclusiveLock', rewrite: true, blocks: 'reads and writes' }));
    expect(report.database).toMatchObject({ status: 'ran', timings: { baseMigrations: 1 } });
    expect(JSON.stringify(report)).not.toContain(new URL(url).password || '\u0000');
    expect(await ownScratchDatabases(url)).toEqual(before);
  });

  it('--database-url wins over DATABASE_URL', async () => {
    const { code, stderr } = await check(['--database-url', testDatabaseUrl(), '--format', 'json'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('a database that cannot be reached is a one-line error, exit 2, without the password', async () => {
    const { code, stdout, stderr } = await check(['--database-url', 'postgres://gate:s3cret@127.0.0.1:1/postgres'], {});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('connection refused');
    expect(stderr).not.toContain('s3cret');
  });

  it('a password holding an unencoded / is never printed: one line, exit 2, saying to percent-encode it', async () => {
    writeFileSync(join(repo, 'migrations/0002_more.sql'), 'CREATE TABLE more (id bigint PRIMARY KEY);\n');
    const { code, stdout, stderr } = await check(['--database-url', 'postgres://app:8/Kx9+zSECRET@127.0.0.1:5432/postgres'], {});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('postgres://***@127.0.0.1:5432/postgres');
    expect(stderr).toContain('must be percent-encoded (/ as %2F');
    expect(stderr).not.toMatch(/SECRET|Kx9|app:8/);
  });

  it('a database URL that is not a URL is a one-line error, exit 2', async () => {
    const { code, stderr } = await check(['--database-url', 'host=localhost password=s3cret'], {});
    expect(code).toBe(2);
    expect(stderr).toMatch(/^pg-migration-gate: the database URL is not a URL \(host=localhost password=\*\*\*\); use postgres:\/\//);
  });

  it('lint refuses --database-url', async () => {
    let stderr = '';
    const code = await runCli(['lint', '--database-url', 'postgres://x@y/z', 'migrations'], { cwd: repo, stdout: () => undefined, stderr: (t) => (stderr += t), isTty: false, env: {} });
    expect(code).toBe(2);
    expect(stderr).toContain('--database-url belongs to `check`');
  });
});
