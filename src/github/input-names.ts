// The action's input names, on their own so that its entry (index.ts) can read the two it needs
// before the action's modules (zod, Octokit) load: launch-head-start.ts.

/** Input names, exactly as in action.yml (kebab-case, one name per option). */
export const INPUTS = {
  githubToken: 'github-token',
  databaseUrl: 'database-url',
  targetDatabaseUrl: 'target-database-url',
  config: 'config',
  migrations: 'migrations',
  base: 'base',
  failOn: 'fail-on',
  comment: 'comment',
  reviewSuggestions: 'review-suggestions',
  sarifSecuritySeverity: 'sarif-security-severity',
  cache: 'cache',
  postgresVersion: 'postgres-version',
  workingDirectory: 'working-directory',
} as const;

/** The YAML 1.2 core schema's true, which is what `core.getBooleanInput` accepts too. */
export const TRUE_WORDS: readonly string[] = ['true', 'True', 'TRUE'];

/** An input's value as `core.getInput` reads it: from INPUT_<NAME>, trimmed; '' when not set. */
export function inputFromEnvironment(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
