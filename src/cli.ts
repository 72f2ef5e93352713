// CLI shell: arguments -> engine -> formatter -> exit code. No logic of its own beyond wiring.

import { parseArgs } from 'node:util';
import { OPTIONS } from './cli-options.js';
import { loadConfig } from './config.js';
import { finishRemovals } from './db/background-removals.js';
import { GateDatabaseError } from './db/errors.js';
import type { InitdbHeadStart } from './db/initdb-head-start.js';
import { importWithoutFetch } from './db/pg-import.js';
import { didYouMean } from './did-you-mean.js';
import { ExitCode, UsageError } from './errors.js';
import { runGate, runLint } from './gate.js';
import { formatJson } from './report/format-json.js';
import { formatMarkdown } from './report/format-markdown.js';
import { formatSarif } from './report/format-sarif.js';
import { formatText } from './report/format-text.js';
import { failsGate, type Report } from './report/report.js';
import { RULES } from './rules/index.js';
import { docsUrl } from './rules/rule.js';
import { TOOL_NAME, VERSION } from './version.js';

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage:
  ${TOOL_NAME} lint [--config FILE] [--format text|json|sarif|markdown] PATH...
      Static checks of migration files or directories (no database).
  ${TOOL_NAME} check [--config FILE] [--dir DIR] [--base REF] [--database-url URL] [--no-cache] [--format ...]
      The gate on a git checkout: migrations added or changed since REF (all when no REF),
      discovered as their tool runs them, linted, applied to a scratch database with their
      locks traced and their rollback verified, and reported.
  ${TOOL_NAME} plan --target-url URL [--config FILE] [--dir DIR] [--database-url URL] [--format ...] [--fail-on LEVEL]
      The deploy gate: reads the database the deploy will migrate (read-only) and says what the
      runner will apply, in order, and what stands in the way (skipped, missing, edited or failed
      migrations, schema drift, invalid indexes, sessions the migrations would queue behind).
  ${TOOL_NAME} rules
      List every rule with its default severity and risk.
  ${TOOL_NAME} --version | --help

Options:
  -c, --config FILE    config file (default: ./.migration-gate.yml when present)
  -f, --format FORMAT  text (default), json, sarif or markdown
      --dir DIR        check: migrations directory or glob (default: \`migrations\` from the config)
      --base REF       check: git ref to compare with (a PR's base sha, a branch)
      --database-url URL
                       check, and plan's schema-drift replay: PostgreSQL to create scratch databases
                       on (default: DATABASE_URL; neither: a temporary server is started and removed)
      --target-url URL plan: the database to read (default: TARGET_DATABASE_URL); only SELECTs, in a
                       read-only transaction
      --fail-on LEVEL  error (default), warning or never; overrides the config file (plan also takes
                       info: it then fails while any migration is pending)
      --no-cache       check: no cached cluster or base database for the temporary server (see
                       README "Cache"); nothing is read from or written to the cache
      --no-color       plain text even on a terminal

Exit codes: 0 nothing at or above fail-on, 1 findings at or above fail-on, 2 usage, config, I/O or database error.`;

/**
 * The flags as the user wrote them, checked before parseArgs (whose messages are Node's): an unknown
 * flag gets "did you mean", a flag that needs a value and has none says which value.
 */
function checkFlags(argv: readonly string[]): void {
  const names = Object.keys(OPTIONS);
  const shorts = new Map(Object.entries(OPTIONS).flatMap(([name, option]) => ('short' in option ? [[option.short, name] as const] : [])));
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') return;
    if (!arg.startsWith('-') || arg === '-') continue;
    const long = arg.startsWith('--');
    const name = long ? arg.slice(2).split('=')[0]! : shorts.get(arg.slice(1, 2));
    if (name === undefined || !names.includes(name)) {
      const shown = long ? `--${arg.slice(2).split('=')[0]}` : arg.slice(0, 2);
      throw new UsageError(`unknown option ${shown}${long ? didYouMean(arg.slice(2).split('=')[0]!, names, '--') : ''}; run \`${TOOL_NAME} --help\` for the options`);
    }
    const option = OPTIONS[name as keyof typeof OPTIONS];
    if (option.type !== 'string') {
      if (long && arg.includes('=')) throw new UsageError(`--${name} takes no value; write it alone`);
      continue;
    }
    const inline = long ? arg.includes('=') : arg.length > 2;
    if (inline) continue;
    const value = argv[index + 1];
    if (value === undefined || (value.startsWith('-') && value !== '-')) throw new UsageError(`--${name} needs a value${VALUE_HINTS[name] ? `: ${VALUE_HINTS[name]}` : ''}`);
    index++;
  }
}

const VALUE_HINTS: Record<string, string> = {
  format: '--format text|json|sarif|markdown',
  'fail-on': '--fail-on error|warning|never',
  config: '--config FILE',
  dir: '--dir DIR',
  base: '--base REF (a branch, a tag or a commit)',
  'database-url': '--database-url postgres://user:password@host:port/database',
  'target-url': '--target-url postgres://user:password@host:port/database',
};

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
  env: NodeJS.ProcessEnv;
}

/** What the launcher (cli-main.ts) started before the CLI loaded. */
export interface CliLaunch {
  /** initdb for `check`'s temporary server (launch-head-start.ts). */
  headStart?: InitdbHeadStart;
}

export async function runCli(argv: readonly string[], io: CliIo, launch: CliLaunch = {}): Promise<number> {
  const code = await runCommand(argv, io, launch);
  // A head start the command did not take (a usage or config error, nothing to apply): stopped,
  // its directory removed with the others below. A no-op once taken.
  launch.headStart?.discard();
  // A run leaves nothing behind: the temporary server's directory, removed while the report was
  // made, is gone before the exit code is (a directory that would not go is said, not fatal).
  for (const problem of await finishRemovals()) io.stderr(`${TOOL_NAME}: warning: ${problem}\n`);
  return code;
}

async function runCommand(argv: readonly string[], io: CliIo, launch: CliLaunch): Promise<number> {
  try {
    return await dispatch(argv, io, launch);
  } catch (error) {
    if (error instanceof UsageError || error instanceof GateDatabaseError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n`);
      return ExitCode.Error;
    }
    const detail = io.env.PG_MIGRATION_GATE_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (set PG_MIGRATION_GATE_DEBUG=1 for a stack trace)';
    io.stderr(`${TOOL_NAME}: internal error: ${(error as Error).message ?? String(error)}${detail}\n`);
    return ExitCode.Error;
  }
}

async function dispatch(argv: readonly string[], io: CliIo, launch: CliLaunch): Promise<number> {
  let parsed;
  checkFlags(argv);
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // What checkFlags does not foresee, still in one line of our own.
    throw new UsageError(`cannot read the arguments (${(error as Error).message.split('\n')[0]}); run \`${TOOL_NAME} --help\` for the options`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.stderr : io.stdout)(`${USAGE}\n`);
    return command === undefined && !values.help ? ExitCode.Error : ExitCode.Ok;
  }

  switch (command) {
    case 'rules':
      io.stdout(listRules());
      return ExitCode.Ok;
    case 'lint': {
      if (paths.length === 0) throw new UsageError(`lint needs at least one file or directory\n${USAGE}`);
      if (values['database-url']) throw new UsageError('--database-url belongs to `check`; `lint` never touches a database');
      if (values.dir || values.base) throw new UsageError('--dir and --base belong to `check`; `lint` takes the files and directories as arguments');
      const format = parseFormat(values.format);
      const { config } = await loadConfig(io.cwd, values.config);
      const failOn = parseFailOn(values['fail-on']) ?? config['fail-on'];
      const report = await runLint({ cwd: io.cwd, paths, config });
      io.stdout(render(report, format, { color: io.isTty && !values['no-color'] && !io.env.NO_COLOR }));
      return failsGate(report, failOn) ? ExitCode.Findings : ExitCode.Ok;
    }
    case 'check': {
      if (paths.length > 0) throw new UsageError(`check takes no paths (use --dir DIR); got ${paths.join(' ')}`);
      const format = parseFormat(values.format);
      const { config } = await loadConfig(io.cwd, values.config, { remember: !values['no-cache'] });
      const failOn = parseFailOn(values['fail-on']) ?? config['fail-on'];
      const report = await runGate({
        cwd: io.cwd,
        config,
        ...(values.dir ? { dir: values.dir } : {}),
        ...(values.base ? { base: values.base } : {}),
        ...databaseUrlOf(values['database-url'], io.env),
        ...(values['no-cache'] ? { cache: false } : {}),
        ...(launch.headStart ? { launchedHeadStart: launch.headStart } : {}),
        log: (line) => io.stderr(`${TOOL_NAME}: ${line}\n`),
      });
      io.stdout(render(report, format, { color: io.isTty && !values['no-color'] && !io.env.NO_COLOR }));
      return failsGate(report, failOn) ? ExitCode.Findings : ExitCode.Ok;
    }
    case 'plan': {
      if (paths.length > 0) throw new UsageError(`plan takes no paths (use --dir DIR); got ${paths.join(' ')}`);
      if (values.base) throw new UsageError('--base belongs to `check`; `plan` compares the target given by --target-url with the working tree');
      const targetUrl = values['target-url'] || io.env['TARGET_DATABASE_URL'];
      if (!targetUrl) throw new UsageError('plan needs the database the deploy migrates: --target-url URL or TARGET_DATABASE_URL');
      const format = parseFormat(values.format);
      const { config } = await loadConfig(io.cwd, values.config);
      const failOn = parseFailOn(values['fail-on'], true) ?? config['fail-on'];
      const { runPlan } = await importWithoutFetch(() => import('./plan/run-plan.js'));
      const report = await runPlan({
        cwd: io.cwd,
        config,
        targetUrl,
        ...(values.dir ? { dir: values.dir } : {}),
        // Where schema-drift replays the applied migrations; never the target.
        ...databaseUrlOf(values['database-url'], io.env),
        log: (line) => io.stderr(`${TOOL_NAME}: ${line}\n`),
      });
      const color = io.isTty && !values['no-color'] && !io.env.NO_COLOR;
      if (format === 'text') {
        const { formatPlanText } = await import('./plan/format-plan-text.js');
        io.stdout(formatPlanText(report, { color }));
      } else {
        io.stdout(render(report, format, { color }));
      }
      return failsGate(report, failOn) ? ExitCode.Findings : ExitCode.Ok;
    }
    default:
      throw new UsageError(`unknown command '${command}'\n${USAGE}`);
  }
}

/** --database-url wins over DATABASE_URL; an empty value counts as none. */
function databaseUrlOf(option: string | undefined, env: NodeJS.ProcessEnv): { databaseUrl?: string } {
  const url = option || env['DATABASE_URL'];
  return url ? { databaseUrl: url } : {};
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'text';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${value}')`);
}

function parseFailOn(value: string | undefined, infoAllowed = false): 'error' | 'warning' | 'info' | 'never' | undefined {
  if (value === undefined) return undefined;
  if (value === 'error' || value === 'warning' || value === 'never') return value;
  // plan: `info` fails while any migration is pending ("refuse to start while a migration is pending").
  if (value === 'info' && infoAllowed) return value;
  throw new UsageError(`--fail-on must be error, warning${infoAllowed ? ', info' : ''} or never (got '${value}')`);
}

function render(report: Report, format: Format, options: { color: boolean }): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'markdown':
      return formatMarkdown(report, { showStatements: true });
    case 'text':
      return formatText(report, options);
  }
}

function listRules(): string {
  const rows = RULES.map((rule) => [rule.meta.id, rule.meta.severity, rule.meta.risk, rule.meta.description]);
  const width = Math.max(...rows.map((row) => row[0]!.length));
  return `${rows.map(([id, severity, risk, description]) => `${id!.padEnd(width)}  ${severity!.padEnd(7)}  ${risk!.padEnd(6)}  ${description}`).join('\n')}\n\nDocs: ${docsUrl('<rule-id>')}\n`;
}
