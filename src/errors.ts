// Errors that end a run with a one-line reason and exit code 2 (usage, config, I/O, database).
// Anything else reaching the top level is a bug and is reported as one.

export const ExitCode = {
  /** Nothing at or above `fail-on`. */
  Ok: 0,
  /** Findings at or above `fail-on`. */
  Findings: 1,
  /** Usage, config, I/O or database error. */
  Error: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad arguments, a bad config file, or a file that cannot be read: the message says what to do. */
export class UsageError extends Error {
  override name = 'UsageError';
}
