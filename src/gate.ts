// The engine behind both shells (CLI and action): plain options in, a Report out.

import { resolveSeverities, type Config } from './config.js';
import {
  changedMigrationFiles,
  discoverMigrations,
  resolveMigrationsSetting,
  type DiscoveryResult,
  type GitChanges,
  type Migration,
} from './discover/index.js';
import { UsageError } from './errors.js';
import { collectLintJobs, jobOf } from './lint/collect-files.js';
import { lintFiles } from './lint/lint-files.js';
import { runSetStage } from './lint/set-stage.js';
import { buildReport, type DatabaseStageSummary, type FileFindings, type MigrationStatus, type Report } from './report/report.js';
import type { Finding } from './types.js';

export interface LintRunOptions {
  cwd: string;
  paths: readonly string[];
  config: Config;
}

/** `lint`: static checks of the named files and directories, no database. */
export async function runLint(options: LintRunOptions): Promise<Report> {
  const { jobs, directories } = await collectLintJobs(options.cwd, options.paths, {
    layout: options.config.layout,
    rollbackSuffix: options.config.rollback.suffix,
  });
  const severities = resolveSeverities(options.config);
  const linted = await lintFiles(jobs, { postgresVersion: options.config['postgres-version'], severities });
  const files: FileFindings[] = linted.map(({ path, findings }) => ({ path, status: 'new', findings }));
  // A directory is a migration set: without a base every migration is new.
  const byPath = new Map(linted.map((file) => [file.path, file]));
  for (const discovery of directories) {
    const setFindings = await runSetStage({
      cwd: options.cwd,
      config: options.config,
      severities,
      base: undefined,
      discovery,
      changes: undefined,
      checked: discovery.migrations.map((migration) => ({ migration, status: 'new' })),
      linted: byPath,
    });
    attachFindings(files, setFindings, () => 'new');
  }
  return buildReport(files);
}

export interface GateOptions {
  cwd: string;
  config: Config;
  /** Migrations directory (or glob); the config's `migrations` when absent. */
  dir?: string;
  /** Git ref of the base: only migrations added or changed since it are checked. All when absent. */
  base?: string;
}

/** One migrations directory as `check` sees it: discovered, and compared with the base. */
export interface MigrationSet {
  discovery: DiscoveryResult;
  changes: GitChanges | undefined;
  /** Migrations to check (new or modified since the base), in the runner's order, with their status. */
  checked: Array<{ migration: Migration; status: Extract<MigrationStatus, 'new' | 'modified'> }>;
  /** Merged migrations, in order: the "before" state the checked ones apply on top of. */
  merged: Migration[];
  /** Migration files the branch deleted (as reported). */
  deleted: string[];
}

/** `check`: the whole gate on a checkout. */
export async function runGate(options: GateOptions): Promise<Report> {
  const sets = await discoverSets(options);
  const severities = resolveSeverities(options.config);
  const files: FileFindings[] = [];
  for (const set of sets) {
    // 1. Static lint of what the branch adds or changes.
    const linted = await lintFiles(
      set.checked.map(({ migration }) => jobOf(migration)),
      { postgresVersion: options.config['postgres-version'], severities },
    );
    const setFiles: FileFindings[] = set.checked.map(({ status }, index) => ({ path: linted[index]!.path, status, findings: linted[index]!.findings }));
    for (const path of set.deleted) setFiles.push({ path, status: 'deleted', findings: [] });

    // 2. Set rules last: header-risk-understated weighs the findings of the stages before it.
    const withFindings = new Map(linted.map((file, index) => [file.path, { ...file, findings: setFiles[index]!.findings }]));
    const setFindings = await runSetStage({
      cwd: options.cwd,
      config: options.config,
      severities,
      base: options.base,
      discovery: set.discovery,
      changes: set.changes,
      checked: set.checked,
      linted: withFindings,
    });
    attachFindings(setFiles, setFindings, (path) => statusOfOtherFile(set, path));
    files.push(...setFiles);
  }
  const database: DatabaseStageSummary = {
    status: 'skipped',
    reason: 'the database stage (apply, lock trace, rollback round-trip) is not part of this build yet',
  };
  return buildReport(files, database);
}

/**
 * Adds findings to their file's row; a finding about a file that is not a checked migration (a
 * Drizzle journal, a renamed or deleted file, an unrecognised .sql file) gets a row of its own.
 */
function attachFindings(files: FileFindings[], findings: readonly Finding[], statusOf: (path: string) => MigrationStatus): void {
  for (const finding of findings) {
    let file = files.find((f) => f.path === finding.path);
    if (!file) {
      file = { path: finding.path, status: statusOf(finding.path), findings: [] };
      files.push(file);
    }
    file.findings.push(finding);
  }
  for (const file of files) file.findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

function statusOfOtherFile(set: MigrationSet, path: string): MigrationStatus {
  if (!set.changes) return 'new';
  if (set.changes.added.includes(path) || set.changes.renamed.some((r) => r.to === path)) return 'new';
  if (set.changes.modified.includes(path)) return 'modified';
  if (set.changes.deleted.includes(path)) return 'deleted';
  return 'base';
}

export async function discoverSets(options: GateOptions): Promise<MigrationSet[]> {
  const setting = options.dir ?? options.config.migrations;
  const targets = await resolveMigrationsSetting(setting, options.cwd);
  if (targets.length === 0) throw new UsageError(`${setting}: no migrations directory matches; check \`migrations\` in the config or --dir`);
  const sets: MigrationSet[] = [];
  for (const target of targets) {
    const discovery = await discoverMigrations(target.dir, {
      cwd: options.cwd,
      layout: options.config.layout,
      rollbackSuffix: options.config.rollback.suffix,
      ...(target.include ? { include: target.include } : {}),
    });
    const changes = options.base ? await changedMigrationFiles({ base: options.base, dir: target.dir, cwd: options.cwd }) : undefined;
    sets.push(classify(discovery, changes));
  }
  return sets;
}

function classify(discovery: DiscoveryResult, changes: GitChanges | undefined): MigrationSet {
  if (!changes) {
    return { discovery, changes, checked: discovery.migrations.map((migration) => ({ migration, status: 'new' })), merged: [], deleted: [] };
  }
  const added = new Set([...changes.added, ...changes.renamed.map((rename) => rename.to)]);
  const modified = new Set(changes.modified);
  const checked: MigrationSet['checked'] = [];
  const merged: Migration[] = [];
  for (const migration of discovery.migrations) {
    if (added.has(migration.path)) checked.push({ migration, status: 'new' });
    else if (modified.has(migration.path)) checked.push({ migration, status: 'modified' });
    else merged.push(migration);
  }
  const migrationPaths = new Set(discovery.migrations.map((m) => m.path));
  const deleted = changes.deleted.filter((path) => path.endsWith('.sql') && !migrationPaths.has(path));
  return { discovery, changes, checked, merged, deleted };
}
