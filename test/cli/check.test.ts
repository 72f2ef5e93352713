// `check` on a real git repository: only migrations added or changed since the base are checked.

import { git as runGit } from '../git.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { findFreePort } from '../../src/db/free-port.js';
import { testDatabaseUrl } from '../db/postgres.js';

let repo: string;
const git = (...args: string[]) => runGit(repo, ...args);

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'pgmg-check-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'migrations'));
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

async function check(...args: string[]) {
  return checkWith({ DATABASE_URL: testDatabaseUrl() }, ...args);
}

async function checkWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', ...args], { cwd: repo, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty: false, env });
  return { code, stdout, stderr };
}

describe('check', () => {
  it('checks only what the branch added or changed, with its status', async () => {
    writeFileSync(join(repo, 'migrations/0001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n');
    writeFileSync(join(repo, 'migrations/0002_index.sql'), 'CREATE INDEX CONCURRENTLY users_email ON users (email);\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD');
    writeFileSync(join(repo, 'migrations/0002_index.sql'), 'CREATE INDEX users_email ON users (email);\n');
    writeFileSync(join(repo, 'migrations/0003_drop.sql'), "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\n");
    git('add', '.');
    git('commit', '-qm', 'pr');

    const { code, stdout, stderr } = await check('--base', base, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.migrations.map((m: { path: string; status: string }) => [m.path, m.status])).toEqual([
      ['migrations/0002_index.sql', 'modified'],
      ['migrations/0003_drop.sql', 'new'],
    ]);
    expect(report.migrations[1].findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).toEqual([['access-exclusive-lock', 2], ['ban-drop-column', 2]]);
    expect(report.database).toMatchObject({ status: 'ran', server: expect.stringMatching(/^PostgreSQL \d+/) });
  });

  it('without --base checks every migration; an unknown base is a one-line error', async () => {
    writeFileSync(join(repo, 'migrations/0001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY);\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    const all = await check('--format', 'json');
    expect(JSON.parse(all.stdout).migrations.map((m: { status: string }) => m.status)).toEqual(['new']);
    const bad = await check('--base', 'no-such-branch');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('no-such-branch');
  });

  it('a missing migrations directory is a one-line error', async () => {
    const { code, stderr } = await check('--dir', 'db/migrations');
    expect(code).toBe(2);
    expect(stderr).toContain('db/migrations');
  });

  describe('a bad base is refused before any database is touched', () => {
    // Nothing listens on this port: had the database stage run before the base was resolved, the
    // error would be the connection's, not the base's.
    let unreachable: string;
    beforeEach(async () => {
      unreachable = `postgres://postgres:secret@127.0.0.1:${await findFreePort()}/postgres`;
      writeFileSync(join(repo, 'migrations/0001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY);\n');
      git('add', '.');
      git('commit', '-qm', 'base');
    });

    it('an unknown ref: exit 2 with the base line, no connection made', async () => {
      const { code, stdout, stderr } = await checkWith({}, '--base', 'origin/mian', '--database-url', unreachable);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe('pg-migration-gate: base origin/mian is not a commit or branch in this repository; run "git fetch origin mian", or pass a commit sha or a remote branch such as origin/main\n');
    });

    it('a ref this branch shares no history with: exit 2 saying so, no connection made', async () => {
      git('checkout', '-q', '--orphan', 'elsewhere');
      git('commit', '-qm', 'unrelated', '--allow-empty');
      git('checkout', '-q', 'main');
      const { code, stderr } = await checkWith({}, '--base', 'elsewhere', '--database-url', unreachable);
      expect(code).toBe(2);
      expect(stderr).toBe('pg-migration-gate: HEAD and base elsewhere share no history; pass a base this branch was made from\n');
    });

    it('with no database given, no temporary server is started: the base line is all the run says', async () => {
      // A started server says so on stderr ("started a temporary PostgreSQL ..."), before anything else.
      const { code, stderr } = await checkWith({}, '--base', 'no-such-branch');
      expect(code).toBe(2);
      expect(stderr).toBe('pg-migration-gate: base no-such-branch is not a commit or branch in this repository; run "git fetch origin no-such-branch", or pass a commit sha or a remote branch such as origin/main\n');
    });
  });
});
