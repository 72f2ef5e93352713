// migration-modified needs real git history (what the branch changed since it forked), so this
// test builds a repository: a base commit and a branch that edits, renames and deletes.

import { git as runGit } from '../../test/git.js';
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';

let repo: string;
const git = (...args: string[]) => runGit(repo, ...args);
const write = (path: string, content: string) => writeFileSync(join(repo, path), content);

async function modifiedFindings(base: string) {
  let stdout = '';
  await runCli(['check', '--base', base, '--format', 'json'], { cwd: repo, stdout: (t) => (stdout += t), stderr: () => {}, isTty: false, env: {} });
  const report = JSON.parse(stdout) as { migrations: Array<{ path: string; status: string; findings: Array<{ rule: string; message: string }> }> };
  return report.migrations.flatMap((m) => m.findings.filter((f) => f.rule === 'migration-modified').map((f) => `${m.status} ${m.path}: ${f.message.split(':')[0]}`));
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'pgmg-modified-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'migrations'));
  write('migrations/0001_users.sql', 'CREATE TABLE users (id bigint PRIMARY KEY);\n');
  write('migrations/0002_orders.sql', 'CREATE TABLE orders (id bigint PRIMARY KEY);\n');
  write('migrations/0003_tags.sql', 'CREATE TABLE tags (id bigint PRIMARY KEY);\n');
  git('add', '.');
  git('commit', '-qm', 'base');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('migration-modified', () => {
  it('reports a merged migration edited, renamed or deleted', async () => {
    const base = git('rev-parse', 'HEAD');
    write('migrations/0001_users.sql', 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n');
    renameSync(join(repo, 'migrations/0002_orders.sql'), join(repo, 'migrations/0002_create_orders.sql'));
    unlinkSync(join(repo, 'migrations/0003_tags.sql'));
    git('add', '-A');
    git('commit', '-qm', 'pr');
    expect((await modifiedFindings(base)).sort()).toEqual([
      'deleted migrations/0003_tags.sql: The merged migration migrations/0003_tags.sql is deleted',
      'modified migrations/0001_users.sql: 0001_users.sql is already merged and this change edits it',
      'modified migrations/0002_create_orders.sql: migrations/0002_create_orders.sql renames the merged migration migrations/0002_orders.sql',
    ]);
  });

  it('stays silent when the branch only adds migrations, and for migrations merged after the fork', async () => {
    const base = git('rev-parse', 'HEAD');
    git('checkout', '-q', '-b', 'feature');
    write('migrations/0004_notes.sql', 'CREATE TABLE notes (id bigint PRIMARY KEY);\n');
    git('add', '.');
    git('commit', '-qm', 'pr');
    expect(await modifiedFindings(base)).toEqual([]);
    // main moves on after the branch forked: the branch did not delete what it never saw.
    git('checkout', '-q', 'main');
    write('migrations/0005_more.sql', 'SELECT 1;\n');
    git('add', '.');
    git('commit', '-qm', 'later on main');
    git('checkout', '-q', 'feature');
    expect(await modifiedFindings('main')).toEqual([]);
  });
});
