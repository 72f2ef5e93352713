// The key of a saved base: everything the base databases are built from, and nothing else. Per set:
// the bytes, names and runner semantics of the merged migrations before the first checked one (what
// the base replays), whether the set has a base at all; for the run: `database.setup`, the baseline's
// bytes, the session settings the runner sets (`runner.settings`). The server (binaries and initdb
// options) and the gate's version come in through the cluster key (db/data-dir-source.ts).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Migration } from '../discover/index.js';
import type { BaseSqlSource } from '../verify/base-sql.js';

export interface BaseKeySet {
  /** What the set applies, in the runner's order (after the baseline plan). */
  migrations: readonly Migration[];
  checked: ReadonlyMap<string, unknown>;
  baseline?: BaseSqlSource;
}

export interface BaseKeyInput {
  sets: readonly BaseKeySet[];
  setup: readonly BaseSqlSource[];
  runnerSettings?: Readonly<Record<string, string>>;
}

/** The base's digest (hex), or undefined when a file it is built from cannot be read (no caching then). */
export function baseDigest(input: BaseKeyInput): string | undefined {
  const hash = createHash('sha256');
  const field = (name: string, value: string | Buffer): void => {
    // Length-prefixed, so that no two different inputs run together into the same bytes.
    hash.update(`${name}:${Buffer.byteLength(value)}:`);
    hash.update(value);
  };
  field('runner-settings', JSON.stringify(Object.entries(input.runnerSettings ?? {}).sort()));
  for (const source of input.setup) field(`setup ${source.label}`, source.raw);
  try {
    for (const [index, set] of input.sets.entries()) {
      const firstChecked = set.migrations.findIndex((migration) => set.checked.has(migration.path));
      field(`set ${index}`, String(firstChecked));
      if (set.baseline) field('baseline', set.baseline.raw);
      for (const migration of firstChecked < 0 ? [] : set.migrations.slice(0, firstChecked)) {
        const { layout, kind, scope, statementSplit, sections } = migration;
        field('migration', JSON.stringify({ path: migration.path, layout, kind, scope, statementSplit, sections }));
        field('bytes', readFileSync(migration.absolutePath));
      }
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** A saved base's key: its digest on the server whose pristine cluster has `clusterKey`. */
export function baseKey(clusterKey: string, digest: string): string {
  return createHash('sha256').update(`${clusterKey}\n${digest}`).digest('hex').slice(0, 32);
}
