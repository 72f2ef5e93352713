// dbmate's `schema_migrations`. From amacneil/dbmate, pkg/driver/postgres/postgres.go
// (`CreateMigrationsTable`): create table if not exists <table> (version varchar(128) primary key),
// `--migrations-table` changes it (schema-qualified allowed). Each applied file is one row of its
// version (the leading digits, as a string). `dbmate up` applies every file whose version has no
// row, in name order, even one older than the newest applied; with `--strict` it refuses that.
// dbmate keeps no checksum and no failed state (a failed section's transaction rolls back).

import { compareInRunnerOrder } from '../../discover/runner-order.js';
import { quoted } from '../tracking-table.js';
import { emptyPlan, type RunnerReader } from './types.js';

export const dbmateReader: RunnerReader = {
  runner: 'dbmate',
  defaultTable: { schema: undefined, name: 'schema_migrations' },
  howToConfigure: 'dbmate\'s --migrations-table (DBMATE_MIGRATIONS_TABLE) changes it; set tracking.table to the same',
  async plan(context, table) {
    const plan = emptyPlan();
    if (!table) {
      plan.pending = [...context.migrations];
      return plan;
    }
    const rows = await context.session.select<{ version: string }>(`SELECT version::text AS version FROM ${quoted(table)}`, [], { relation: table.display });
    const recorded = new Set(rows.map((row) => row.version));
    plan.appliedCount = recorded.size;
    const applied = context.migrations.filter((m) => recorded.has(m.version));
    const newest = applied.at(-1);
    const strict = context.settings.outOfOrder === false;
    for (const migration of context.migrations) {
      if (recorded.has(migration.version)) continue;
      if (strict && newest && compareInRunnerOrder('dbmate', migration, newest) < 0) {
        plan.skipped.push({ messageId: 'dbmate-strict', data: { name: migration.relativePath, newest: newest.relativePath }, migration });
      } else {
        plan.pending.push(migration);
      }
    }
    const versions = new Set(context.migrations.map((m) => m.version));
    for (const row of rows) if (!versions.has(row.version)) plan.missing.push({ messageId: 'missing', data: { name: `version ${row.version}` }, recorded: row.version });
    return plan;
  },
};
