// Scratch databases: every run applies migrations in databases it creates under unique names and
// drops afterwards, also when the work fails. The database the URL names is only an entry point:
// the admin connection runs CREATE DATABASE and DROP DATABASE there, plus read-only catalog
// queries (server version, pg_database, pg_stat_activity) and pg_terminate_backend for sessions
// on scratch databases; never a migration and never a change to that database.

import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { type ConnectOptions, withConnection } from './connect.js';
import { ScratchDatabaseError } from './errors.js';
import { trackScratch, untrackScratch, type TrackedScratch } from './scratch-cleanup.js';
import { isAbandoned, ownerTag } from './scratch-owner.js';
import { redactUrl, withDatabase } from './url.js';

/** Every scratch database's name starts with this; nothing without it is ever dropped. */
export const SCRATCH_DATABASE_PREFIX = 'pgmg_scratch_';

/** DROP DATABASE ... WITH (FORCE) exists from PostgreSQL 13. */
const FORCE_DROP_VERSION = 130000;

export interface ScratchOptions extends ConnectOptions {
  /**
   * Database to copy (CREATE DATABASE ... TEMPLATE), e.g. a scratch database holding the base
   * migrations, so that each verification starts from it instead of replaying the history. Default:
   * PostgreSQL's own default, template1.
   */
  template?: string;
  /** Role to own the database (CREATE DATABASE ... OWNER): the run's migrator role (migrator-role.ts). */
  owner?: string;
  /**
   * Copy the template's files (CREATE DATABASE ... STRATEGY FILE_COPY, PostgreSQL 15+) instead of
   * the default WAL_LOG, which writes every block of the template through the WAL: on a base of a
   * long history (30 MB of catalogs after 800 migrations) that is 300 ms against 75 ms, and even
   * an empty database from template1 (7.5 MB) takes 40 ms against 15 ms. FILE_COPY forces a
   * checkpoint before and after, cheap on the temporary server (fsync off) and a load on a server
   * others use, so only the temporary server asks for it.
   */
  fileCopy?: boolean;
}

export interface ScratchDatabase {
  name: string;
  /** The admin URL pointed at this database. */
  url: string;
  /** Drops it; safe to call more than once. */
  drop(): Promise<void>;
  /** Leaves it, and no interrupt drops it any more: its temporary server is about to be removed with it. */
  leave(): void;
}

/**
 * `pgmg_scratch_<pid>_<host>_<start>_<8 hex>`: unique across parallel runs, and the owner part tells
 * which process on which host made it (scratch-owner.ts), so that what a killed run left can be swept.
 */
export function scratchDatabaseName(): string {
  return `${SCRATCH_DATABASE_PREFIX}${ownerTag()}_${randomBytes(4).toString('hex')}`;
}

/** Servers (admin URLs) this process has swept already: once per run is enough. */
const swept = new Set<string>();

export async function createScratchDatabase(adminUrl: string, options: ScratchOptions = {}): Promise<ScratchDatabase> {
  if (!swept.has(adminUrl)) {
    swept.add(adminUrl);
    await sweepAbandoned(adminUrl, options);
  }
  const name = scratchDatabaseName();
  const { template, owner } = options;
  let dropped: Promise<void> | undefined;
  let created: Promise<void> = Promise.resolve();
  const tracked: TrackedScratch = {
    adminUrl,
    name,
    options,
    // After the CREATE has ended either way: a DROP sent while it runs finds nothing, and the
    // database it then commits would be left behind.
    drop: () => (dropped ??= created.catch(() => undefined).then(() => dropScratchDatabase(adminUrl, name, options)).finally(() => untrackScratch(tracked))),
  };
  // Tracked before the CREATE is sent: an interrupt while the server creates it drops it too.
  trackScratch(tracked);
  created = withConnection(
    adminUrl,
    async (admin) => {
      // CREATE DATABASE ... TEMPLATE fails while anyone else is connected to the template. The
      // gate's own sessions on a scratch template are ended here; sessions on a database the gate
      // did not create are never touched, and the error says to close them.
      if (template?.startsWith(SCRATCH_DATABASE_PREFIX)) await terminateSessions(admin, template);
      const clause =
        (owner === undefined ? '' : ` OWNER ${admin.escapeIdentifier(owner)}`) +
        (template === undefined ? '' : ` TEMPLATE ${admin.escapeIdentifier(template)}`) +
        (options.fileCopy ? ' STRATEGY FILE_COPY' : '');
      try {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}${clause}`);
      } catch (error) {
        throw scratchError(`could not create scratch database "${name}"`, adminUrl, error, template);
      }
    },
    options,
  );
  try {
    await created;
  } catch (error) {
    untrackScratch(tracked);
    throw error;
  }
  return { name, url: withDatabase(adminUrl, name), drop: tracked.drop, leave: () => untrackScratch(tracked) };
}

/**
 * Drops the scratch databases that runs killed outright (SIGKILL, a lost machine) left on this
 * server: only those whose name says this host made them and whose process is gone. A drop that
 * fails (another user's database, a session still in it) is left for the next run.
 */
export async function sweepAbandoned(adminUrl: string, options: ConnectOptions = {}): Promise<string[]> {
  const abandoned = (await listScratchDatabases(adminUrl, options)).filter((name) => isAbandoned(name, SCRATCH_DATABASE_PREFIX));
  const dropped: string[] = [];
  for (const name of abandoned) {
    try {
      await dropScratchDatabase(adminUrl, name, options);
      dropped.push(name);
    } catch {
      // Not ours to insist on: the next run tries again.
    }
  }
  return dropped;
}

export async function dropScratchDatabase(adminUrl: string, name: string, options: ConnectOptions = {}): Promise<void> {
  if (!name.startsWith(SCRATCH_DATABASE_PREFIX)) {
    throw new ScratchDatabaseError(`refusing to drop "${name}": only databases named ${SCRATCH_DATABASE_PREFIX}* are dropped`);
  }
  await withConnection(
    adminUrl,
    async (admin) => {
      const identifier = admin.escapeIdentifier(name);
      try {
        if ((await serverVersionNumber(admin)) >= FORCE_DROP_VERSION) {
          await admin.query(`DROP DATABASE IF EXISTS ${identifier} WITH (FORCE)`);
        } else {
          // DROP DATABASE waits up to 5 seconds for terminated sessions to go.
          await terminateSessions(admin, name);
          await admin.query(`DROP DATABASE IF EXISTS ${identifier}`);
        }
      } catch (error) {
        throw scratchError(`could not drop scratch database "${name}"`, adminUrl, error);
      }
    },
    options,
  );
}

/**
 * Creates a scratch database, runs `work` in it, and drops it whatever happens. When the work fails,
 * its error is the one thrown: a failed drop then leaves a database that listScratchDatabases shows.
 */
export async function withScratchDatabase<T>(
  adminUrl: string,
  work: (database: ScratchDatabase) => Promise<T>,
  options: ScratchOptions = {},
): Promise<T> {
  const database = await createScratchDatabase(adminUrl, options);
  let result: T;
  try {
    result = await work(database);
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
  await database.drop();
  return result;
}

/** Names of the scratch databases on the server, e.g. ones left by a run that was killed. */
export async function listScratchDatabases(adminUrl: string, options: ConnectOptions = {}): Promise<string[]> {
  return withConnection(
    adminUrl,
    async (admin) => {
      const { rows } = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1 ORDER BY datname',
        [SCRATCH_DATABASE_PREFIX],
      );
      return rows.map((row) => row.datname);
    },
    options,
  );
}

async function terminateSessions(admin: pg.Client, database: string): Promise<void> {
  await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
}

async function serverVersionNumber(admin: pg.Client): Promise<number> {
  const { rows } = await admin.query<{ server_version_num: string }>('SHOW server_version_num');
  return Number(rows[0]?.server_version_num ?? 0);
}

function scratchError(what: string, adminUrl: string, error: unknown, template?: string): ScratchDatabaseError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const target = redactUrl(adminUrl);
  const remedy =
    code === '42501'
      ? 'give the user in the database URL the CREATEDB privilege (ALTER ROLE ... CREATEDB) or use a superuser'
      : code === '55006' && template !== undefined
        ? `close the other sessions connected to "${template}" first`
        : code === '3D000' && template !== undefined
          ? `check that the template database "${template}" exists`
          : 'check the server and the privileges of the user in the database URL';
  return new ScratchDatabaseError(`${what} on ${target}: ${message}; ${remedy}`, { cause: error });
}
