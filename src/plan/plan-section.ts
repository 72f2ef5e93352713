// The report's `plan` section (DESIGN.md, "JSON report"): what `plan` read from the target.

import type { TableSize } from './table-sizes.js';

export interface PlanSection {
  /** `server_version` of the target: `16.4`. */
  serverVersion: string;
  serverMajor: number;
  /** One per migrations directory. */
  sets: PlanSetSummary[];
  /** What the plan could not see, and why (e.g. no pg_read_all_stats). */
  notes: string[];
  /** schema-drift: the target's schema against its applied migrations replayed. */
  drift: PlanDrift;
}

export interface PlanStep {
  step: number;
  path: string;
  /** The existing tables the migration touches, with the target's sizes (those the target has). */
  tables: TableSize[];
}

export interface PlanDrift {
  status: 'compared' | 'not-compared';
  /** Why not compared: the rule is off, the history does not replay, the target is mid-failure. */
  reason?: string;
  /** How many migrations were replayed (after the baseline, when there is one). */
  replayed?: number;
  /** Where they were replayed: `PostgreSQL 16.4 (temporary server)`. */
  server?: string;
  /** What a reader should know about the comparison (another major than the target's). */
  note?: string;
  /** One per differing object (schema-drift findings). */
  objects: Array<{ object: string; change: 'missing' | 'extra' | 'changed' }>;
}

export interface PlanSetSummary {
  /** The migrations directory, as reported. */
  dir: string;
  layout: string;
  runner: string;
  /** `schema.name` of the tracking table read. */
  trackingTable: string;
  /** Migrations the tracking table records as applied. */
  applied: number;
  /** What the runner will apply, in its order. */
  pending: PlanStep[];
  /** Pending migrations the runner will skip or refuse (pending-skipped-by-runner). */
  skipped: string[];
  notes: string[];
}
