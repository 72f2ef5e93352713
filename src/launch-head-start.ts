// The launchers' head start on initdb: the CLI's entry (cli-main.ts) and the action's (index.ts)
// start it before they import the rest. `check` with no database URL starts a temporary server, and
// on a fresh machine (an empty cache, or --no-cache; the action's default, cache: false) that server
// needs a fresh cluster: initdb, ~0.6 s. Started here, initdb runs while the bundle compiles, the
// config is read and git runs, instead of after them (gate.ts could start it ~0.3 s later at best;
// the action's bundle takes longer still to load).
//
// What only the config says (postgres-version, database.superuser) is not known yet: the head start
// is made for the defaults (the action's postgres-version input when given), and runGate discards one
// that does not suit the config and decides again (gate.ts). Everything else is the head start's own
// rule (db/initdb-head-start.ts): only the reservation when the cache holds an entry, none when the
// server's account would have to be created; a reservation that fails is made again by the server
// start, which says why. The reading here is lenient on purpose: a command line the CLI then refuses
// gets its usage error, and the head start is stopped (cli.ts runCli, index.ts).

import { parseArgs } from 'node:util';
import { OPTIONS } from './cli-options.js';
import { DEFAULT_POSTGRES_VERSION } from './config/postgres-version.js';
import type { InitdbHeadStart } from './db/initdb-head-start.js';
import { INPUTS, inputFromEnvironment, TRUE_WORDS } from './github/input-names.js';

/** What a head start is made for: whether the run may use the cache, and the major it prefers. */
export interface HeadStartWanted {
  cache: boolean;
  preferMajor: number;
}

/** Whether these arguments are a `check` on a temporary server, and whether it may use the cache. */
export function checkOnTemporaryServer(argv: readonly string[], env: NodeJS.ProcessEnv): HeadStartWanted | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false });
  } catch {
    return undefined;
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'check' || values.help || values.version) return undefined;
  // As cli.ts reads them: --database-url, else DATABASE_URL; an empty value is none.
  if (values['database-url'] || env['DATABASE_URL']) return undefined;
  return { cache: values['no-cache'] !== true, preferMajor: DEFAULT_POSTGRES_VERSION };
}

/**
 * Whether the action's inputs ask for a check on a temporary server: no `database-url` and no
 * `target-database-url` (the deploy gate replays on a server of its own only for schema-drift, later).
 */
export function actionOnTemporaryServer(env: NodeJS.ProcessEnv): HeadStartWanted | undefined {
  if (inputFromEnvironment(env, INPUTS.databaseUrl) !== '' || inputFromEnvironment(env, INPUTS.targetDatabaseUrl) !== '') return undefined;
  const major = Number(inputFromEnvironment(env, INPUTS.postgresVersion));
  return {
    cache: TRUE_WORDS.includes(inputFromEnvironment(env, INPUTS.cache)),
    preferMajor: Number.isInteger(major) && major > 0 ? major : DEFAULT_POSTGRES_VERSION,
  };
}

/** The temporary server reserved (and initdb started, when it will need one) for the run these arguments ask for; undefined otherwise. */
export function startCliHeadStart(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<InitdbHeadStart | undefined> {
  return startHeadStart(checkOnTemporaryServer(argv, env));
}

/** initdb started for the action's run, when its inputs ask for a temporary server that needs one. */
export function startActionHeadStart(env: NodeJS.ProcessEnv): Promise<InitdbHeadStart | undefined> {
  return startHeadStart(actionOnTemporaryServer(env));
}

async function startHeadStart(wanted: HeadStartWanted | undefined): Promise<InitdbHeadStart | undefined> {
  if (!wanted) return undefined;
  try {
    const { startInitdbBeforeCompiling } = await import('./db/initdb-head-start.js');
    return await startInitdbBeforeCompiling(wanted);
  } catch {
    // Whatever stops it here stops the server start too, which says so in its place.
    return undefined;
  }
}
