// golang-migrate's `schema_migrations`. From golang-migrate/migrate, database/postgres/postgres.go:
// `ensureVersionTable` creates (version bigint not null primary key, dirty boolean not null) in the
// current schema (x-migrations-table and x-migrations-table-quoted change the name); `SetVersion`
// TRUNCATEs it and inserts one row, so the table holds only the newest version, and every file
// of a lower version counts as applied. `dirty` is true while a migration runs and stays true when
// it failed: `migrate up` refuses ("Dirty database version N. Fix and force version.").

import { runnerIdentity } from '../../discover/runner-order.js';
import { quoted } from '../tracking-table.js';
import { emptyPlan, type RunnerReader } from './types.js';

export const golangMigrateReader: RunnerReader = {
  runner: 'golang-migrate',
  defaultTable: { schema: undefined, name: 'schema_migrations' },
  howToConfigure: 'golang-migrate keeps it in the current schema (x-migrations-table changes the name); set tracking.table to schema.table',
  async plan(context, table) {
    const plan = emptyPlan();
    if (!table) {
      plan.pending = [...context.migrations];
      return plan;
    }
    const rows = await context.session.select<{ version: string; dirty: boolean }>(`SELECT version::text AS version, dirty FROM ${quoted(table)} LIMIT 1`, [], { relation: table.display });
    const row = rows[0];
    // No row, or -1 (a failed down of the first migration): nothing applied.
    const current = row && BigInt(row.version) >= 0n ? BigInt(row.version) : undefined;
    const versionOf = (m: (typeof context.migrations)[number]): bigint => BigInt(runnerIdentity(m) ?? '0');
    const applied = current === undefined ? [] : context.migrations.filter((m) => versionOf(m) <= current);
    plan.appliedCount = applied.length;
    plan.pending = current === undefined ? [...context.migrations] : context.migrations.filter((m) => versionOf(m) > current);
    if (current !== undefined) {
      const at = context.migrations.find((m) => versionOf(m) === current);
      if (row!.dirty) plan.failed.push({ messageId: 'golang-migrate-dirty', data: { version: String(current) }, ...(at ? { migration: at } : { recorded: String(current) }) });
      if (!at) plan.missing.push({ messageId: 'golang-migrate-current', data: { name: `version ${current}`, version: String(current) }, recorded: String(current) });
    } else if (row?.dirty) {
      plan.failed.push({ messageId: 'golang-migrate-dirty', data: { version: row.version }, recorded: row.version });
    }
    plan.notes.push(`golang-migrate records only the newest version (${current ?? 'none'}): a file of a lower version that never ran cannot be told from one that did, and golang-migrate never applies it`);
    return plan;
  },
};
