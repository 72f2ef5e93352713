// The discover stage: which migrations there are, in which order, how their runner runs them, and
// which of them a branch changed compared with its base.

export { discoverInTree, discoverMigrations, MigrationsDirectoryError, DEFAULT_ROLLBACK_SUFFIX } from './discover.js';
export type { DiscoverOptions } from './discover.js';
export { detectLayout, type LayoutDetection } from './detect-layout.js';
export { maskOutside, parseDbmateSections, type DbmateParse } from './dbmate-sections.js';
export { parseGooseFile, type GooseDirection, type GooseFile, type GooseStatement } from './goose-sections.js';
export { changedMigrationFiles, listFilesAtRef, readFileAtRef } from './git-changes.js';
export type { ChangedFile, ChangeOptions, ChangeStatus, GitChanges } from './git-changes.js';
export { GitError, type GitErrorCode } from './git.js';
export { locateInRepo, resolveBase, type RepoLocation, type ResolvedBase } from './git-repo.js';
export { discoverMigrationsAtRef, gitTree, type DiscoverAtRefOptions } from './git-tree.js';
export { resolveMigrationsSetting, type MigrationsTarget } from './locate.js';
export * from './scopes.js';
export { fileSystemTree, type MigrationTree } from './tree.js';
export * from './types.js';
export { compareVersionKeys, versionKeyOf } from './version.js';
export { compareInRunnerOrder, runnerIdentity } from './runner-order.js';
