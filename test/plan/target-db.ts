// A target database for `plan` tests: a scratch database on the test server, set up as a runner
// left it, plus least-privilege roles that exist only for the test (roles are cluster-wide, so each
// has a unique name and is dropped afterwards).

import { randomBytes } from 'node:crypto';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch.js';
import { withConnection } from '../../src/db/connect.js';
import { testDatabaseUrl } from '../db/postgres.js';

export interface TargetDb extends ScratchDatabase {
  /** Runs SQL as the admin in the target. */
  exec(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** A role that can log in with a password, granted `grants` (run in the target as admin, `{{role}}` replaced). */
  role(grants: string[]): Promise<{ name: string; url: string }>;
  cleanup(): Promise<void>;
}

export async function createTargetDb(): Promise<TargetDb> {
  const admin = testDatabaseUrl();
  const scratch = await createScratchDatabase(admin);
  const roles: string[] = [];
  const exec = (sql: string, params: unknown[] = []) => withConnection(scratch.url, async (client) => (await client.query(sql, params)).rows as Array<Record<string, unknown>>);
  return {
    ...scratch,
    exec,
    async role(grants) {
      const name = `pgmg_plan_${randomBytes(4).toString('hex')}`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      await exec(`CREATE ROLE ${name} LOGIN PASSWORD '${password}'`);
      roles.push(name);
      for (const grant of grants) await exec(grant.replaceAll('{{role}}', name));
      const url = new URL(scratch.url);
      url.username = name;
      url.password = password;
      return { name, url: url.href };
    },
    async cleanup() {
      await scratch.drop();
      for (const name of roles) await withConnection(admin, (client) => client.query(`DROP ROLE IF EXISTS ${name}`));
    },
  };
}
