// Changed files in the git situations CI and laptops produce: a base that moved on, GitHub's merge
// commit, untracked files, remote-only branches, and shallow clones that must fail loudly.

import { afterEach, describe, expect, it } from 'vitest';
import { changedMigrationFiles, discoverMigrationsAtRef, GitError } from '../../src/discover/index.js';
import { createRepo, git, pullRequest, removeTempDirs, summary, tempDir, writeFiles } from './fixture.js';

afterEach(removeTempDirs);

describe('changed migration files, git situations', () => {
  it('counts changes from the fork point: a migration merged into main later is not a deletion', async () => {
    const repo = createRepo();
    const fork = repo.commit('base', { 'migrations/0001_a.sql': 'CREATE TABLE a (id int);\n' });
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.commit('pr', { 'migrations/0002_b.sql': 'CREATE TABLE b (id int);\n' });
    repo.git('checkout', '--quiet', 'main');
    const mainTip = repo.commit('other branch merged', { 'migrations/0002_c.sql': 'CREATE TABLE c (id int);\n' });
    repo.git('checkout', '--quiet', 'feature');

    const changes = await changedMigrationFiles({ base: 'main', dir: 'migrations', cwd: repo.root });
    expect(changes.base.commit).toBe(mainTip);
    expect(changes.forkPoint).toBe(fork);
    expect(summary(changes)).toEqual({ added: ['migrations/0002_b.sql'], modified: [], renamed: [], deleted: [] });

    // The merged set is the base tip's: both branches took 0002.
    const merged = await discoverMigrationsAtRef('migrations', { ref: 'main', cwd: repo.root });
    expect(merged.migrations.map((migration) => migration.relativePath)).toEqual(['0001_a.sql', '0002_c.sql']);
  });

  it('works in the clone GitHub Actions makes of a pull request: the merge commit, fetch-depth 2', async () => {
    const { repo } = pullRequest({ 'migrations/0001_a.sql': 'SELECT 1;\n' }, { 'migrations/0002_b.sql': 'SELECT 2;\n' });
    repo.git('checkout', '--quiet', 'main');
    const baseTip = repo.commit('main moves on', { 'migrations/0002_c.sql': 'SELECT 3;\n' });
    repo.git('checkout', '--quiet', '-b', 'pull-1-merge');
    repo.git('merge', '--quiet', '--no-ff', '--no-edit', 'feature');
    const clone = tempDir('pmg-merge-ref-');
    git(clone, 'clone', '--quiet', '--depth', '2', '--branch', 'pull-1-merge', `file://${repo.root}`, 'work');

    const changes = await changedMigrationFiles({ base: baseTip, dir: 'migrations', cwd: `${clone}/work` });
    expect(changes.forkPoint).toBe(baseTip);
    expect(summary(changes)).toEqual({ added: ['migrations/0002_b.sql'], modified: [], renamed: [], deleted: [] });
  });

  it('includes untracked files of the working tree, and only commits with head', async () => {
    const { repo, baseSha } = pullRequest({ 'migrations/0001_a.sql': 'SELECT 1;\n' }, { 'migrations/0002_b.sql': 'SELECT 2;\n' });
    repo.git('checkout', '--quiet', 'feature');
    writeFiles(repo.root, { 'migrations/0003_local.sql': 'SELECT 3;\n', 'migrations/0001_a.sql': 'SELECT 10;\n' });
    const worktree = await changedMigrationFiles({ base: baseSha, dir: 'migrations', cwd: repo.root });
    expect(summary(worktree)).toMatchObject({
      added: ['migrations/0002_b.sql', 'migrations/0003_local.sql'],
      modified: ['migrations/0001_a.sql'],
    });
    const committed = await changedMigrationFiles({ base: baseSha, dir: 'migrations', cwd: repo.root, head: 'HEAD' });
    expect(summary(committed)).toMatchObject({ added: ['migrations/0002_b.sql'], modified: [] });
  });

  it('treats a move into the directory as an add and a move out of it as a delete', async () => {
    const { repo, baseSha } = pullRequest(
      { 'drafts/0002_b.sql': 'CREATE TABLE b (id int, note text);\n', 'migrations/0001_a.sql': 'CREATE TABLE a (id int, note text);\n' },
      {
        'drafts/0002_b.sql': null,
        'migrations/0002_b.sql': 'CREATE TABLE b (id int, note text);\n',
        'migrations/0001_a.sql': null,
        'archive/0001_a.sql': 'CREATE TABLE a (id int, note text);\n',
      },
    );
    const changes = await changedMigrationFiles({ base: baseSha, dir: 'migrations', cwd: repo.root });
    expect(summary(changes)).toEqual({ added: ['migrations/0002_b.sql'], modified: [], renamed: [], deleted: ['migrations/0001_a.sql'] });
  });

  it('reports paths relative to a working directory below the repository root', async () => {
    const { repo, baseSha } = pullRequest({ 'api/db/0001_a.sql': 'SELECT 1;\n' }, { 'api/db/0002_b.sql': 'SELECT 2;\n' });
    const changes = await changedMigrationFiles({ base: baseSha, dir: 'db', cwd: `${repo.root}/api` });
    expect(changes.dirInRepo).toBe('api/db');
    expect(changes.added).toEqual(['db/0002_b.sql']);
    expect(changes.changes[0]!.repoPath).toBe('api/db/0002_b.sql');
  });

  it('finds a branch base that only exists as a remote-tracking branch (origin/main)', async () => {
    const { repo } = pullRequest({ 'migrations/0001_a.sql': 'SELECT 1;\n' }, { 'migrations/0002_b.sql': 'SELECT 2;\n' });
    const clone = tempDir('pmg-clone-');
    git(clone, 'clone', '--quiet', '--branch', 'feature', `file://${repo.root}`, 'work');
    const changes = await changedMigrationFiles({ base: 'main', dir: 'migrations', cwd: `${clone}/work` });
    expect(changes.base.ref).toBe('origin/main');
    expect(changes.added).toEqual(['migrations/0002_b.sql']);
  });
});

describe('clear errors instead of an empty result', () => {
  it('the fetch a hint gives fetches the remote branch, not origin/origin/main', async () => {
    const { fetchCommand } = await import('../../src/discover/git-repo.js');
    expect(fetchCommand('origin/main')).toBe('git fetch origin main');
    expect(fetchCommand('refs/remotes/origin/release/9.9')).toBe('git fetch origin release/9.9');
    expect(fetchCommand('main')).toBe('git fetch origin main');
    expect(fetchCommand('0a1b2c3d')).toBe('git fetch origin 0a1b2c3d');
  });

  it('a shallow clone missing origin/main says to fetch main', async () => {
    const { repo } = pullRequest({ 'migrations/0001_a.sql': 'SELECT 1;\n' }, { 'migrations/0002_b.sql': 'SELECT 2;\n' });
    const clone = tempDir('pmg-shallow-remote-');
    git(clone, 'clone', '--quiet', '--depth', '1', '--branch', 'feature', `file://${repo.root}`, 'work');
    await expect(changedMigrationFiles({ base: 'origin/main', dir: 'migrations', cwd: `${clone}/work` })).rejects.toThrow(/or "git fetch origin main"$/);
  });

  it('a shallow clone without the base says how to fetch it', async () => {
    const { repo, baseSha } = pullRequest({ 'migrations/0001_a.sql': 'SELECT 1;\n' }, { 'migrations/0002_b.sql': 'SELECT 2;\n' });
    const clone = tempDir('pmg-shallow-');
    git(clone, 'clone', '--quiet', '--depth', '1', '--branch', 'feature', `file://${repo.root}`, 'work');
    const attempt = changedMigrationFiles({ base: baseSha, dir: 'migrations', cwd: `${clone}/work` });
    await expect(attempt).rejects.toThrow(GitError);
    await expect(attempt).rejects.toMatchObject({ code: 'base-not-found' });
    await expect(attempt).rejects.toThrow(/shallow clone.*fetch-depth: 0.*git fetch --deepen=200 origin.*git fetch origin/);
    const error = await attempt.then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).not.toContain('\n');
  });

  it('a shallow clone that has the base but not the fork point says so', async () => {
    const repo = createRepo();
    repo.commit('base', { 'migrations/0001_a.sql': 'SELECT 1;\n' });
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.commit('pr', { 'migrations/0002_b.sql': 'SELECT 2;\n' });
    repo.git('checkout', '--quiet', 'main');
    repo.commit('main moves on', { 'migrations/0002_c.sql': 'SELECT 3;\n' });
    const clone = tempDir('pmg-shallow-');
    git(clone, 'clone', '--quiet', '--depth', '1', '--no-single-branch', '--branch', 'feature', `file://${repo.root}`, 'work');
    const attempt = changedMigrationFiles({ base: 'main', dir: 'migrations', cwd: `${clone}/work` });
    await expect(attempt).rejects.toMatchObject({ code: 'no-merge-base' });
    await expect(attempt).rejects.toThrow(/clone is shallow.*fetch-depth: 0/);
  });

  it('an unknown base in a full clone says to fetch it', async () => {
    const { repo } = pullRequest({ 'migrations/0001_a.sql': 'SELECT 1;\n' }, {});
    await expect(changedMigrationFiles({ base: 'release/9.9', dir: 'migrations', cwd: repo.root })).rejects.toThrow(
      /^base release\/9\.9 is not a commit or branch in this repository; run "git fetch origin release\/9\.9"/,
    );
  });

  it('a directory that is not a git repository says so', async () => {
    const dir = tempDir();
    await expect(changedMigrationFiles({ base: 'main', dir: '.', cwd: dir })).rejects.toMatchObject({ code: 'not-a-repository' });
  });
});
