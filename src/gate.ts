// The engine behind both shells (CLI and action): plain options in, a Report out.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, discoveryOptions, resolveSeverities, runnerSetsLockTimeout, type Config } from './config.js';
import { findMigrationsDirectory } from './discover/find-directory.js';
import { runGit } from './discover/git.js';
import {
  changedMigrationFiles,
  discoverMigrations,
  resolveMigrationsSetting,
  type DiscoveryResult,
  type GitChanges,
  type Migration,
} from './discover/index.js';
import { UsageError } from './errors.js';
import { readBaselineHistory } from './discover/baseline-history.js';
import { collectLintJobs, jobOf } from './lint/collect-files.js';
import { lintFiles, type FileLintJob, type LintedFile, type LintJobOptions } from './lint/lint-files.js';
import { discoverBase, runSetStage } from './lint/set-stage.js';
import type { InitdbHeadStart } from './db/initdb-head-start.js';
import { importWithoutFetch } from './db/pg-import.js';
import { settleStaticClaims } from './verify/evidence.js';
import type { DatabaseStageOptions, DatabaseStageResult } from './verify/stage.js';
import { confirmHeldLocks } from './verify/held-lock-evidence.js';
import { settleNotNullClaims } from './verify/not-null-evidence.js';
import { buildReport, type FileFindings, type MigrationStatus, type Report } from './report/report.js';
import { MigrationRecords } from './records.js';
import { SEVERITY_RANK, type Finding, type SeveritySetting } from './types.js';

export interface LintRunOptions {
  cwd: string;
  paths: readonly string[];
  config: Config;
}

/** `lint`: static checks of the named files and directories, no database. */
export async function runLint(options: LintRunOptions): Promise<Report> {
  const { jobs, directories } = await collectLintJobs(options.cwd, options.paths, discoveryOptions(options.config));
  const severities = resolveSeverities(options.config);
  const linted = await lintFiles(jobs, lintOptions(options.config, severities));
  const records = new MigrationRecords();
  // A file named twice (or inside a directory also named) is one row.
  for (const lint of linted) if (!records.get(lint.path)) records.add({ path: lint.path, status: 'new', lint, findings: [...lint.findings] });
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
    attachFindings(records, setFindings, () => 'new');
  }
  return buildReport(records.rows());
}

export interface GateOptions {
  cwd: string;
  config: Config;
  /** Migrations directory (or glob); the config's `migrations` when absent. */
  dir?: string;
  /** Git ref of the base: only migrations added or changed since it are checked. All when absent. */
  base?: string;
  /**
   * PostgreSQL to apply the migrations in (only scratch databases are used; the shells pass
   * --database-url, DATABASE_URL or the action's input). Absent: a temporary server is started.
   */
  databaseUrl?: string;
  /** The temporary server's cache of clusters and base databases (default true; `--no-cache`). */
  cache?: boolean;
  /**
   * initdb the CLI's launcher started for the config's defaults (launch-head-start.ts): taken when it
   * suits this run, else discarded. Stopped by the caller too when the run never gets here.
   */
  launchedHeadStart?: InitdbHeadStart;
  /** One-line notices for the user (the CLI writes them to stderr). */
  log?: (line: string) => void;
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
  /**
   * The new migrations deploy together (`check` with a base, `plan`'s pending ones): what one creates
   * is new for the next, not an existing object. Without a base each migration is judged on its own.
   */
  deploysTogether: boolean;
}

/** `check`: the whole gate on a checkout. */
export async function runGate(options: GateOptions): Promise<Report> {
  // initdb, when a fresh cluster is certain to be needed, runs from here on while git, discovery
  // and the database stage's modules load (initdb-head-start.ts), or from before the CLI loaded
  // (launch-head-start.ts); the server start takes it over. Its module is loaded here, not at the top:
  // it brings child processes and hashing, which `lint` never needs.
  const early = initdbHeadStart(options);
  try {
    return await gateWith(options, early);
  } finally {
    // Not taken (nothing to apply, a failure before the start): stopped, its directory removed.
    (await early)?.discard();
  }
}

/** The launcher's head start when it suits the config, else one started here when a fresh cluster is certain to be needed. */
async function initdbHeadStart(options: GateOptions): Promise<InitdbHeadStart | undefined> {
  const launched = options.launchedHeadStart;
  const preferMajor = options.config['postgres-version'];
  if (launched && options.databaseUrl === undefined && launched.suits({ preferMajor })) return launched;
  // Made for another postgres-version than the config's (or for a run with a given server).
  launched?.discard();
  if (options.databaseUrl !== undefined) return undefined;
  try {
    const { startInitdbBeforeCompiling } = await import('./db/initdb-head-start.js');
    // As the launchers do: initdb spawned before the database stage's modules compile.
    return await startInitdbBeforeCompiling({ cache: (options.cache ?? true) && options.config.database.superuser !== true, preferMajor });
  } catch {
    return undefined;
  }
}

async function gateWith(options: GateOptions, early: Promise<InitdbHeadStart | undefined>): Promise<Report> {
  // The database stage's modules load while git and discovery wait on their processes.
  void databaseStageModules().catch(() => undefined);
  const sets = await discoverSets(options);
  const headStart = await early;
  if (!sets.some((set) => set.checked.length > 0)) headStart?.discard();
  const severities = resolveSeverities(options.config);
  // Each set at the base (git ls-tree and reads) while the stages run, not after them. Handled from
  // the start: a failure is told where it is awaited, as before.
  const bases = new Map(sets.map((set) => [set, discoverBase({ cwd: options.cwd, config: options.config, base: options.base, discovery: set.discovery, changes: set.changes })]));
  for (const base of bases.values()) base.catch(() => undefined);
  const { checked, stage } = await checkSets(sets, { ...options, severities, ...(headStart ? { headStart } : {}) });
  const rows: FileFindings[] = [];
  for (const { set, records } of checked) {
    // 3. Set rules last: header-risk-understated weighs the findings of the stages before it.
    const setFindings = await runSetStage({
      cwd: options.cwd,
      config: options.config,
      severities,
      base: options.base,
      discovery: set.discovery,
      changes: set.changes,
      checked: set.checked,
      linted: lintedByPath(records),
    }, bases.get(set));
    attachFindings(records, setFindings, (path) => statusOfOtherFile(set, path));
    rows.push(...records.rows());
  }
  return buildReport(rows, stage.summary);
}

export interface CheckSetsOptions {
  cwd: string;
  config: Config;
  severities: ReadonlyMap<string, SeveritySetting>;
  databaseUrl?: string;
  log?: (line: string) => void;
  /** A temporary server the caller owns (plan shares one): used when there is no URL, never stopped here. */
  sharedServer?: DatabaseStageOptions['sharedServer'];
  /** What the database stage's reasons call the history and the checked migrations. */
  words?: DatabaseStageOptions['words'];
  /** The temporary server's cache (default true; `--no-cache`). */
  cache?: boolean;
  /** `check`'s initdb started early, for the temporary server's start. */
  headStart?: InitdbHeadStart;
}

/**
 * The lint stage and the database stage over the checked migrations of each set, their results on
 * one record per file: what `check` runs before its set rules, and what `plan` rehearses the pending
 * migrations with.
 */
export async function checkSets(
  sets: readonly MigrationSet[],
  options: CheckSetsOptions,
): Promise<{ checked: Array<{ set: MigrationSet; records: MigrationRecords }>; stage: DatabaseStageResult }> {
  const { severities } = options;
  // 2. The database stage starts first and runs while the lint stage works: starting the server
  // (initdb or unpacking the cache, the postmaster's start-up) is mostly waiting on other processes.
  const stagePromise = databaseStage(sets, options);
  // Handled from the start: a stage that fails while the lint still runs is told when it is awaited.
  stagePromise.catch(() => undefined);
  let linted: Array<{ set: MigrationSet; records: MigrationRecords }>;
  try {
    // One turn of the event loop first: the stage's own work up to its first wait on another
    // process (finding the binaries, spawning tar on a cached base or connecting) runs before the
    // lint's parsing, which then goes on while that process works, instead of the other way round.
    await new Promise<void>((resolve) => setImmediate(resolve));
    linted = await lintSets(sets, options.config, severities);
  } catch (error) {
    // The stage cleans up after itself (its server, its scratch databases) before the lint error is told.
    await stagePromise.catch(() => undefined);
    throw error;
  }
  const stage = await stagePromise;
  for (const { set, records } of linted) mergeDatabaseResults(set, records, stage, options.config['postgres-version']);
  return { checked: linted, stage };
}

/** 1. Static lint of what the branch adds or changes: one record per file of each set. */
async function lintSets(sets: readonly MigrationSet[], config: Config, severities: ReadonlyMap<string, SeveritySetting>): Promise<Array<{ set: MigrationSet; records: MigrationRecords }>> {
  const linted: Array<{ set: MigrationSet; records: MigrationRecords }> = [];
  for (const set of sets) {
    const statusOf = new Map(set.checked.map(({ migration, status }) => [migration.path, status]));
    // Every migration in the runner's order: the merged ones are only replayed in their place, for
    // what they leave in place that the checked ones rely on (a validated NOT NULL check).
    const jobs = set.discovery.migrations.flatMap((migration): FileLintJob[] => {
      const status = statusOf.get(migration.path);
      if (status === undefined) return set.deploysTogether ? [{ ...jobOf(migration), replayOnly: true }] : [];
      const job = { ...jobOf(migration), newInChange: set.deploysTogether && status === 'new' };
      // A merged migration the change edits does not run again on deploy: it is in no pending batch.
      return [status === 'modified' ? { ...job, batch: undefined } : job];
    });
    const results = await lintFiles(jobs, lintOptions(config, severities));
    const records = new MigrationRecords();
    const resultByPath = new Map(results.map((result) => [result.path, result]));
    for (const { migration, status } of set.checked) {
      const lint = resultByPath.get(migration.path)!;
      records.add({ path: migration.path, status, migration, lint, findings: [...lint.findings] });
    }
    for (const path of set.deleted) records.add({ path, status: 'deleted', findings: [] });
    linted.push({ set, records });
  }
  return linted;
}

let stageModules: Promise<{ runDatabaseStage: typeof import('./verify/stage.js').runDatabaseStage; readSetup: typeof import('./verify/base-sql.js').readSetup }> | undefined;

/**
 * Loaded on first use, not at the top: they bring `pg` (without Node 20's fetch stack: pg-import.ts);
 * `lint` and `rules` never need it, and their start-up is what bench/lint-bench.mjs measures.
 */
function databaseStageModules(): NonNullable<typeof stageModules> {
  stageModules ??= importWithoutFetch(() => Promise.all([import('./verify/stage.js'), import('./verify/base-sql.js')])).then(([stage, baseSql]) => ({
    runDatabaseStage: stage.runDatabaseStage,
    readSetup: baseSql.readSetup,
  }));
  return stageModules;
}

/**
 * The database stage over the checked migrations of each set: apply, lock and rewrite trace,
 * rollback round trip (one server for all sets). It needs nothing of the lint stage.
 */
async function databaseStage(sets: readonly MigrationSet[], options: CheckSetsOptions): Promise<DatabaseStageResult> {
  const { severities } = options;
  const { runDatabaseStage, readSetup } = await databaseStageModules();
  const setup = await readSetup(options.config.database, options.cwd);
  const baselinePath = options.config.database.baseline;
  const stageSets = [];
  for (const set of sets) {
    const baseline = baselinePath === undefined ? undefined : { path: baselinePath, history: await readBaselineHistory(options.cwd, baselinePath, set.changes?.forkPoint) };
    stageSets.push({
      migrations: set.discovery.migrations,
      checked: new Map(set.checked.map(({ migration, status }) => [migration.path, status])),
      shipTogether: set.deploysTogether,
      ...(baseline ? { baseline } : {}),
    });
  }
  return runDatabaseStage({
    sets: stageSets,
    setup,
    targetVersion: options.config['postgres-version'],
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
    ...(options.sharedServer ? { sharedServer: options.sharedServer } : {}),
    ...(options.words ? { words: options.words } : {}),
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...(options.headStart ? { headStart: options.headStart } : {}),
    settings: options.config.database,
    runnerSettings: options.config.runner.settings,
    severities,
    ...(options.log ? { log: options.log } : {}),
  });
}

function lintOptions(config: Config, severities: ReadonlyMap<string, SeveritySetting>): LintJobOptions {
  return { postgresVersion: config['postgres-version'], severities, runnerLockTimeout: runnerSetsLockTimeout(config) };
}

/** What the set rules read of each checked migration: its header, ignores, and findings so far. */
function lintedByPath(records: MigrationRecords): Map<string, LintedFile> {
  const byPath = new Map<string, LintedFile>();
  for (const record of records.all()) {
    if (record.lint) byPath.set(record.path, { ...record.lint, findings: record.findings });
  }
  return byPath;
}

/**
 * Puts the database stage's results on the records of the lint stage. An apply failure at a line
 * where the parser already reported a syntax error says the same thing twice: the syntax error stays.
 * What the database showed then settles the static predictions about the same statements (evidence.ts).
 */
function mergeDatabaseResults(set: MigrationSet, records: MigrationRecords, stage: DatabaseStageResult, targetMajor: number): void {
  for (const record of records.all()) {
    const result = stage.files.get(record.path);
    if (!result) continue;
    const syntaxLines = new Set(record.findings.filter((f) => f.rule === 'syntax-error').map((f) => f.line));
    // `-- pg-migration-gate-ignore-file <database rule>`: the lint stage leaves those to this one.
    const ignoredRules = record.lint?.laterStageIgnores ?? new Set<string>();
    record.findings.push(
      ...result.findings.filter((f) => !ignoredRules.has(f.rule) && !(f.rule === 'apply-failed' && syntaxLines.has(f.line)) && !foretold(record.findings, f)),
    );
    if (stage.serverMajor !== undefined) record.findings = settleStaticClaims(record.findings, result.evidence, { server: stage.serverMajor, target: targetMajor });
    record.findings = settleNotNullClaims(record.findings, result.evidence, targetMajor);
    record.findings = confirmHeldLocks(record.findings, result.locks);
    Object.assign(record, { apply: result.apply, rollback: result.rollback, locks: result.locks });
  }
  const inSet = new Set(set.discovery.migrations.map((migration) => migration.path));
  for (const extra of stage.extraFiles) {
    const { after, ...row } = extra;
    // Each row belongs to one set: the one holding the migration it follows, or the failed merged migration.
    const belongs = after === undefined ? inSet.has(row.path) : records.get(after) !== undefined;
    if (!belongs) continue;
    const existing = records.get(row.path);
    if (existing) existing.findings.push(...row.findings);
    else records.add({ ...row, findings: [...row.findings] }, after);
  }
}

/**
 * An enum value used before its transaction commits fails with 55P04 where
 * enum-add-value-in-transaction already points, saying which value, where it was added and the
 * runner's way out: that finding stays (it is the same in `lint`), the database's is dropped, unless
 * the static one is set to a lower severity.
 */
function foretold(staticFindings: readonly Finding[], finding: Finding): boolean {
  if (finding.rule !== 'apply-failed' || !finding.message.includes('(SQLSTATE 55P04)')) return false;
  const samePlace = (f: Finding): boolean => f.line === finding.line || (f.statement !== undefined && f.statement === finding.statement);
  return staticFindings.some((f) => f.rule === 'enum-add-value-in-transaction' && samePlace(f) && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[finding.severity]);
}

/**
 * Adds findings to their file's record; a finding about a file that is not a checked migration (a
 * Drizzle journal, a renamed or deleted file, an unrecognised .sql file) gets a record of its own.
 */
function attachFindings(records: MigrationRecords, findings: readonly Finding[], statusOf: (path: string) => MigrationStatus): void {
  for (const finding of findings) records.ensure(finding.path, () => statusOf(finding.path)).findings.push(finding);
}

function statusOfOtherFile(set: MigrationSet, path: string): MigrationStatus {
  if (!set.changes) return 'new';
  if (set.changes.added.includes(path)) return 'new';
  // A renamed merged migration is a change to history, like an edit.
  if (set.changes.modified.includes(path) || set.changes.renamed.some((r) => r.to === path)) return 'modified';
  if (set.changes.deleted.includes(path)) return 'deleted';
  return 'base';
}

export async function discoverSets(options: GateOptions): Promise<MigrationSet[]> {
  const setting = options.dir ?? migrationsSetting(options);
  if (!options.base && options.log && !(await insideGitRepository(options.cwd))) {
    options.log('not in a git repository, so there is no base to compare with: every migration is checked as new');
  }
  const targets = await resolveMigrationsSetting(setting, options.cwd);
  if (targets.length === 0) throw new UsageError(`${setting}: no migrations directory matches; check \`migrations\` in the config or --dir`);
  const sets: MigrationSet[] = [];
  for (const target of targets) {
    const discovery = await discoverMigrations(target.dir, {
      cwd: options.cwd,
      ...discoveryOptions(options.config),
      ...(target.include ? { include: target.include } : {}),
    });
    const changes = options.base ? await changedMigrationFiles({ base: options.base, dir: target.dir, cwd: options.cwd }) : undefined;
    sets.push(classify(discovery, changes));
  }
  return sets;
}

async function insideGitRepository(cwd: string): Promise<boolean> {
  try {
    return (await runGit(cwd, ['rev-parse', '--is-inside-work-tree'], { allowFailure: true })).exitCode === 0;
  } catch {
    // No git at all: certainly no repository to compare with.
    return false;
  }
}

/**
 * The config's `migrations`, or, when it is the default and no such directory exists, the one
 * directory a supported tool writes by default (Prisma's, Drizzle's, ...).
 */
function migrationsSetting(options: GateOptions): string {
  const setting = options.config.migrations;
  if (setting !== defaultConfig().migrations || existsSync(join(options.cwd, setting))) return setting;
  const found = findMigrationsDirectory(options.cwd);
  options.log?.(found.notice);
  return found.dir;
}

function classify(discovery: DiscoveryResult, changes: GitChanges | undefined): MigrationSet {
  if (!changes) {
    return { discovery, changes, checked: discovery.migrations.map((migration) => ({ migration, status: 'new' })), merged: [], deleted: [], deploysTogether: false };
  }
  const added = new Set(changes.added);
  // A renamed merged migration is history changed, not a new migration: `migration-modified` says so
  // once. Its SQL is checked again only when the rename also changed it (git's similarity below 100).
  const renamedAndEdited = new Set(changes.changes.filter((change) => change.status === 'renamed' && change.similarity !== 100).map((change) => change.path));
  const modified = new Set([...changes.modified, ...renamedAndEdited]);
  const checked: MigrationSet['checked'] = [];
  const merged: Migration[] = [];
  for (const migration of discovery.migrations) {
    if (added.has(migration.path)) checked.push({ migration, status: 'new' });
    else if (modified.has(migration.path)) checked.push({ migration, status: 'modified' });
    else merged.push(migration);
  }
  const migrationPaths = new Set(discovery.migrations.map((m) => m.path));
  const deleted = changes.deleted.filter((path) => path.endsWith('.sql') && !migrationPaths.has(path));
  return { discovery, changes, checked, merged, deleted, deploysTogether: true };
}
