// A pull request's migrations directory may hold a symbolic link out of the repository (to a
// runner's secrets, /etc/passwd) or a FIFO named `.sql` (a read that never ends). Neither is read:
// each is refused at its path, saying which and where it points; a link inside the repository is
// still a migration.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { discoverMigrations } from '../../src/discover/index.js';
import { git } from '../git.js';

let root: string;
let repo: string;
let outside: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'pgmg-paths-')));
  repo = join(root, 'repo');
  mkdirSync(join(repo, 'db/migrations'), { recursive: true });
  mkdirSync(join(repo, 'shared'));
  git(repo, 'init', '-q', '-b', 'main');
  outside = join(root, 'runner-secret.txt');
  writeFileSync(outside, 'ghs_RunnerSecretToken\n');
  writeFileSync(join(repo, 'db/migrations/0001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY);\n');
  writeFileSync(join(repo, 'shared/0002_orders.sql'), 'CREATE TABLE orders (id bigint PRIMARY KEY);\n');
  symlinkSync('../../shared/0002_orders.sql', join(repo, 'db/migrations/0002_orders.sql'));
  symlinkSync(outside, join(repo, 'db/migrations/0003_secret.sql'));
  execFileSync('mkfifo', [join(repo, 'db/migrations/0004_pipe.sql')]);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('files a migrations directory may not hand the gate', () => {
  it('refuses a link out of the repository and a FIFO, saying which; a link inside the repository is a migration', async () => {
    const discovery = await discoverMigrations('db/migrations', { cwd: repo });
    expect(discovery.migrations.map((m) => m.path)).toEqual(['db/migrations/0001_users.sql', 'db/migrations/0002_orders.sql']);
    expect(discovery.problems.map((p) => [p.code, p.path, p.message])).toEqual([
      [
        'refused-file',
        'db/migrations/0003_secret.sql',
        `db/migrations/0003_secret.sql is a symbolic link to ${outside}, outside the repository; the gate does not read or apply it: commit the file itself instead of a link`,
      ],
      ['refused-file', 'db/migrations/0004_pipe.sql', 'db/migrations/0004_pipe.sql is a FIFO (named pipe), not a regular file; the gate reads only regular files: commit the migration as a file'],
    ]);
  });

  it('lint of the directory ends (no read of the FIFO), reports both as migration-file-invalid and never quotes the secret', async () => {
    let stdout = '';
    const code = await runCli(['lint', '--format', 'json', 'db/migrations'], { cwd: repo, stdout: (t) => (stdout += t), stderr: () => undefined, isTty: false, env: {} });
    expect(code).toBe(1);
    expect(stdout).not.toContain('ghs_RunnerSecretToken');
    const findings = JSON.parse(stdout).migrations.flatMap((m: { path: string; findings: Array<{ rule: string }> }) => m.findings.map((f) => [m.path, f.rule]));
    expect(findings).toContainEqual(['db/migrations/0003_secret.sql', 'migration-file-invalid']);
    expect(findings).toContainEqual(['db/migrations/0004_pipe.sql', 'migration-file-invalid']);
  }, 10_000);

  it('a FIFO named on the command line is a usage error, not a hang', async () => {
    let stderr = '';
    const code = await runCli(['lint', 'db/migrations/0004_pipe.sql'], { cwd: repo, stdout: () => undefined, stderr: (t) => (stderr += t), isTty: false, env: {} });
    expect(code).toBe(2);
    expect(stderr).toContain('db/migrations/0004_pipe.sql: not a regular file');
  }, 10_000);
});
