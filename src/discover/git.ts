// Running git: always through execFile (no shell, so no quoting of refs or paths), in the C locale
// (its messages are read below), never prompting, and without optional locks so a check running
// beside an editor or another git command never rewrites the index.

import { UsageError } from '../errors.js';

export type GitErrorCode =
  | 'git-not-found'
  | 'not-a-repository'
  | 'outside-repository'
  | 'base-not-found'
  | 'no-merge-base'
  | 'git-failed';

/** A git problem the user can act on; one line that says what to do (a UsageError: exit code 2). */
export class GitError extends UsageError {
  override name = 'GitError';
  constructor(
    readonly code: GitErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** Runs `git args...` in `cwd`; a non-zero exit throws unless `allowFailure` is set. */
export async function runGit(cwd: string, args: readonly string[], options: { allowFailure?: boolean } = {}): Promise<GitResult> {
  // Imported on first use: `lint` never runs git, and loading child_process is a visible share of
  // the CLI's start-up (bench/lint-bench.mjs).
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['--literal-pathspecs', ...args],
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: MAX_OUTPUT_BYTES,
        env: { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
      },
      (error, stdout, stderr) => {
        const stderrText = stderr.toString('utf8');
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new GitError('git-not-found', 'git is not installed or not on PATH; install git, or run without --base'));
          return;
        }
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (exitCode !== 0 && !options.allowFailure) {
          const detail = stderrText.trim().split('\n')[0] || `exit code ${exitCode}`;
          reject(new GitError('git-failed', `git ${args[0]} failed in ${cwd}: ${detail}`));
          return;
        }
        resolve({ stdout, stderr: stderrText, exitCode });
      },
    );
  });
}

/** stdout as text without the trailing newline. */
export async function gitText(cwd: string, args: readonly string[]): Promise<string> {
  return (await runGit(cwd, args)).stdout.toString('utf8').replace(/\n$/, '');
}

/** NUL-separated output (`-z`) as a list, so paths with spaces, quotes or newlines survive. */
export function splitNul(output: Buffer): string[] {
  const text = output.toString('utf8');
  const parts = text.split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}
