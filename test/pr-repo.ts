// A small repository with real git history, for tests of `check` as a pull request sees it: a base
// commit on main, then a branch whose commit writes, renames and deletes files; `check --base <base>`
// runs on the branch's checkout against the test Postgres and returns the JSON report.

import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../src/cli.js';
import type { Report } from '../src/report/report.js';
import { testDatabaseUrl } from './db/postgres.js';
import { git } from './git.js';

export interface PrChange {
  write?: Record<string, string>;
  rename?: Array<[from: string, to: string]>;
  delete?: string[];
}

export interface CheckResult {
  code: number;
  report: Report;
  stderr: string;
  /** `path rule severity` of every finding, sorted: what most assertions compare. */
  findings: string[];
}

export class PrRepo {
  readonly root = mkdtempSync(join(tmpdir(), 'pgmg-pr-'));
  base = '';

  /** The base branch: `files` (paths relative to the repository) committed on main. */
  constructor(files: Record<string, string>) {
    git(this.root, 'init', '-q', '-b', 'main');
    this.write(files);
    git(this.root, 'add', '-A');
    git(this.root, 'commit', '-qm', 'base');
    this.base = git(this.root, 'rev-parse', 'HEAD');
    git(this.root, 'checkout', '-q', '-b', 'pr');
  }

  /** Commits a change on the pull request's branch: renames first, then writes, then deletes. */
  change(change: PrChange): this {
    for (const [from, to] of change.rename ?? []) {
      mkdirSync(dirname(join(this.root, to)), { recursive: true });
      renameSync(join(this.root, from), join(this.root, to));
    }
    this.write(change.write ?? {});
    for (const path of change.delete ?? []) unlinkSync(join(this.root, path));
    git(this.root, 'add', '-A');
    git(this.root, 'commit', '-qm', 'pr', '--allow-empty');
    return this;
  }

  /** Commits on main (after the branch forked), then returns to the branch. */
  mergeOnMain(change: PrChange): this {
    git(this.root, 'checkout', '-q', 'main');
    this.change(change);
    git(this.root, 'checkout', '-q', 'pr');
    return this;
  }

  async check(args: readonly string[] = []): Promise<CheckResult> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['check', '--base', 'main', '--format', 'json', ...args], {
      cwd: this.root,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      isTty: false,
      env: { DATABASE_URL: testDatabaseUrl() },
    });
    if (code === 2) throw new Error(`check failed: ${stderr}`);
    const report = JSON.parse(stdout) as Report;
    const findings = report.migrations.flatMap((m) => m.findings.map((f) => `${m.path} ${f.rule} ${f.severity}`)).sort();
    return { code, report, stderr, findings };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private write(files: Record<string, string>): void {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.root, path)), { recursive: true });
      writeFileSync(join(this.root, path), content);
    }
  }
}
