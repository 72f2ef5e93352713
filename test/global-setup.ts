// vitest globalSetup: one PostgreSQL for the whole test run, started before any test file and
// stopped after the last. With DATABASE_URL set (a CI service container, a developer's server)
// that server is used and nothing is started. Tests read the URL with testDatabaseUrl()
// (test/db/postgres.ts, which also declares the `databaseUrl` key of ProvidedContext) and work in
// scratch databases of their own.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTemporaryServer } from '../src/db/server.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // The gate's cache (clusters, base databases) goes to a directory of this test run, never the
  // user's: the test workers inherit the variable, and the directory goes with the run.
  const cache = mkdtempSync(path.join(tmpdir(), 'pgmg-test-cache-'));
  process.env['XDG_CACHE_HOME'] = cache;
  const removeCache = (): void => rmSync(cache, { recursive: true, force: true });
  const fromEnvironment = process.env['DATABASE_URL'];
  if (fromEnvironment) {
    project.provide('databaseUrl', fromEnvironment);
    return async () => removeCache();
  }
  const server = await startTemporaryServer();
  console.log(
    `started PostgreSQL ${server.version} from ${server.binariesFrom} on port ${server.port} for the tests ` +
      `(in ${server.directory}${server.account ? `, as user ${server.account.name}` : ''})`,
  );
  project.provide('databaseUrl', server.url);
  return async () => {
    await server.stop();
    removeCache();
  };
}
