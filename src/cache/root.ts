// Where the gate keeps what outlives a run (server binaries, cached clusters and bases, validated
// configs): `$XDG_CACHE_HOME/pg-migration-gate`, else `~/.cache/pg-migration-gate`. A module of its
// own so that the config loader can name it without loading the binaries' search.

import { homedir } from 'node:os';
import path from 'node:path';

export function cacheRoot(): string {
  const xdg = process.env['XDG_CACHE_HOME'];
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache'), 'pg-migration-gate');
}
