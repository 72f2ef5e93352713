// Where the gate keeps what outlives a run (server binaries, cached clusters and bases, validated
// configs): `$XDG_CACHE_HOME/pg-migration-gate`, else `~/.cache/pg-migration-gate`. A module of its
// own so that the config loader can name it without loading the binaries' search.

import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export function cacheRoot(): string {
  const xdg = process.env['XDG_CACHE_HOME'];
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache'), 'pg-migration-gate');
}

/**
 * `mkdir -p` made one level at a time. Node's own recursive mkdir never returns where mkdir answers
 * ENOENT under a parent that exists (a cache root under /proc, say; measured on Node 20 and 24), and
 * a cache write must fail there, not hang the run. Throws what the first failing level throws.
 */
export function makeDirectories(directory: string, mode = 0o700): void {
  const missing: string[] = [];
  for (let at = path.resolve(directory); !existsSync(at) && path.dirname(at) !== at; at = path.dirname(at)) missing.unshift(at);
  for (const level of missing) {
    try {
      mkdirSync(level, { mode });
    } catch (error) {
      // Another run made it between the check and here: that is what was asked for.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
