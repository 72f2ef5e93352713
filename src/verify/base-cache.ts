// The database stage's side of the cache (src/cache/): on the temporary server only, the whole
// cluster holding every set's base database is saved after a run that built them, under a key of
// what they were built from (cache/base-key.ts); the next run with the same key starts the server
// from that copy and clones its work databases from the bases there, replaying nothing. Never
// trusted for correctness beyond that: a base is saved only when the run built every base it needed
// and the checked migrations left the server-wide state (roles, ...) as the bases left it.

import type { ConnectOptions } from '../db/connect.js';
import { withConnection } from '../db/connect.js';
import type { ServerCache } from '../db/data-dir-source.js';
import { SCRATCH_DATABASE_PREFIX } from '../db/scratch.js';
import type { TemporaryServer } from '../db/server.js';
import { baseDigest, baseKey, type BaseKeySet } from '../cache/base-key.js';
import type { BaseSqlSource } from './base-sql.js';
import { sharedStateDigest } from '../cache/server-state.js';
import { DataDirCache } from '../cache/store.js';
import type { DatabaseStageSummary } from '../report/report.js';
import type { SetVerification } from './verify-set.js';
import { snapshotFromData, snapshotToData, type SchemaSnapshot } from './snapshot.js';

/** Names of the saved bases, by set: outside the scratch prefix, so that no sweep drops them. */
export const CACHED_BASE_PREFIX = 'pgmg_cached_base_';

export type CacheSummary = NonNullable<DatabaseStageSummary['cache']>;

export interface BaseCacheInput {
  sets: readonly BaseKeySet[];
  setup: readonly BaseSqlSource[];
  runnerSettings?: Readonly<Record<string, string>>;
  log?: (line: string) => void;
}

/** What the temporary server is started with: the store, and the key of this run's bases. */
export function serverCacheFor(input: BaseCacheInput): ServerCache {
  const store = new DataDirCache(input.log ? { log: input.log } : {});
  const digest = baseDigest(input);
  return { store, ...(digest ? { stateKey: (clusterKey: string) => baseKey(clusterKey, digest) } : {}) };
}

/** The cached base of each set the server came with, when it is really there; undefined where none. */
export async function cachedBases(server: TemporaryServer, connect: ConnectOptions): Promise<Array<string | undefined>> {
  const listed = server.cachedDatabases ?? [];
  if (listed.every((name) => name === null)) return [];
  const present = await withConnection(server.url, async (client) => new Set((await client.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((row) => row.datname)), connect);
  return listed.map((name) => (name !== null && present.has(name) ? name : undefined));
}

/** What is saved with the bases: each set's schema snapshot of its base (null: none read). */
interface BaseAttachment {
  snapshots: Array<unknown[] | null>;
}

/** The schema snapshot saved with each set's cached base, where one was saved and is intact. */
export function cachedBaseSnapshots(server: TemporaryServer): Array<SchemaSnapshot | undefined> {
  const attachment = server.cachedAttachment as Partial<BaseAttachment> | undefined;
  const snapshots = Array.isArray(attachment?.snapshots) ? attachment.snapshots : [];
  return snapshots.map((data) => (data === null ? undefined : snapshotFromData(data)));
}

/** Tracks the server-wide state from the first base on, and saves the bases at the end when it may. */
export class BaseSaver {
  private sharedBefore: string | undefined;

  constructor(
    private readonly server: TemporaryServer,
    private readonly connect: ConnectOptions,
  ) {}

  /** For verifySet's afterBase: the server-wide state once the first base is ready. */
  readonly afterBase = async (): Promise<void> => {
    this.sharedBefore ??= await this.sharedState();
  };

  /** Renames the bases, stops the server cleanly and saves it; the cache status for the report. */
  async save(verified: readonly SetVerification[]): Promise<CacheSummary> {
    if (verified.some((set) => set.migrations.some((migration) => migration.history))) {
      return { base: 'not-saved', reason: 'the merged migrations do not apply' };
    }
    if (this.sharedBefore !== undefined && (await this.sharedState()) !== this.sharedBefore) {
      return { base: 'not-saved', reason: 'the checked migrations changed roles or other server-wide state, which the saved base would keep' };
    }
    const names = verified.map((set, index) => (set.baseDatabase ? `${CACHED_BASE_PREFIX}${index}` : null));
    await withConnection(
      this.server.url,
      async (client) => {
        for (const [index, set] of verified.entries()) {
          if (set.baseDatabase) await client.query(`ALTER DATABASE ${client.escapeIdentifier(set.baseDatabase)} RENAME TO ${client.escapeIdentifier(names[index]!)}`);
        }
      },
      this.connect,
    );
    const attachment: BaseAttachment = { snapshots: verified.map((set) => (set.baseSnapshot ? snapshotToData(set.baseSnapshot) : null)) };
    const saved = await this.server.saveState!(names, attachment);
    return saved ? { base: 'saved' } : { base: 'not-saved', reason: 'the server did not shut down cleanly in time, or the cache directory could not be written' };
  }

  private sharedState(): Promise<string> {
    return sharedStateDigest(this.server.url, this.connect, (name) => name.startsWith(SCRATCH_DATABASE_PREFIX));
  }
}
