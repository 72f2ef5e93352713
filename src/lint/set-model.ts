// What the set rules look at: one migrations directory as the runner sees it now and as it was at
// the base, what the branch changed, and each checked migration's header and findings so far.
// Plain data, built once per directory by the gate.

import type { DiscoveryProblem, GitChanges, LayoutName, Migration } from '../discover/index.js';
import type { Header } from '../sql/header.js';
import type { Finding } from '../types.js';

export interface CheckedMigration {
  migration: Migration;
  status: 'new' | 'modified';
  header: Header;
  /** Findings of the other stages so far (lint, database): what the file's real risk is made of. */
  findings: Finding[];
  /** Whether the migration has a rollback with at least one statement. */
  hasRollback: boolean;
}

export interface MigrationSetView {
  layout: LayoutName;
  /** Every migration of the working tree, in the runner's order. */
  migrations: readonly Migration[];
  /** The migrations this run checks (all of them without a base), in the runner's order. */
  checked: readonly CheckedMigration[];
  /** The migrations at the base (what is merged), in the runner's order; undefined without a base. */
  base: readonly Migration[] | undefined;
  /** What the branch changed in the directory; undefined without a base. */
  changes: GitChanges | undefined;
  problems: readonly DiscoveryProblem[];
}
