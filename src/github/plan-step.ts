// The action in deploy-gate mode (input `target-database-url`): `plan` instead of `check`. It reads
// the target, writes the JSON and SARIF reports, sets the outputs (with `pending`, the number of
// migrations the runner will apply) and returns the job summary; it never comments on a pull
// request (a deploy is not a review). main.ts masks the URL before this runs and turns a target
// that cannot be read (PlanTargetError) into the one-line failure.

import * as core from '@actions/core';
import { passwordSpellings } from '../db/url.js';
import { artifactPaths } from './artifacts.js';
import { writeFileSync } from 'node:fs';
import { ExitCode } from '../errors.js';
import { formatPlanMarkdown } from '../plan/format-plan-markdown.js';
import { runPlan } from '../plan/run-plan.js';
import { formatJson } from '../report/format-json.js';
import { formatSarif } from '../report/format-sarif.js';
import { failsGate } from '../report/report.js';
import { SEVERITY_RANK } from '../types.js';
import { OUTPUTS } from './inputs.js';
import { repositoryPrefix, withRepositoryPaths } from './repo-paths.js';
import type { PlanSettings, RunSettings } from './settings.js';

export interface PlanStepResult {
  exitCode: ExitCode;
  summary: string;
}

/**
 * Masks the target URL, and its password on its own (a message may quote it decoded or alone),
 * in everything the run logs from here on.
 */
export function maskTargetUrl(url: string): void {
  // As for database-url: the whole URL, and its password alone in each spelling.
  for (const secret of [url, ...passwordSpellings(url)]) core.setSecret(secret);
}

export async function runPlanStep(settings: RunSettings, plan: PlanSettings, workspace: string | undefined, env: NodeJS.ProcessEnv): Promise<PlanStepResult> {
  const { targetUrl, failOn, databaseUrl } = plan;
  const report = await runPlan({
    cwd: settings.cwd,
    config: settings.config,
    dir: settings.directory,
    targetUrl,
    ...(databaseUrl ? { databaseUrl } : {}),
    log: (line) => core.info(line),
  });
  const shown = withRepositoryPaths(report, await repositoryPrefix(settings.cwd, workspace));

  const { reportPath, sarifPath } = artifactPaths(settings.directoryKey, env);
  writeFileSync(reportPath, formatJson(report));
  writeFileSync(sarifPath, formatSarif(shown, settings.sarif));
  const pending = (report.plan?.sets ?? []).reduce((sum, set) => sum + set.pending.length, 0);
  core.setOutput(OUTPUTS.risk, report.risk);
  core.setOutput(OUTPUTS.findings, String(report.summary.findings));
  core.setOutput(OUTPUTS.pending, String(pending));
  core.setOutput(OUTPUTS.report, reportPath);
  core.setOutput(OUTPUTS.sarif, sarifPath);
  core.info(`deploy plan: ${pending} pending migration${pending === 1 ? '' : 's'}, risk ${report.risk}`);

  const summary = formatPlanMarkdown(report, { failOn });
  if (!failsGate(report, failOn)) return { exitCode: ExitCode.Ok, summary };
  const failing = failOn === 'never' ? 0 : report.migrations.flatMap((m) => m.findings).filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]).length;
  core.setFailed(`deploy plan: ${failing} finding${failing === 1 ? '' : 's'} at or above '${failOn}' (risk: ${report.risk})`);
  return { exitCode: ExitCode.Findings, summary };
}
