// Runs a built dist/index.js the way the GitHub runner does: a child process with INPUT_* variables,
// an event file, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files and GITHUB_API_URL, then reads back what it
// wrote. Also builds the git repository the action checks (base commit, pull request commits).

import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const OWNER = 'octo-org';
export const REPO = 'shop';
export const PR_NUMBER = 7;

export class GitRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'pgmg-action-repo-'));

  constructor() {
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
    }).trim();
  }

  write(path: string, text: string): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), text);
  }

  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-qm', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Checks out what actions/checkout gives a pull_request run: the PR head merged into the base. */
  checkoutMerge(base: string, head: string): string {
    this.git('checkout', '-q', '--detach', base);
    this.git('merge', '-q', '--no-ff', '-m', 'Merge pull request', head);
    return this.git('rev-parse', 'HEAD');
  }
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionRunOptions {
  node: string;
  entry: string;
  workspace: string;
  inputs: Record<string, string>;
  eventName: string;
  event: unknown;
  sha: string;
  apiUrl: string;
}

const runnerDirs: string[] = [];

/** Removes the runner directories (event file, outputs, RUNNER_TEMP with the reports) of past runs. */
export function removeRunnerDirs(): void {
  for (const dir of runnerDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const runner = mkdtempSync(join(tmpdir(), 'pgmg-runner-'));
  runnerDirs.push(runner);
  const files = {
    event: join(runner, 'event.json'),
    output: join(runner, 'output'),
    summary: join(runner, 'summary.md'),
    temp: join(runner, 'temp'),
  };
  mkdirSync(files.temp);
  writeFileSync(files.event, JSON.stringify(options.event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SHA: options.sha,
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: files.temp,
    ...Object.fromEntries(Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(options.node, [options.entry], { cwd: options.workspace, env, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') };
}

/** GITHUB_OUTPUT's `name<<DELIMITER\nvalue\nDELIMITER` records, as @actions/core writes them. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}

export function pullRequestEvent(baseSha: string, headSha: string) {
  return {
    action: 'synchronize',
    number: PR_NUMBER,
    pull_request: { number: PR_NUMBER, base: { sha: baseSha, ref: 'main' }, head: { sha: headSha, ref: 'feature' } },
    repository: { full_name: `${OWNER}/${REPO}` },
  };
}
