// The CLI launcher's head start on initdb. `check` with no database URL starts a temporary server,
// and on a fresh machine (an empty cache, or --no-cache) that server needs a fresh cluster: initdb,
// ~0.6 s. Started here, before the CLI's modules load, initdb runs while the bundle compiles, the
// config is read and git runs, instead of after them (gate.ts could start it ~0.3 s later at best).
//
// What only the config says (postgres-version, database.superuser) is not known yet: the head start
// is made for the defaults, and runGate discards one that does not suit the config and decides again
// (gate.ts). Everything else is the head start's own rule (db/initdb-head-start.ts): not when the
// cache holds an entry, not when no server can be reserved. The argument reading here is lenient on
// purpose: a command line the CLI then refuses gets its usage error, and the head start is stopped
// (cli.ts runCli).

import { parseArgs } from 'node:util';
import { OPTIONS } from './cli-options.js';
import { DEFAULT_POSTGRES_VERSION } from './config/postgres-version.js';
import type { InitdbHeadStart } from './db/initdb-head-start.js';

/** Whether these arguments are a `check` on a temporary server, and whether it may use the cache. */
export function checkOnTemporaryServer(argv: readonly string[], env: NodeJS.ProcessEnv): { cache: boolean } | undefined {
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
  return { cache: values['no-cache'] !== true };
}

/** initdb started for the run these arguments ask for, when it will need one; undefined otherwise. */
export async function startCliHeadStart(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<InitdbHeadStart | undefined> {
  const wanted = checkOnTemporaryServer(argv, env);
  if (!wanted) return undefined;
  try {
    const { startInitdbEarly } = await import('./db/initdb-head-start.js');
    return startInitdbEarly({ cache: wanted.cache, preferMajor: DEFAULT_POSTGRES_VERSION });
  } catch {
    // Whatever stops it here stops the server start too, which says so in its place.
    return undefined;
  }
}
