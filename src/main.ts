// Action shell: inputs -> engine -> GitHub reporters. The only place that calls setFailed.

import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from './config.js';
import { UsageError } from './errors.js';
import { runLint } from './gate.js';
import { formatJson } from './report/format-json.js';
import { formatMarkdown } from './report/format-markdown.js';
import { formatSarif } from './report/format-sarif.js';
import { failsGate, type Report } from './report/report.js';

export const INPUTS = {
  config: 'config',
  migrations: 'migrations',
  failOn: 'fail-on',
  postgresVersion: 'postgres-version',
  workingDirectory: 'working-directory',
} as const;

export const OUTPUTS = { risk: 'risk', findings: 'findings', report: 'report', sarif: 'sarif' } as const;

export async function run(): Promise<void> {
  try {
    const cwd = resolve(core.getInput(INPUTS.workingDirectory) || '.');
    const { config } = loadConfig(cwd, core.getInput(INPUTS.config) || undefined);
    const failOnInput = core.getInput(INPUTS.failOn);
    if (failOnInput && !['error', 'warning', 'never'].includes(failOnInput)) {
      throw new UsageError(`input '${INPUTS.failOn}' must be error, warning or never (got '${failOnInput}')`);
    }
    const versionInput = core.getInput(INPUTS.postgresVersion);
    if (versionInput && !/^\d+$/.test(versionInput)) {
      throw new UsageError(`input '${INPUTS.postgresVersion}' must be a major version number such as 16 (got '${versionInput}')`);
    }
    const effective = {
      ...config,
      ...(versionInput ? { 'postgres-version': Number(versionInput) } : {}),
      ...(failOnInput ? { 'fail-on': failOnInput as 'error' | 'warning' | 'never' } : {}),
    };
    const migrations = core.getInput(INPUTS.migrations) || effective.migrations;

    const report = await runLint({ cwd, paths: [migrations], config: effective });
    annotate(report);
    writeArtifacts(report, cwd);
    await core.summary.addRaw(formatMarkdown(report)).write();

    if (failsGate(report, effective['fail-on'])) {
      core.setFailed(`${report.summary.findings} migration finding(s) at or above '${effective['fail-on']}' (risk: ${report.risk})`);
    }
  } catch (error) {
    core.setFailed(error instanceof UsageError ? error.message : `internal error: ${(error as Error).message}`);
  }
}

function annotate(report: Report): void {
  for (const migration of report.migrations) {
    for (const finding of migration.findings) {
      const properties = { file: migration.path, startLine: finding.line, startColumn: finding.column, title: finding.rule };
      const text = `${finding.message}\nSafe alternative: ${finding.help}`;
      if (finding.severity === 'error') core.error(text, properties);
      else if (finding.severity === 'warning') core.warning(text, properties);
      else core.notice(text, properties);
    }
  }
}

function writeArtifacts(report: Report, cwd: string): void {
  const directory = join(process.env.RUNNER_TEMP || cwd, 'pg-migration-gate');
  mkdirSync(directory, { recursive: true });
  const reportPath = join(directory, 'report.json');
  const sarifPath = join(directory, 'report.sarif');
  writeFileSync(reportPath, formatJson(report));
  writeFileSync(sarifPath, formatSarif(report));
  core.setOutput(OUTPUTS.risk, report.risk);
  core.setOutput(OUTPUTS.findings, String(report.summary.findings));
  core.setOutput(OUTPUTS.report, reportPath);
  core.setOutput(OUTPUTS.sarif, sarifPath);
}
