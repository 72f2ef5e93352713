// The temporary server's environment: a PR's migration that runs `COPY ... FROM PROGRAM 'env'`
// (possible for a superuser) must see nothing of the gate's environment: no token, no secret.

import { afterEach, describe, expect, it } from 'vitest';
import { withConnection } from '../../src/db/connect.js';
import { SERVER_PATH } from '../../src/db/runnable-binaries.js';
import { startTemporaryServer } from '../../src/db/server.js';

const SECRET = 'ghs_pgmgTestSecretValue1234567890';
const planted = ['INPUT_GITHUB-TOKEN', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'PGPASSWORD', 'LD_PRELOAD_NOT_REALLY'];

afterEach(() => {
  for (const name of planted) delete process.env[name];
});

describe("the temporary server's environment", () => {
  it("holds only PATH, the locale, TZ and the account's HOME: a migration's COPY FROM PROGRAM 'env' reads no secret", async () => {
    for (const name of planted) process.env[name] = SECRET;
    const server = await startTemporaryServer();
    try {
      const lines = await withConnection(server.url, async (client) => {
        await client.query('CREATE TABLE env_dump (line text)');
        await client.query("COPY env_dump FROM PROGRAM 'env'");
        return (await client.query<{ line: string }>('SELECT line FROM env_dump')).rows.map((row) => row.line);
      });
      expect(lines.join('\n')).not.toContain(SECRET);
      const variables = new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
      // What we give (the postmaster replaces LC_ALL by the LC_* of the database, and adds
      // PGSYSCONFDIR and PWD itself): nothing else of this process's environment.
      const ours = ['HOME', 'LANG', 'PATH', 'TZ'];
      const postmasters = (name: string) => /^LC_[A-Z]+$/.test(name) || name === 'PGSYSCONFDIR' || name === 'PWD';
      expect([...variables.keys()].filter((name) => !ours.includes(name) && !postmasters(name))).toEqual([]);
      expect(variables.get('PATH')).toBe(SERVER_PATH);
      expect(variables.get('HOME')).toBe(server.directory);
      expect(variables.get('TZ')).toBe('UTC');
    } finally {
      await server.stop();
    }
  });
});
