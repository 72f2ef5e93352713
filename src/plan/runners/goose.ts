// goose's `goose_db_version`. From pressly/goose, internal/dialect/dialectquery/postgres.go
// (`CreateTable`): (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL,
// tstamp timestamp NULL default now(), PRIMARY KEY(id)); `-table` changes the name. goose inserts
// version 0 when it creates the table, one row per applied version, and deletes the row on down
// (older goose inserted is_applied = false instead; the newest row of a version wins). `goose up`
// refuses a pending migration older than the newest applied one ("found N missing migrations
// before current version") unless run with -allow-missing. goose keeps no checksum.

import { runnerIdentity } from '../../discover/runner-order.js';
import { quoted } from '../tracking-table.js';
import { emptyPlan, type RunnerReader } from './types.js';

export const gooseReader: RunnerReader = {
  runner: 'goose',
  defaultTable: { schema: undefined, name: 'goose_db_version' },
  howToConfigure: 'goose\'s -table option changes it; set tracking.table to the same',
  async plan(context, table) {
    const plan = emptyPlan();
    if (!table) {
      plan.pending = [...context.migrations];
      return plan;
    }
    const rows = await context.session.select<{ version_id: string; is_applied: boolean }>(`SELECT version_id::text AS version_id, is_applied FROM ${quoted(table)} ORDER BY id`, [], { relation: table.display });
    const state = new Map<bigint, boolean>();
    for (const row of rows) state.set(BigInt(row.version_id), row.is_applied);
    state.delete(0n);
    const applied = new Set([...state].filter(([, isApplied]) => isApplied).map(([version]) => version));
    plan.appliedCount = applied.size;
    const current = [...applied].reduce<bigint | undefined>((max, v) => (max === undefined || v > max ? v : max), undefined);
    const versionOf = (m: (typeof context.migrations)[number]): bigint => BigInt(runnerIdentity(m) ?? '0');
    const allowMissing = context.settings.outOfOrder === true;
    for (const migration of context.migrations) {
      const version = versionOf(migration);
      if (applied.has(version)) continue;
      if (current !== undefined && version < current && !allowMissing) {
        plan.skipped.push({ messageId: 'goose-missing', data: { name: migration.relativePath, current: String(current) }, migration });
      } else {
        plan.pending.push(migration);
      }
    }
    const known = new Set(context.migrations.map(versionOf));
    // Go migrations are versions too; the gate cannot run them, but they are not missing.
    for (const m of context.migrations) for (const go of m.goMigrationsBefore ?? []) known.add(BigInt(/(\d+)_[^/]*$/.exec(go)?.[1] ?? '0'));
    for (const version of applied) if (!known.has(version)) plan.missing.push({ messageId: 'missing', data: { name: `version ${version}` }, recorded: String(version) });
    return plan;
  },
};
