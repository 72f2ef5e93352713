import { afterEach, describe, expect, it } from 'vitest';
import { MigrationsDirectoryError, resolveMigrationsSetting } from '../../src/discover/index.js';
import { removeTempDirs, tempDir, writeFiles } from './fixture.js';

afterEach(removeTempDirs);

describe('resolveMigrationsSetting', () => {
  it('passes a plain directory through', async () => {
    expect(await resolveMigrationsSetting('db/migrations', tempDir())).toEqual([{ dir: 'db/migrations' }]);
  });

  it('expands a glob of directories into one migration set each', async () => {
    const cwd = tempDir();
    writeFiles(cwd, {
      'services/billing/migrations/0001_a.sql': 'SELECT 1;',
      'services/users/migrations/0001_a.sql': 'SELECT 1;',
      'services/users/src/index.ts': '',
      'node_modules/pkg/migrations/0001_x.sql': 'SELECT 1;',
    });
    expect(await resolveMigrationsSetting('services/*/migrations', cwd)).toEqual([
      { dir: 'services/billing/migrations' },
      { dir: 'services/users/migrations' },
    ]);
  });

  it('turns a glob of files into its fixed directory plus an include filter', async () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'db/migrations/0001_a.sql': 'SELECT 1;', 'db/migrations/seed/data.sql': 'SELECT 1;' });
    expect(await resolveMigrationsSetting('db/migrations/*.sql', cwd)).toEqual([{ dir: 'db/migrations', include: ['*.sql'] }]);
  });

  it('throws a clear error when the glob matches nothing', async () => {
    await expect(resolveMigrationsSetting('db/*/migrations', tempDir())).rejects.toThrow(MigrationsDirectoryError);
    await expect(resolveMigrationsSetting('db/*/migrations', tempDir())).rejects.toThrow(/matches no directory and no \.sql file; set "migrations:"/);
  });
});
