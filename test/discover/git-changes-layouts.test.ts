// Fixture repositories for every layout, built with real git commits: a base commit on main and a
// pull request's commit on a branch. The gate must see exactly what the branch added, modified,
// renamed and deleted, in the runner's order, and read the merged migrations as they are at the base.

import { afterEach, describe, expect, it } from 'vitest';
import { changedMigrationFiles, discoverMigrations, discoverMigrationsAtRef, readFileAtRef } from '../../src/discover/index.js';
import { drizzleJournal, pullRequest, removeTempDirs, summary } from './fixture.js';

afterEach(removeTempDirs);

describe('changed migration files, per layout', () => {
  it('plain: added, modified, renamed and deleted files; numeric order; rollbacks are not migrations', async () => {
    const { repo, baseSha } = pullRequest(
      {
        'db/migrations/0001_add_users.sql': 'CREATE TABLE users (id bigint);\n',
        'db/migrations/0001_add_users_rollback.sql': 'DROP TABLE users;\n',
        'db/migrations/0002_add_orders.sql': 'CREATE TABLE orders (id bigint, total numeric);\n',
        'db/migrations/9_add_items.sql': 'CREATE TABLE items (id bigint, label text);\n',
        'src/app.ts': 'export {};\n',
      },
      {
        'db/migrations/0001_add_users.sql': 'CREATE TABLE users (id bigint, email text);\n',
        'db/migrations/0002_add_orders.sql': null,
        'db/migrations/0003_add_orders.sql': 'CREATE TABLE orders (id bigint, total numeric);\n',
        'db/migrations/9_add_items.sql': null,
        'db/migrations/10_add_invoices.sql': 'CREATE TABLE invoices (id bigint, amount numeric);\n',
        'db/migrations/10_add_invoices_rollback.sql': 'DROP TABLE invoices;\n',
        'src/app.ts': 'export const changed = true;\n',
      },
    );
    const changes = await changedMigrationFiles({ base: baseSha, dir: 'db/migrations', cwd: repo.root });
    expect(summary(changes)).toEqual({
      added: ['db/migrations/10_add_invoices.sql', 'db/migrations/10_add_invoices_rollback.sql'],
      modified: ['db/migrations/0001_add_users.sql'],
      renamed: [{ from: 'db/migrations/0002_add_orders.sql', to: 'db/migrations/0003_add_orders.sql' }],
      deleted: ['db/migrations/9_add_items.sql'],
    });
    expect(changes.changes.find((change) => change.status === 'renamed')).toMatchObject({ similarity: 100, repoPath: 'db/migrations/0003_add_orders.sql' });
    expect(changes.base).toEqual({ ref: baseSha, commit: baseSha });
    expect(changes.forkPoint).toBe(baseSha);

    const current = await discoverMigrations('db/migrations', { cwd: repo.root });
    expect(current.migrations.map((migration) => migration.path)).toEqual([
      'db/migrations/0001_add_users.sql',
      'db/migrations/0003_add_orders.sql',
      'db/migrations/10_add_invoices.sql',
    ]);
    expect(current.migrations[2]!.rollback).toMatchObject({ kind: 'file', path: 'db/migrations/10_add_invoices_rollback.sql' });

    const merged = await discoverMigrationsAtRef('db/migrations', { ref: baseSha, cwd: repo.root });
    expect(merged.migrations.map((migration) => migration.path)).toEqual([
      'db/migrations/0001_add_users.sql',
      'db/migrations/0002_add_orders.sql',
      'db/migrations/9_add_items.sql',
    ]);
    expect(merged.migrations[0]!.rollback).toMatchObject({ kind: 'file', path: 'db/migrations/0001_add_users_rollback.sql' });
    // Given where changedMigrationFiles found the directory and the base, git is not asked again:
    // a ref it would not know is never looked up.
    const known = await discoverMigrationsAtRef('db/migrations', {
      ref: 'no-such-ref',
      cwd: repo.root,
      resolved: { location: changes, commit: changes.base },
    });
    expect(known.migrations.map((migration) => migration.path)).toEqual(merged.migrations.map((migration) => migration.path));
    expect(known.commit).toEqual(changes.base);

    // "bytes differ": the merged bytes of the edited migration, exactly as committed.
    const before = await readFileAtRef(changes.repoRoot, baseSha, 'db/migrations/0001_add_users.sql');
    expect(before?.toString('utf8')).toBe('CREATE TABLE users (id bigint);\n');
    expect(await readFileAtRef(changes.repoRoot, baseSha, 'db/migrations/10_add_invoices.sql')).toBeUndefined();
  });

  it('drizzle: a new journal entry and file; journal order; merged entries keep their when', async () => {
    const base = drizzleJournal([
      { tag: '0000_clumsy_frank_castle', when: 1700000000000 },
      { tag: '0001_happy_hairball', when: 1700000100000 },
    ]);
    const pr = drizzleJournal([
      { tag: '0000_clumsy_frank_castle', when: 1700000000000 },
      { tag: '0001_happy_hairball', when: 1700000100000 },
      { tag: '0002_wooden_falcon', when: 1700000050000 },
    ]);
    const { repo, baseSha } = pullRequest(
      {
        'drizzle/meta/_journal.json': base,
        'drizzle/0000_clumsy_frank_castle.sql': 'CREATE TABLE users (id uuid PRIMARY KEY);\n',
        'drizzle/0001_happy_hairball.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
      },
      {
        'drizzle/meta/_journal.json': pr,
        'drizzle/meta/0002_snapshot.json': '{}\n',
        'drizzle/0002_wooden_falcon.sql': 'CREATE TABLE tickets (id uuid);\n--> statement-breakpoint\nCREATE INDEX tickets_id ON tickets (id);\n',
      },
    );
    const changes = await changedMigrationFiles({ base: baseSha, dir: 'drizzle', cwd: repo.root });
    expect(summary(changes)).toEqual({
      added: ['drizzle/0002_wooden_falcon.sql', 'drizzle/meta/0002_snapshot.json'],
      modified: ['drizzle/meta/_journal.json'],
      renamed: [],
      deleted: [],
    });
    const current = await discoverMigrations('drizzle', { cwd: repo.root });
    expect(current.layout).toBe('drizzle');
    expect(current.migrations.map((migration) => [migration.relativePath, migration.journal?.when])).toEqual([
      ['0000_clumsy_frank_castle.sql', 1700000000000],
      ['0001_happy_hairball.sql', 1700000100000],
      ['0002_wooden_falcon.sql', 1700000050000],
    ]);
    const merged = await discoverMigrationsAtRef('drizzle', { ref: baseSha, cwd: repo.root, layout: current.layout });
    expect(merged.migrations.map((migration) => migration.journal?.when)).toEqual([1700000000000, 1700000100000]);
    expect(merged.problems).toEqual([]);
  });

  it('prisma: a new migration folder and an edited merged migration.sql', async () => {
    const { repo, baseSha } = pullRequest(
      {
        'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
        'prisma/migrations/20250101000000_init/migration.sql': 'CREATE TABLE "User" (id serial);\n',
      },
      {
        'prisma/migrations/20250101000000_init/migration.sql': 'CREATE TABLE "User" (id serial, email text);\n',
        'prisma/migrations/20250201000000_add_post/migration.sql': 'CREATE TABLE "Post" (id serial);\n',
      },
    );
    const changes = await changedMigrationFiles({ base: baseSha, dir: 'prisma/migrations', cwd: repo.root });
    expect(summary(changes)).toMatchObject({
      added: ['prisma/migrations/20250201000000_add_post/migration.sql'],
      modified: ['prisma/migrations/20250101000000_init/migration.sql'],
    });
    const current = await discoverMigrations('prisma/migrations', { cwd: repo.root });
    expect(current.layout).toBe('prisma');
    expect(current.migrations.map((migration) => migration.version)).toEqual(['20250101000000', '20250201000000']);
  });

  it('golang-migrate: new up/down pair, a deleted down file, numeric order', async () => {
    const { repo, baseSha } = pullRequest(
      {
        'migrations/9_add_users.up.sql': 'CREATE TABLE users (id bigint);\n',
        'migrations/9_add_users.down.sql': 'DROP TABLE users;\n',
      },
      {
        'migrations/9_add_users.down.sql': null,
        'migrations/10_add_orders.up.sql': 'CREATE TABLE orders (id bigint);\n',
        'migrations/10_add_orders.down.sql': 'DROP TABLE orders;\n',
      },
    );
    const changes = await changedMigrationFiles({ base: baseSha, dir: 'migrations', cwd: repo.root });
    expect(summary(changes)).toEqual({
      added: ['migrations/10_add_orders.down.sql', 'migrations/10_add_orders.up.sql'],
      modified: [],
      renamed: [],
      deleted: ['migrations/9_add_users.down.sql'],
    });
    const current = await discoverMigrations('migrations', { cwd: repo.root });
    expect(current.migrations.map((migration) => [migration.relativePath, migration.rollback.kind])).toEqual([
      ['9_add_users.up.sql', 'none'],
      ['10_add_orders.up.sql', 'file'],
    ]);
  });

  it('dbmate: a new file with its up and down sections', async () => {
    const { repo, baseSha } = pullRequest(
      { 'db/migrations/20250101000000_create_users.sql': '-- migrate:up\nCREATE TABLE users (id bigint);\n\n-- migrate:down\nDROP TABLE users;\n' },
      {
        'db/migrations/20250102000000_index_users.sql':
          '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_id ON users (id);\n\n-- migrate:down\nDROP INDEX users_id;\n',
      },
    );
    const changes = await changedMigrationFiles({ base: baseSha, dir: 'db/migrations', cwd: repo.root });
    expect(changes.added).toEqual(['db/migrations/20250102000000_index_users.sql']);
    const current = await discoverMigrations('db/migrations', { cwd: repo.root });
    expect(current.layout).toBe('dbmate');
    const added = current.migrations[1]!;
    expect(added.sections![0]!.up).toMatchObject({ line: 1, endLine: 3 });
    expect(added.rollback).toMatchObject({ kind: 'sections', ranges: [{ line: 4, endLine: 5 }] });
    expect(added.scope.runner).toBe('dbmate (transaction:false)');
    const merged = await discoverMigrationsAtRef('db/migrations', { ref: baseSha, cwd: repo.root });
    expect(merged.layout).toBe('dbmate');
    expect(merged.migrations.map((migration) => migration.name)).toEqual(['create_users']);
  });

  it('flyway: 1.2.10 after 1.2.9, repeatables last, an edited repeatable', async () => {
    const { repo, baseSha } = pullRequest(
      {
        'sql/V1.2.9__add_users.sql': 'CREATE TABLE users (id bigint);\n',
        'sql/R__views.sql': 'CREATE OR REPLACE VIEW v AS SELECT 1;\n',
      },
      {
        'sql/V1.2.10__add_orders.sql': 'CREATE TABLE orders (id bigint);\n',
        'sql/U1.2.10__add_orders.sql': 'DROP TABLE orders;\n',
        'sql/R__views.sql': 'CREATE OR REPLACE VIEW v AS SELECT 2;\n',
      },
    );
    const changes = await changedMigrationFiles({ base: baseSha, dir: 'sql', cwd: repo.root });
    expect(summary(changes)).toMatchObject({
      added: ['sql/U1.2.10__add_orders.sql', 'sql/V1.2.10__add_orders.sql'],
      modified: ['sql/R__views.sql'],
    });
    const current = await discoverMigrations('sql', { cwd: repo.root });
    expect(current.migrations.map((migration) => migration.relativePath)).toEqual([
      'V1.2.9__add_users.sql',
      'V1.2.10__add_orders.sql',
      'R__views.sql',
    ]);
    expect(current.migrations[1]!.rollback).toMatchObject({ kind: 'file', relativePath: 'U1.2.10__add_orders.sql' });
  });
});

