// The part of a server's state that lives outside any one database: roles and their memberships and
// settings, tablespaces, databases' own properties, comments and labels on them, parameter grants,
// subscriptions and ALTER SYSTEM's file. A saved base is the whole cluster, so it may be saved only
// when the checked migrations left all of this as the base left it: a `CREATE ROLE` of a new
// migration must not be in the next run's base.

import type { ConnectOptions } from '../db/connect.js';
import { withConnection } from '../db/connect.js';

/** One query per shared catalog; the columns a migration can change, never transaction ids. */
const SHARED_STATE: ReadonlyArray<{ catalog: string; rows: string; since?: number }> = [
  { catalog: 'pg_authid', rows: 'SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil FROM pg_authid' },
  { catalog: 'pg_auth_members', rows: 'SELECT roleid::regrole::text, member::regrole::text, admin_option FROM pg_auth_members' },
  { catalog: 'pg_db_role_setting', rows: 'SELECT setdatabase, setrole, setconfig FROM pg_db_role_setting' },
  { catalog: 'pg_tablespace', rows: 'SELECT spcname, spcacl, spcoptions FROM pg_tablespace' },
  { catalog: 'pg_database', rows: 'SELECT datname, datdba, encoding, datistemplate, datallowconn, datconnlimit, datacl FROM pg_database' },
  { catalog: 'pg_shdescription', rows: 'SELECT objoid, classoid, description FROM pg_shdescription' },
  { catalog: 'pg_shseclabel', rows: 'SELECT objoid, classoid, provider, label FROM pg_shseclabel' },
  { catalog: 'pg_subscription', rows: 'SELECT subname FROM pg_subscription' },
  { catalog: 'pg_replication_origin', rows: 'SELECT roname FROM pg_replication_origin' },
  { catalog: 'pg_parameter_acl', rows: 'SELECT parname, paracl FROM pg_parameter_acl', since: 150000 },
  { catalog: 'postgresql.auto.conf', rows: "SELECT pg_read_file('postgresql.auto.conf') AS text" },
];

/** A digest of the shared state; equal digests, same state. `ignoreDatabases`: names that come and go (scratch work databases). */
export async function sharedStateDigest(adminUrl: string, options: ConnectOptions, ignoreDatabases: (name: string) => boolean): Promise<string> {
  return withConnection(
    adminUrl,
    async (client) => {
      const version = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]?.v ?? 0);
      const parts: string[] = [];
      for (const { catalog, rows, since } of SHARED_STATE) {
        if (since !== undefined && version < since) continue;
        const { rows: found } = await client.query<Record<string, unknown>>(rows);
        const lines = found.filter((row) => catalog !== 'pg_database' || !ignoreDatabases(String(row['datname']))).map((row) => JSON.stringify(row));
        parts.push(`${catalog}:${lines.sort().join('|')}`);
      }
      return parts.join('\n');
    },
    options,
  );
}
