// What the target has applied, read from the runner's own tracking table and compared with the
// repository's migrations the way that runner compares them (runners/*.ts).

import { readFileSync } from 'node:fs';
import type { DiscoveryResult } from '../discover/types.js';
import { PlanTargetError } from './errors.js';
import { RUNNER_READERS } from './runners/index.js';
import type { RunnerPlan, TrackingSettings } from './runners/types.js';
import type { TargetSession } from './target.js';
import { findTrackingTable, parseTableName } from './tracking-table.js';

export async function readRunnerPlan(session: TargetSession, discovery: DiscoveryResult, settings: TrackingSettings): Promise<RunnerPlan> {
  const reader = RUNNER_READERS[discovery.layout];
  if (discovery.layout === 'plain' && settings.table === undefined) {
    throw new PlanTargetError(`plan needs to know where the runner of ${discovery.dir} records what it applied: ${reader.howToConfigure}`);
  }
  const wanted = settings.table === undefined ? reader.defaultTable : parseTableName(settings.table);
  const table = await findTrackingTable(session, wanted);
  const shown = `${wanted.schema ?? 'the current schema'}${wanted.schema ? '.' : ' ('}${wanted.name}${wanted.schema ? '' : ')'}`;
  const notes: string[] = [];
  if (!table) {
    // A database without any table of its own is a new one: everything is pending. Anywhere else a
    // missing tracking table means the gate is looking in the wrong place, and guessing is worse.
    if (!(await isEmptyDatabase(session))) {
      throw new PlanTargetError(
        `no tracking table in ${session.target}: looked for ${shown}, where ${reader.runner} records applied migrations, and the database has tables of its own; ${reader.howToConfigure}`,
      );
    }
    notes.push(`the target has no ${shown} and no tables: a new database, every migration is pending`);
  }
  const plan = await reader.plan({ session, migrations: discovery.migrations, settings, read: (m) => readFileSync(m.absolutePath) }, table);
  return {
    runner: reader.runner,
    layout: discovery.layout,
    table: table?.display ?? (wanted.schema ? `${wanted.schema}.${wanted.name}` : wanted.name),
    ...plan,
    notes: [...notes, ...plan.notes],
  };
}

async function isEmptyDatabase(session: TargetSession): Promise<boolean> {
  const [row] = await session.select<{ tables: number }>(
    `SELECT count(*)::int AS tables FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
  );
  return (row?.tables ?? 0) === 0;
}
