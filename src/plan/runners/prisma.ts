// Prisma Migrate's `_prisma_migrations`. Table definition from prisma-engines,
// schema-engine/connectors/sql-schema-connector/src/flavour/postgres.rs (`create_migrations_table`):
//   id VARCHAR(36) PK, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name
//   VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL
//   DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0
// in the schema of the URL's `?schema=` (public by default). What `migrate deploy` does with it,
// from schema-engine/core/src/commands/apply_migrations.rs: a row with finished_at and
// rolled_back_at both null is a failed migration and deploy refuses to run (P3009,
// `detect_failed_migrations`); a folder is pending when no row of its name has rolled_back_at null;
// deploy never compares checksums (migrate dev does, and asks for a reset).

import type { Migration } from '../../discover/types.js';
import { prismaChecksumMatches } from '../checksums.js';
import { quoted } from '../tracking-table.js';
import { emptyPlan, type RunnerReader } from './types.js';

interface Row {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
  logs: string | null;
}

export const prismaReader: RunnerReader = {
  runner: 'Prisma Migrate',
  defaultTable: { schema: undefined, name: '_prisma_migrations' },
  howToConfigure: 'Prisma keeps it in the schema of the URL\'s ?schema= parameter; add ?schema=<name> to --target-url, or set tracking.table',
  async plan(context, table) {
    const plan = emptyPlan();
    if (!table) {
      plan.pending = [...context.migrations];
      return plan;
    }
    const rows = await context.session.select<Row>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, logs FROM ${quoted(table)} ORDER BY started_at, migration_name`,
      [],
      { relation: table.display },
    );
    const live = rows.filter((row) => !row.rolled_back);
    const byFolder = new Map<string, Migration>(context.migrations.map((m) => [folderOf(m), m]));
    plan.appliedCount = live.filter((row) => row.finished).length;
    for (const row of live) {
      const migration = byFolder.get(row.migration_name);
      if (!row.finished) {
        const logs = row.logs?.trim().split('\n')[0];
        plan.failed.push({ messageId: 'prisma-failed', data: { name: row.migration_name, logs: logs ? ` (${logs})` : '' }, ...(migration ? { migration } : { recorded: row.migration_name }) });
        continue;
      }
      if (!migration) {
        plan.missing.push({ messageId: 'prisma', data: { name: row.migration_name }, recorded: row.migration_name });
        continue;
      }
      if (!prismaChecksumMatches(context.read(migration).toString('utf8'), row.checksum)) {
        plan.mismatched.push({ messageId: 'prisma', data: { name: row.migration_name }, migration });
      }
    }
    const recorded = new Set(live.map((row) => row.migration_name));
    plan.pending = context.migrations.filter((m) => !recorded.has(folderOf(m)));
    return plan;
  },
};

function folderOf(migration: Migration): string {
  return migration.relativePath.split('/')[0]!;
}
