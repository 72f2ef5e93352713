// One run's settings from the inputs, the event and the config file: where to run, what to check
// and against which base. Inputs override the config file (DESIGN.md, "Config").

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { UsageError } from '../errors.js';
import type { RunContext } from './context.js';
import type { SarifOptions } from '../report/format-sarif.js';
import type { Severity } from '../types.js';
import { INPUTS, type ActionInputs } from './inputs.js';

export interface RunSettings {
  /** Absolute working directory; report paths are relative to it. */
  cwd: string;
  config: Config;
  /** The migrations directory (or glob) as configured, relative to `cwd`. */
  directory: string;
  /** The directory relative to the workspace: names the sticky comment and the artifact folder. */
  directoryKey: string;
  /** Compare with this ref; undefined checks every migration. */
  base: string | undefined;
  /** Set by `target-database-url`: the run is the deploy gate (`plan`), not `check`. */
  plan: PlanSettings | undefined;
  /** Input `sarif-security-severity`: the SARIF file's rules get a `security-severity`. */
  sarif: SarifOptions;
  /** Input `review-suggestions`: review comments with a suggestion for each mechanical fix. */
  reviewSuggestions: boolean;
}

export interface PlanSettings {
  /** The database the deploy migrates; only read. Masked before anything is logged (main.ts). */
  targetUrl: string;
  /** `info` fails while any migration is pending. */
  failOn: Severity | 'never';
  /** Input `database-url`: where schema-drift replays the applied migrations (else a temporary server). */
  databaseUrl: string | undefined;
}

export async function resolveSettings(inputs: ActionInputs, context: RunContext): Promise<RunSettings> {
  const workspace = context.workspace ?? process.cwd();
  const cwd = path.resolve(workspace, inputs[INPUTS.workingDirectory]);
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
    throw new UsageError(`input '${INPUTS.workingDirectory}': ${inputs[INPUTS.workingDirectory]} is not a directory of the checkout`);
  }
  const targetUrl = inputs[INPUTS.targetDatabaseUrl];
  const failOn = inputs[INPUTS.failOn];
  if (failOn === 'info' && !targetUrl) {
    throw new UsageError(`input '${INPUTS.failOn}': info is for the deploy gate (it fails while a migration is pending); set '${INPUTS.targetDatabaseUrl}', or use error, warning or never`);
  }
  const { config: fileConfig } = await loadConfig(cwd, inputs[INPUTS.config]);
  const config: Config = {
    ...fileConfig,
    ...(inputs[INPUTS.postgresVersion] === undefined ? {} : { 'postgres-version': inputs[INPUTS.postgresVersion] }),
    ...(failOn === undefined || failOn === 'info' ? {} : { 'fail-on': failOn }),
  };
  const directory = inputs[INPUTS.migrations] ?? config.migrations;
  const directoryKey = path.posix.normalize(`${inputs[INPUTS.workingDirectory]}/${directory}`).replace(/\/+$/, '');
  const plan = targetUrl ? { targetUrl, failOn: failOn ?? config['fail-on'], databaseUrl: inputs[INPUTS.databaseUrl] } : undefined;
  return {
    cwd,
    config,
    directory,
    directoryKey,
    base: inputs[INPUTS.base] ?? context.eventBase,
    plan,
    sarif: { securitySeverity: inputs[INPUTS.sarifSecuritySeverity] },
    reviewSuggestions: inputs[INPUTS.reviewSuggestions],
  };
}
