// drizzle-orm's `drizzle.__drizzle_migrations`. From drizzle-orm, pg-core/dialect.ts
// (`PgDialect.migrate`): CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL
// PRIMARY KEY, hash text NOT NULL, created_at bigint); schema and table are the migrate() options
// migrationsSchema / migrationsTable. migrator.ts (`readMigrationFiles`): hash = SHA-256 hex of the
// .sql file's text, created_at = the journal entry's `when`. The migrator reads only the newest row
// (ORDER BY created_at DESC LIMIT 1) and runs every entry whose `when` is later than its
// created_at: an entry not later is skipped for good, and hashes are never compared.

import type { Migration } from '../../discover/types.js';
import { sha256Hex } from '../checksums.js';
import { quoted } from '../tracking-table.js';
import { emptyPlan, type RunnerReader } from './types.js';

interface Row {
  hash: string;
  created_at: string | null;
}

export const drizzleReader: RunnerReader = {
  runner: "Drizzle's migrator",
  defaultTable: { schema: 'drizzle', name: '__drizzle_migrations' },
  howToConfigure: 'set tracking.table to the migrationsSchema.migrationsTable your migrate() call passes',
  async plan(context, table) {
    const plan = emptyPlan();
    if (!table) {
      plan.pending = [...context.migrations];
      return plan;
    }
    const rows = await context.session.select<Row>(`SELECT hash, created_at::text AS created_at FROM ${quoted(table)} ORDER BY created_at, id`, [], { relation: table.display });
    plan.appliedCount = rows.length;
    const newest = rows.reduce<number | undefined>((max, row) => (row.created_at === null ? max : Math.max(max ?? -Infinity, Number(row.created_at))), undefined);
    const matched = new Set<Row>();
    const hashes = new Map(context.migrations.map((m) => [m, sha256Hex(context.read(m).toString('utf8'))]));
    for (const migration of context.migrations) {
      const when = migration.journal?.when;
      const hash = hashes.get(migration)!;
      // The migrator records each entry's `when`: that is the entry's identity in the table; a
      // drizzle-kit 1.0 folder has no journal, so only its hash can tell.
      const row = rows.find((r) => !matched.has(r) && when !== undefined && Number(r.created_at) === when) ?? rows.find((r) => !matched.has(r) && r.hash === hash);
      if (row) {
        matched.add(row);
        if (row.hash !== hash) plan.mismatched.push({ messageId: 'drizzle', data: { name: migration.relativePath }, migration });
        continue;
      }
      if (newest === undefined || when === undefined || when > newest) plan.pending.push(migration);
      else plan.skipped.push({ messageId: 'drizzle-when', data: { name: migration.relativePath, when, newest: String(newest) }, migration });
    }
    for (const row of rows) {
      if (!matched.has(row)) plan.missing.push({ messageId: 'drizzle', data: { name: `created_at ${row.created_at ?? 'null'}, hash ${row.hash.slice(0, 12)}…` }, recorded: `created_at ${row.created_at ?? 'null'}` });
    }
    return plan;
  },
};

export type { Migration };
