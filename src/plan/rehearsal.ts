// The rehearsal: the pending migrations through the whole gate of `check` (the lint stage, then the
// database stage: apply as the runner runs them with the lock and rewrite trace, the rollback round
// trip) on a scratch database that has the target's schema as its migrations make it: the applied
// ones (in the runner's order) replayed as `check` builds its base, after `database.setup` and
// `database.baseline`, then the pending ones, in the order the runner will apply them, checked as one
// change that deploys together. The same code as `check` (gate.ts checkSets), on the gate's own
// Postgres, never the target. The set rules are not run: they judge the repository's history
// against a git base, which the plan rules replace with the target's tracking table.

import type { Config } from '../config.js';
import type { DiscoveryResult } from '../discover/types.js';
import { checkSets, type MigrationSet } from '../gate.js';
import type { FileFindings } from '../report/report.js';
import type { Finding, SeveritySetting } from '../types.js';
import type { FileEvidence } from '../verify/evidence.js';
import type { DatabaseStageOptions } from '../verify/stage.js';
import type { PlanRehearsal } from './plan-section.js';
import type { RunnerPlan } from './runners/types.js';
import { appliedMigrations } from './schema-drift.js';

export interface RehearsalOptions {
  cwd: string;
  config: Config;
  severities: ReadonlyMap<string, SeveritySetting>;
  sets: ReadonlyArray<{ plan: RunnerPlan; discovery: DiscoveryResult }>;
  /** The target's major: the static rules judge for it, as `postgres-version` does for `check`. */
  targetMajor: number;
  databaseUrl?: string;
  sharedServer?: DatabaseStageOptions['sharedServer'];
  log?: (line: string) => void;
}

/** What the rehearsal found about one pending migration: its row's findings, apply, rollback and locks. */
export interface RehearsedMigration extends Required<Pick<FileFindings, 'findings'>>, Pick<FileFindings, 'apply' | 'rollback' | 'locks'> {
  /** What the trace saw per statement, to weigh the findings by the target's sizes. */
  evidence?: FileEvidence;
}

export interface RehearsalOutcome {
  rehearsal: PlanRehearsal;
  /** By path of the pending migration. */
  migrations: Map<string, RehearsedMigration>;
  /** Rows of their own (a separate rollback file's findings), with the pending migration they follow. */
  extraRows: Array<FileFindings & { after?: string }>;
}

/** The reason when there is nothing to rehearse (not worth a note). */
export const NOTHING_PENDING = 'nothing is pending';

export async function rehearse(options: RehearsalOptions): Promise<RehearsalOutcome> {
  const migrations = new Map<string, RehearsedMigration>();
  const extraRows: RehearsalOutcome['extraRows'] = [];
  const sets: MigrationSet[] = [];
  for (const { plan, discovery } of options.sets) {
    if (plan.pending.length === 0) continue;
    const skipped = plan.skipped.flatMap((issue) => (issue.migration ? [issue.migration] : []));
    const applied = appliedMigrations(discovery.migrations, plan.pending, skipped);
    sets.push({
      // The runner applies what is pending after everything applied, in its order (dbmate applies an
      // older pending file late): the rehearsal does the same. What it skips is not applied at all.
      discovery: { ...discovery, migrations: [...applied, ...plan.pending] },
      changes: undefined,
      checked: plan.pending.map((migration) => ({ migration, status: 'new' })),
      merged: applied,
      deleted: [],
      deploysTogether: true,
    });
  }
  if (sets.length === 0) return { rehearsal: { status: 'skipped', reason: NOTHING_PENDING }, migrations, extraRows };
  const targetMajor = options.targetMajor >= 10 && options.targetMajor <= 30 ? options.targetMajor : options.config['postgres-version'];
  const { checked, stage } = await checkSets(sets, {
    cwd: options.cwd,
    config: { ...options.config, 'postgres-version': targetMajor },
    severities: options.severities,
    words: { history: 'applied migrations', checked: 'pending migrations' },
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.sharedServer ? { sharedServer: options.sharedServer } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  for (const { set, records } of checked) {
    const pending = new Set(set.checked.map(({ migration }) => migration.path));
    let last: string | undefined;
    for (const record of records.all()) {
      if (pending.has(record.path)) {
        last = record.path;
        const evidence = stage.files.get(record.path)?.evidence;
        migrations.set(record.path, {
          findings: record.findings as Finding[],
          ...(record.apply ? { apply: record.apply } : {}),
          ...(record.rollback ? { rollback: record.rollback } : {}),
          ...(record.locks ? { locks: record.locks } : {}),
          ...(evidence ? { evidence } : {}),
        });
      } else {
        extraRows.push({ path: record.path, status: record.status, findings: record.findings, ...(record.apply ? { apply: record.apply } : {}), ...(last ? { after: last } : {}) });
      }
    }
  }
  const summary = stage.summary;
  const rehearsal: PlanRehearsal = {
    status: summary.status,
    ...(summary.reason ? { reason: summary.reason } : {}),
    ...(summary.server ? { server: summary.server } : {}),
    ...(summary.notes ? { notes: summary.notes } : {}),
  };
  return { rehearsal, migrations, extraRows };
}
