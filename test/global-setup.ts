// vitest globalSetup: one PostgreSQL for the whole test run, started before any test file and
// stopped after the last. With DATABASE_URL set (a CI service container, a developer's server)
// that server is used and nothing is started. Tests read the URL with testDatabaseUrl()
// (test/db/postgres.ts, which also declares the `databaseUrl` key of ProvidedContext) and work in
// scratch databases of their own.

import type { TestProject } from 'vitest/node';
import { startTemporaryServer } from '../src/db/server.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const fromEnvironment = process.env['DATABASE_URL'];
  if (fromEnvironment) {
    project.provide('databaseUrl', fromEnvironment);
    return undefined;
  }
  const server = await startTemporaryServer();
  console.log(
    `started PostgreSQL ${server.version} from ${server.binariesFrom} on port ${server.port} for the tests ` +
      `(in ${server.directory}${server.account ? `, as user ${server.account.name}` : ''})`,
  );
  project.provide('databaseUrl', server.url);
  return () => server.stop();
}
