// Where the temporary server's data directory comes from. With a cache: a saved state (a cluster
// holding a base database, keyed by the stage) when there is one, else the pristine cluster of these
// binaries and initdb options, else initdb, whose fresh cluster is then saved for the next run.
// initdb is most of a cold start (about 1.5-2 s against 0.1 s for a copy of its result).

import { createHash } from 'node:crypto';
import { realpathSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CACHE_FORMAT, type CacheEntry, type DataDirCache, type EntryKind } from '../cache/store.js';
import { VERSION } from '../version.js';
import type { PostgresBinaries } from './binaries.js';
import { initdb, initdbOptions, type InitdbRequest } from './initdb.js';

export interface ServerCache {
  store: DataDirCache;
  /** The key of a saved state to start from, given the key of these binaries' pristine cluster. */
  stateKey?: (clusterKey: string) => string;
}

export type DataDirOrigin = 'initdb' | 'cached-cluster' | 'cached-state';

export interface PreparedDataDir {
  origin: DataDirOrigin;
  /** The superuser's password the data directory has. */
  password: string;
  clusterKey: string;
  stateKey?: string;
  /** The entry it was copied from. */
  entry?: CacheEntry;
}

/** Identifies the pristine cluster: the same binaries (by place, size and time) and initdb options give the same one. */
export function clusterKeyOf(binaries: PostgresBinaries, superuser: string, uid: number | undefined): string {
  const fingerprint = (program: string): string => {
    const file = path.join(binaries.binDir, program);
    const stat = statSync(file);
    return `${realpathSync(file)}:${stat.size}:${stat.mtimeMs}`;
  };
  const identity = [CACHE_FORMAT, VERSION, process.platform, process.arch, fingerprint('postgres'), fingerprint('initdb'), superuser, uid ?? '-', ...initdbOptions(binaries.major)];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}

/**
 * `running`: an initdb into `dataDir` started earlier (initdb-head-start.ts), started only when the
 * cache held nothing: it is awaited instead of looking in the cache, and its cluster saved as usual.
 */
export async function prepareDataDir(request: InitdbRequest & { cache: ServerCache | undefined; candidate: PostgresBinaries; running?: Promise<void> }): Promise<PreparedDataDir> {
  const { cache, candidate, account, dataDir, running } = request;
  const withMajor = candidate.major === undefined ? request : { ...request, major: candidate.major };
  if (!cache) {
    await (running ?? initdb(withMajor));
    return { origin: 'initdb', password: request.password, clusterKey: '' };
  }
  const clusterKey = clusterKeyOf(candidate, request.superuser, account?.uid);
  const stateKey = cache.stateKey?.(clusterKey);
  if (running) {
    await running;
    return savedFresh(clusterKey);
  }
  const owner = account && { uid: account.uid, gid: account.gid };
  const tryEntry = async (kind: EntryKind, key: string, origin: DataDirOrigin): Promise<PreparedDataDir | undefined> => {
    const entry = cache.store.lookup(kind, key);
    if (!entry) return undefined;
    let restored: boolean;
    try {
      restored = await cache.store.restore(entry, dataDir, owner);
    } catch {
      // Removed under us by another run's eviction: start the way a miss does.
      restored = false;
    }
    if (!restored) {
      rmSync(dataDir, { recursive: true, force: true });
      return undefined;
    }
    return { origin, password: entry.manifest.password, clusterKey, ...(stateKey ? { stateKey } : {}), entry };
  };
  const found = (stateKey ? await tryEntry('bases', stateKey, 'cached-state') : undefined) ?? (await tryEntry('clusters', clusterKey, 'cached-cluster'));
  if (found) return found;
  await initdb(withMajor);
  return savedFresh(clusterKey);

  /** initdb's cluster, saved before the server first writes into it; a failure to save costs only the next run's initdb. */
  function savedFresh(key: string): PreparedDataDir {
    try {
      cache?.store.publish('clusters', key, dataDir, { password: request.password }, false);
    } catch {
      // A full or read-only cache directory: the run goes on without it.
    }
    return { origin: 'initdb', password: request.password, clusterKey: key, ...(stateKey ? { stateKey } : {}) };
  }
}
