// The PostgreSQL that database tests run against: DATABASE_URL when set, else the server that
// test/global-setup.ts started once for the whole run. Tests never work in the database this URL
// names: they create scratch databases (src/db/scratch.ts) and drop them.

import { inject } from 'vitest';
import { listScratchDatabases, SCRATCH_DATABASE_PREFIX } from '../../src/db/scratch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export function testDatabaseUrl(): string {
  const url = process.env['DATABASE_URL'] || inject('databaseUrl');
  if (!url) {
    throw new Error(
      'no database for tests: set DATABASE_URL, or add test/global-setup.ts to `globalSetup` in vitest.config.ts',
    );
  }
  return url;
}

/**
 * Scratch databases this test process made and has not dropped. Test files run in parallel worker
 * processes against one server; the pid in the name keeps their counts apart.
 */
export async function ownScratchDatabases(url: string): Promise<string[]> {
  const names = await listScratchDatabases(url);
  return names.filter((name) => name.startsWith(`${SCRATCH_DATABASE_PREFIX}${process.pid}_`));
}
