// Action shell: inputs -> runGate -> GitHub reporters (outputs, JSON and SARIF files, annotations,
// the sticky PR comment, the job summary). The only place that calls setFailed. The GitHub client
// is created here, inside run(), and tests pass a fake one instead.

import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { GateDatabaseError } from './db/errors.js';
import type { InitdbHeadStart } from './db/initdb-head-start.js';
import { passwordSpellings } from './db/url.js';
import { ExitCode, UsageError } from './errors.js';
import { runGate } from './gate.js';
import { readRunContext, type RunContext } from './github/context.js';
import { INPUTS, OUTPUTS, readInputs } from './github/inputs.js';
import { blobLineUrl } from './github/links.js';
import { octokitComments, type GitHubCommentsApi, type RepositoryRef } from './github/octokit-comments.js';
import { artifactPaths } from './github/artifacts.js';
import { maskTargetUrl, runPlanStep } from './github/plan-step.js';
import { postErrorComment, postReportComment, type CommentNote } from './github/post-comment.js';
import { repositoryPrefix, withRepositoryPaths } from './github/repo-paths.js';
import { postReviewSuggestions } from './github/review-suggestions.js';
import { resolveSettings, type RunSettings } from './github/settings.js';
import { annotationsFor } from './report/annotations.js';
import { formatJson } from './report/format-json.js';
import type { MarkdownOptions } from './report/format-markdown.js';
import { formatSarif } from './report/format-sarif.js';
import { formatErrorSummary, formatSummary } from './report/format-summary.js';
import { failsGate, type Report } from './report/report.js';
import { SEVERITY_RANK } from './types.js';

export { INPUTS, OUTPUTS };

export const PULL_REQUEST_TARGET_WARNING =
  'pull_request_target runs with a token that can write to this repository and with its secrets, while the migrations come from the pull request: ' +
  'applying them runs untrusted SQL (COPY ... PROGRAM, functions in untrusted languages) next to that token. Use pull_request unless every author is trusted.';

export interface RunDependencies {
  env?: NodeJS.ProcessEnv;
  /** Octokit by default; tests pass a fake GitHub. */
  createCommentsApi?: (token: string, repository: RepositoryRef, apiUrl: string) => GitHubCommentsApi;
  /** initdb the entry started before this module loaded (launch-head-start.ts), for runGate to take or discard. */
  headStart?: InitdbHeadStart;
}

export const DATABASE_URL_NOT_USED =
  "DATABASE_URL is set in the step's environment, but the action applies migrations only where the database-url input says " +
  '(a temporary server when it is empty); to use that database, pass `database-url: ${{ env.DATABASE_URL }}`';

/** Runs the action; resolves to the exit code (index.ts sets it), never rejects. */
export async function run(dependencies: RunDependencies = {}): Promise<ExitCode> {
  const env = dependencies.env ?? process.env;
  const notes: string[] = [];
  let summary: string | undefined;
  let exitCode: ExitCode = ExitCode.Ok;
  // Known once inputs, event and settings are read: where a failure can still be said on the PR.
  let commentRequest: CommentRequest | undefined;
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const databaseUrl = inputs[INPUTS.databaseUrl];
    // GitHub masks exact strings: the whole URL, and its password alone in each spelling, for a
    // message that quotes only the password.
    if (databaseUrl) {
      for (const secret of [databaseUrl, ...passwordSpellings(databaseUrl)]) core.setSecret(secret);
    } else if (env['DATABASE_URL']) {
      // A job's DATABASE_URL is usually the application's database (in a deploy job, production's):
      // a pull request's SQL goes only where the database-url input says, never there by default.
      core.notice(DATABASE_URL_NOT_USED);
    }
    const targetUrl = inputs[INPUTS.targetDatabaseUrl];
    if (targetUrl) maskTargetUrl(targetUrl);
    const context = readRunContext(env);
    if (context.privileged) core.warning(PULL_REQUEST_TARGET_WARNING);
    const settings = await resolveSettings(inputs, context);
    // target-database-url: the deploy gate (plan-step.ts), no pull request comment.
    if (settings.plan) {
      // The deploy gate starts no server of the check's kind: initdb stops now, not after the plan.
      dependencies.headStart?.discard();
      ({ exitCode, summary } = await runPlanStep(settings, settings.plan, context.workspace, env));
      return exitCode;
    }
    if (context.kind === 'pull-request') {
      commentRequest = { client: {}, token: inputs[INPUTS.githubToken], enabled: inputs[INPUTS.comment], context, settings, env, dependencies };
    }
    if (!settings.base) {
      core.info(`no base to compare with (input '${INPUTS.base}' is empty on a ${context.eventName || 'local'} run): every migration is checked; set it to the ref last deployed to check only what is new`);
    }

    const report = await runGate({
      cwd: settings.cwd,
      config: settings.config,
      dir: settings.directory,
      ...(settings.base ? { base: settings.base } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
      cache: inputs[INPUTS.cache],
      ...(dependencies.headStart ? { launchedHeadStart: dependencies.headStart } : {}),
      log: (line) => core.info(line),
    });
    warnOnVersionMismatch(report, settings.config['postgres-version']);
    // GitHub places annotations, SARIF results and links by paths from the repository root.
    const shown = withRepositoryPaths(report, await repositoryPrefix(settings.cwd, context.workspace));
    writeArtifacts(report, shown, settings, env);
    for (const annotation of annotationsFor(shown)) core[annotation.level](annotation.message, annotation.properties);

    const lineUrl = lineLinks(context, settings);
    if (commentRequest) notes.push(await commentOnPullRequest({ ...commentRequest, report: shown, lineUrl }));
    if (commentRequest && settings.reviewSuggestions) notes.push(...(await suggestOnPullRequest({ ...commentRequest, report: shown })));
    summary = formatSummary(shown, { directory: settings.directoryKey, notes, ...(lineUrl ? { lineUrl } : {}) });
    exitCode = verdict(report, settings.config['fail-on']);
  } catch (error) {
    const message = errorMessage(error);
    core.setFailed(message);
    exitCode = ExitCode.Error;
    // A config or input error comes before the comment's directory is known: the summary says it.
    const note = commentRequest ? await markCommentNotChecked({ ...commentRequest, message }) : undefined;
    if (note) notes.push(note);
    summary = formatErrorSummary(message, notes);
  } finally {
    await writeSummary(summary, env);
  }
  return exitCode;
}

interface CommentRequest {
  /** The GitHub client, made on first use; shared by the copies of the request. */
  client: { api?: GitHubCommentsApi };
  token: string | undefined;
  enabled: boolean;
  context: RunContext;
  settings: RunSettings;
  env: NodeJS.ProcessEnv;
  dependencies: RunDependencies;
}

/** Posts or updates the sticky comment; returns the note for the summary (it never throws). */
async function commentOnPullRequest(request: CommentRequest & { report: Report; lineUrl: MarkdownOptions['lineUrl'] }): Promise<string> {
  const target = commentTarget(request, true);
  if (typeof target === 'string') return target;
  return logNote(
    await postReportComment({
      ...target,
      directory: request.settings.directoryKey,
      report: request.report,
      failOn: request.settings.config['fail-on'],
      ...(request.lineUrl ? { lineUrl: request.lineUrl } : {}),
    }),
  );
}

/** Review suggestions for the mechanical fixes (input review-suggestions); never throws. */
async function suggestOnPullRequest(request: CommentRequest & { report: Report }): Promise<string[]> {
  // Their own opt-in: `comment: false` leaves the suggestions as they are asked for.
  const target = commentTarget({ ...request, enabled: true }, true, 'no review suggestions');
  if (typeof target === 'string') return [target];
  const notes = await postReviewSuggestions({
    ...target,
    pullNumber: target.issueNumber,
    headSha: target.headSha,
    directory: request.settings.directoryKey,
    report: request.report,
  });
  return notes.map(logNote);
}

/** The gate failed: an earlier run's comment is marked as not checked (it never throws). */
async function markCommentNotChecked(request: CommentRequest & { message: string }): Promise<string | undefined> {
  const target = commentTarget(request, false);
  if (typeof target === 'string') return undefined;
  return logNote(await postErrorComment({ ...target, directory: request.settings.directoryKey, message: request.message }));
}

/** Where the sticky comment goes, or the note that says why there is none. */
function commentTarget(
  request: CommentRequest,
  warn: boolean,
  nothing = 'no pull request comment',
): { api: GitHubCommentsApi; issueNumber: number; headSha: string; apiUrl: string; runUrl?: string } | string {
  const { token, context } = request;
  if (!request.enabled) return `${nothing}: input '${INPUTS.comment}' is false`;
  if (!token || !context.owner || !context.repo || !context.pullRequest) {
    const why = token ? 'GITHUB_REPOSITORY is not set' : `input '${INPUTS.githubToken}' is empty`;
    if (warn) core.warning(`${nothing}: ${why}`);
    return `${nothing}: ${why}`;
  }
  const apiUrl = request.env.GITHUB_API_URL || 'https://api.github.com';
  const create = request.dependencies.createCommentsApi ?? octokitComments;
  // One client per run: the comment and the suggestions share its token identity lookup.
  request.client.api ??= create(token, { owner: context.owner, repo: context.repo }, apiUrl);
  return {
    api: request.client.api,
    issueNumber: context.pullRequest.number,
    headSha: context.pullRequest.headSha,
    apiUrl,
    ...(context.runUrl ? { runUrl: context.runUrl } : {}),
  };
}

function logNote(note: CommentNote): string {
  if (note.level === 'warning') core.warning(note.text);
  else if (note.level === 'notice') core.notice(note.text);
  else core.info(note.url ? `${note.text}: ${note.url}` : note.text);
  return note.text;
}

/** Pass or fail from the findings alone: a comment that could not be posted never changes it. */
function verdict(report: Report, failOn: RunSettings['config']['fail-on']): ExitCode {
  if (!failsGate(report, failOn)) return ExitCode.Ok;
  const failing = failOn === 'never' ? 0 : report.migrations.flatMap((m) => m.findings).filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]).length;
  core.setFailed(`${failing} migration finding${failing === 1 ? '' : 's'} at or above '${failOn}' (risk: ${report.risk})`);
  return ExitCode.Findings;
}

/** Expected problems (input, config, git, database setup) are one line; anything else is a bug. */
function errorMessage(error: unknown): string {
  if (error instanceof UsageError || error instanceof GateDatabaseError) return error.message;
  core.debug((error as Error).stack ?? String(error));
  return `internal error: ${(error as Error).message ?? String(error)} (re-run with debug logging for a stack trace)`;
}

/** Links point at the PR's head (the checkout is a merge commit); a deleted file's at the base. */
function lineLinks(context: RunContext, settings: RunSettings): MarkdownOptions['lineUrl'] {
  const { owner, repo, linkSha, serverUrl } = context;
  if (!owner || !repo || !linkSha) return undefined;
  return (migration, line) => {
    const sha = migration.status === 'deleted' ? settings.base : linkSha;
    return sha ? blobLineUrl({ serverUrl, owner, repo, sha }, migration.path, line) : undefined;
  };
}

/** The server major the database stage ran on, against the target the rules assumed. */
function warnOnVersionMismatch(report: Report, target: number): void {
  const major = report.database?.status === 'ran' ? report.database.serverVersion : undefined;
  if (major !== undefined && major !== target) {
    core.warning(
      `the database is PostgreSQL ${major} but postgres-version is ${target}: locks and rewrites were traced on ${major}; use a postgres:${target} service container, or set postgres-version to ${major}`,
    );
  }
}

/** JSON keeps the contract's paths (relative to the working directory); SARIF wants repository paths. */
function writeArtifacts(report: Report, shown: Report, settings: RunSettings, env: NodeJS.ProcessEnv): void {
  const { reportPath, sarifPath } = artifactPaths(settings.directoryKey, env);
  writeFileSync(reportPath, formatJson(report));
  writeFileSync(sarifPath, formatSarif(shown, settings.sarif));
  core.setOutput(OUTPUTS.risk, report.risk);
  core.setOutput(OUTPUTS.verification, report.verification?.status ?? 'not-verified');
  core.setOutput(OUTPUTS.findings, String(report.summary.findings));
  core.setOutput(OUTPUTS.report, reportPath);
  core.setOutput(OUTPUTS.sarif, sarifPath);
}

/** Written on every run, also when commenting or the gate itself failed. */
async function writeSummary(summary: string | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  if (!summary) return;
  if (!env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set (not on a GitHub runner): no job summary');
    return;
  }
  try {
    await core.summary.addRaw(summary).write();
  } catch (error) {
    core.warning(`could not write the job summary: ${(error as Error).message}`);
  }
}
