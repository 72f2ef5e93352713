// Prisma and Drizzle generate files that create a table and index it in the same file, without
// BEGIN. Only indexes on tables that existed before the file may be reported.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { runLint } from '../../src/gate.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function indexFindings(directory: string) {
  const report = await runLint({ cwd: root, paths: [directory], config: defaultConfig() });
  return report.migrations.flatMap((migration) =>
    migration.findings
      .filter((finding) => finding.rule === 'require-concurrent-index-creation')
      .map((finding) => `${migration.path}:${finding.line}`),
  );
}

describe('require-concurrent-index-creation on generated ORM histories', () => {
  it('Drizzle: fires only on cron_tasks, which existed before 0001 and 0002', async () => {
    expect(await indexFindings('fixtures/drizzle')).toEqual([
      'fixtures/drizzle/0001_robust_vertigo.sql:17',
      'fixtures/drizzle/0002_fancy_toxin.sql:2',
    ]);
  });

  it('Prisma: fires only on "User" in the migration after the one that created it', async () => {
    expect(await indexFindings('fixtures/prisma')).toEqual(['fixtures/prisma/20240301120000_user_name_index/migration.sql:2']);
  });
});
