// The role a pull request's migrations run as. A migration is the pull request's SQL, and a superuser
// can run programs on the database server (COPY ... PROGRAM), read its files, ALTER SYSTEM and create
// roles that outlive the run. So when the URL's user (or the temporary server's) is a superuser, the
// gate creates a role of its own for the run: LOGIN, no SUPERUSER, CREATEDB, REPLICATION or BYPASSRLS,
// CREATEROLE only from PostgreSQL 16 (before 16 a CREATEROLE role can grant itself
// pg_execute_server_program). It owns the scratch databases, so the migrations can do what a
// database owner does, trusted extensions included (PostgreSQL 13+), and it logs in itself: SET ROLE
// would leave `RESET ROLE` to the migration. The role is dropped at the end of the run; one a killed
// run left is swept by the next run on the same host, as scratch databases are (scratch-owner.ts).
// Config `database.superuser: true` opts out, for histories that need a superuser.

import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { withConnection, type ConnectOptions } from './connect.js';
import { isAbandoned, ownerTag } from './scratch-owner.js';

export const MIGRATOR_ROLE_PREFIX = 'pgmg_migrator_';

/**
 * On the temporary server the role has one name and is never dropped: the cluster is the run's own
 * and goes with it, or is saved as a cached base (base-cache.ts) whose objects the role owns, so the
 * next run must find the same role there. Only its password changes, to this run's.
 */
export const TEMPORARY_SERVER_ROLE = 'pgmg_migrator';

/** CREATEROLE stopped implying the power to grant any role (pg_execute_server_program included) in 16. */
const SAFE_CREATEROLE_VERSION = 160000;

export interface MigratorRole {
  name: string;
  /** The admin URL with this role's credentials, pointed at `database`. */
  urlFor(adminUrlOfDatabase: string): string;
}

export interface AdminIdentity {
  user: string;
  superuser: boolean;
  serverVersionNum: number;
}

export async function readAdminIdentity(adminUrl: string, options: ConnectOptions): Promise<AdminIdentity> {
  return withConnection(
    adminUrl,
    async (admin) => {
      const { rows } = await admin.query<{ user: string; superuser: boolean; version: string }>(
        "SELECT current_user AS user, rolsuper AS superuser, current_setting('server_version_num') AS version FROM pg_roles WHERE rolname = current_user",
      );
      const row = rows[0];
      return { user: row?.user ?? '', superuser: row?.superuser === true, serverVersionNum: Number(row?.version ?? 0) };
    },
    options,
  );
}

/**
 * Creates the run's role (after sweeping what killed runs left on this server); with `fixedName`
 * (the temporary server), takes the role of that name when it exists and gives it this run's password.
 */
export async function createMigratorRole(adminUrl: string, options: ConnectOptions, serverVersionNum: number, fixedName?: string): Promise<MigratorRole> {
  if (fixedName === undefined) await sweepAbandonedRoles(adminUrl, options);
  const name = fixedName ?? `${MIGRATOR_ROLE_PREFIX}${ownerTag()}_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(24).toString('hex');
  const createRole = serverVersionNum >= SAFE_CREATEROLE_VERSION ? 'CREATEROLE' : 'NOCREATEROLE';
  await withConnection(
    adminUrl,
    async (admin) => {
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB ${createRole} NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`;
      const exists = fixedName !== undefined && (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;
      await admin.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${admin.escapeIdentifier(name)} ${exists ? 'WITH ' : ''}${attributes}`);
    },
    options,
  );
  return {
    name,
    urlFor(adminUrlOfDatabase: string): string {
      const url = new URL(adminUrlOfDatabase);
      url.username = encodeURIComponent(name);
      url.password = password;
      return url.href;
    },
  };
}

/**
 * Drops the run's role. Roles it created (CREATEROLE, 16+) are dropped by run-roles.ts; objects it
 * owns live only in scratch databases, dropped before this.
 */
export async function dropMigratorRole(adminUrl: string, options: ConnectOptions, role: MigratorRole): Promise<void> {
  await withConnection(adminUrl, async (admin) => dropRole(admin, role.name), options);
}

async function sweepAbandonedRoles(adminUrl: string, options: ConnectOptions): Promise<void> {
  await withConnection(
    adminUrl,
    async (admin) => {
      const { rows } = await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE left(rolname, length($1)) = $1', [MIGRATOR_ROLE_PREFIX]);
      for (const { rolname } of rows) {
        if (!isAbandoned(rolname, MIGRATOR_ROLE_PREFIX)) continue;
        // Still owning something (a scratch database a killed run left, not yet swept): the next run tries again.
        await dropRole(admin, rolname).catch(() => undefined);
      }
    },
    options,
  );
}

async function dropRole(admin: pg.Client, name: string): Promise<void> {
  if (!name.startsWith(MIGRATOR_ROLE_PREFIX)) throw new Error(`refusing to drop "${name}": only roles named ${MIGRATOR_ROLE_PREFIX}* are dropped`);
  await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(name)}`);
}

/**
 * What setup and a baseline made in the base database as the admin user, handed to the run's role,
 * so that the migrations can alter it as they do on the platform, where the migrating user owns the
 * schema it migrates: schemas, tables, views, sequences, types and functions outside the system
 * schemas that the admin user owns, except the members of extensions (those stay the extension's).
 */
export async function handOverToMigrator(client: pg.Client, role: MigratorRole): Promise<void> {
  await client.query(HAND_OVER_SQL.replaceAll('$role', client.escapeLiteral(role.name)));
}

const HAND_OVER_SQL = `
DO $hand_over$
DECLARE
  target text := $role;
  item record;
BEGIN
  FOR item IN
    SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, target) AS sql
    FROM pg_namespace n
    WHERE n.nspowner = current_user::regrole
      AND n.nspname NOT IN ('information_schema', 'public') AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('ALTER %s %s OWNER TO %I',
                  CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                  c.oid::regclass, target)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relowner = current_user::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
    UNION ALL
    SELECT format('ALTER %s %s OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype, target)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typowner = current_user::regrole
      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      -- Enums, domains, ranges (their multiranges follow) and standalone composite types; not the row types of tables.
      AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, target)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.proowner = current_user::regrole
      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE item.sql;
  END LOOP;
END
$hand_over$`;
