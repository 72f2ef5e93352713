// Flyway's `flyway_schema_history`. Columns (flyway-core, the history table's createMetaDataTable.sql
// for PostgreSQL): installed_rank INT PK, version VARCHAR(50), description VARCHAR(200), type
// VARCHAR(20), script VARCHAR(1000), checksum INTEGER, installed_by, installed_on, execution_time
// INTEGER, success BOOLEAN; in the first of flyway.schemas (`table` changes the name). checksum is
// CRC32 over the lines (checksums.ts). What `flyway migrate` does (validateOnMigrate is on by
// default): a checksum that differs, a failed row (success = false), an applied version without
// its file, and a pending version older than the newest applied (unless outOfOrder) all fail
// validation, and nothing is migrated until `flyway repair` or the file is restored. A BASELINE
// row marks the versions up to it as applied. Repeatable migrations (version NULL) run again when
// their checksum changes.

import { compareVersionKeys, versionKeyOf } from '../../discover/version.js';
import type { Migration } from '../../discover/types.js';
import { runnerIdentity } from '../../discover/runner-order.js';
import { flywayChecksum } from '../checksums.js';
import { quoted } from '../tracking-table.js';
import { emptyPlan, type RunnerReader } from './types.js';

interface Row {
  version: string | null;
  description: string;
  type: string;
  script: string;
  checksum: number | null;
  success: boolean;
}

export const flywayReader: RunnerReader = {
  runner: 'Flyway',
  defaultTable: { schema: undefined, name: 'flyway_schema_history' },
  howToConfigure: 'Flyway keeps it in the first of flyway.schemas (flyway.table changes the name); set tracking.table to schema.table',
  async plan(context, table) {
    const plan = emptyPlan();
    if (!table) {
      plan.pending = [...context.migrations];
      return plan;
    }
    const rows = await context.session.select<Row>(
      `SELECT version, description, type, script, checksum, success FROM ${quoted(table)} ORDER BY installed_rank`,
      [],
      { relation: table.display },
    );
    const identity = (version: string): string => runnerIdentity({ layout: 'flyway', versionKey: versionKeyOf(version) } as unknown as Migration) ?? version;
    const baseline = rows.filter((row) => row.type === 'BASELINE' && row.version !== null).map((row) => row.version!).at(-1);
    const versioned = new Map<string, Row>();
    const repeatable = new Map<string, Row>();
    for (const row of rows) {
      if (row.type === 'SCHEMA' || row.type === 'BASELINE' || row.type === 'DELETE' || row.type.startsWith('UNDO')) continue;
      if (row.version === null) repeatable.set(row.description, row);
      else versioned.set(identity(row.version), row);
    }
    plan.appliedCount = [...versioned.values()].filter((row) => row.success).length + (baseline ? 1 : 0);
    const byIdentity = new Map(context.migrations.filter((m) => m.kind === 'versioned').map((m) => [runnerIdentity(m)!, m]));
    let newestApplied: readonly string[] | undefined;
    for (const [id, row] of versioned) {
      const migration = byIdentity.get(id);
      if (!row.success) {
        plan.failed.push({ messageId: 'flyway-failed', data: { version: row.version! }, ...(migration ? { migration } : { recorded: row.script }) });
      } else if (!migration) {
        const newestLocal = [...byIdentity.values()].at(-1);
        const future = !newestLocal || compareVersionKeys(versionKeyOf(row.version!), newestLocal.versionKey) > 0;
        plan.missing.push({ messageId: future ? 'flyway-future' : 'flyway-missing', data: { name: row.script, version: row.version! }, recorded: row.script });
      } else if (row.checksum !== null && row.checksum !== flywayChecksum(context.read(migration))) {
        plan.mismatched.push({ messageId: 'flyway', data: { name: migration.relativePath, version: row.version! }, migration });
      }
      if (row.success && (!newestApplied || compareVersionKeys(versionKeyOf(row.version!), newestApplied) > 0)) newestApplied = versionKeyOf(row.version!);
    }
    const outOfOrder = context.settings.outOfOrder === true;
    for (const migration of context.migrations) {
      if (migration.kind === 'repeatable') {
        // Flyway records a description with its underscores as spaces.
        const row = repeatable.get(migration.name.replaceAll('_', ' '));
        if (!row || !row.success || row.checksum !== flywayChecksum(context.read(migration))) plan.pending.push(migration);
        continue;
      }
      if (versioned.has(runnerIdentity(migration)!)) continue;
      if (baseline && compareVersionKeys(migration.versionKey, versionKeyOf(baseline)) <= 0) continue;
      if (newestApplied && compareVersionKeys(migration.versionKey, newestApplied) < 0 && !outOfOrder) {
        plan.skipped.push({ messageId: 'flyway-out-of-order', data: { name: migration.relativePath, newest: newestApplied.join('.') }, migration });
      } else {
        plan.pending.push(migration);
      }
    }
    if (baseline) plan.notes.push(`Flyway's baseline is version ${baseline}: the migrations up to it count as applied`);
    return plan;
  },
};
