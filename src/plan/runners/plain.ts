// Plain files run by the team's own runner, which keeps its own table: `tracking: { table,
// name-column, checksum-column }` in the config says which (e.g. __migration_tracking(migration_name,
// checksum)). A row's name matches a file by its path in the directory (`0003_x.sql`), that path
// without `.sql`, or its version; the checksum is the hex SHA-256 (or MD5) of the file's bytes.

import { compareInRunnerOrder, runnerIdentity } from '../../discover/runner-order.js';
import type { Migration } from '../../discover/types.js';
import { md5Hex, sha256Hex } from '../checksums.js';
import { PlanTargetError } from '../errors.js';
import { quoted } from '../tracking-table.js';
import { emptyPlan, type RunnerReader } from './types.js';

export const plainReader: RunnerReader = {
  runner: 'the runner of the plain files',
  defaultTable: { schema: undefined, name: 'schema_migrations' },
  howToConfigure: 'say where your runner records applied migrations: tracking: { table: schema.table, name-column: ..., checksum-column: ... } in .migration-gate.yml',
  async plan(context, table) {
    const plan = emptyPlan();
    if (!table) {
      plan.pending = [...context.migrations];
      return plan;
    }
    const nameColumn = context.settings.nameColumn ?? 'version';
    const checksumColumn = context.settings.checksumColumn;
    for (const column of [nameColumn, ...(checksumColumn ? [checksumColumn] : [])]) {
      if (!table.columns.has(column)) {
        throw new PlanTargetError(`${table.display} in ${context.session.target} has no column ${column} (it has ${[...table.columns].join(', ')}); set tracking.name-column and tracking.checksum-column to its columns`);
      }
    }
    const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
    const rows = await context.session.select<{ name: string; checksum: string | null }>(
      `SELECT ${q(nameColumn)}::text AS name, ${checksumColumn ? `${q(checksumColumn)}::text` : 'NULL::text'} AS checksum FROM ${quoted(table)}`,
      [],
      { relation: table.display },
    );
    plan.appliedCount = rows.length;
    const digest = context.settings.checksum === 'md5' ? md5Hex : sha256Hex;
    const matched = new Set<(typeof rows)[number]>();
    const applied: Migration[] = [];
    const unapplied: Migration[] = [];
    for (const migration of context.migrations) {
      const names = new Set([migration.relativePath, migration.relativePath.replace(/\.sql$/, ''), migration.version, runnerIdentity(migration) ?? migration.version]);
      const row = rows.find((r) => !matched.has(r) && names.has(r.name));
      if (!row) {
        unapplied.push(migration);
        continue;
      }
      matched.add(row);
      applied.push(migration);
      if (row.checksum !== null && checksumColumn && row.checksum.toLowerCase() !== digest(context.read(migration))) {
        plan.mismatched.push({ messageId: 'plain', data: { name: migration.relativePath, column: checksumColumn }, migration });
      }
    }
    const newest = applied.at(-1);
    for (const migration of unapplied) {
      if (newest && compareInRunnerOrder('plain', migration, newest) < 0 && context.settings.outOfOrder !== true) {
        plan.skipped.push({ messageId: 'plain-out-of-order', data: { name: migration.relativePath, newest: newest.relativePath }, migration });
      } else {
        plan.pending.push(migration);
      }
    }
    for (const row of rows) if (!matched.has(row)) plan.missing.push({ messageId: 'missing', data: { name: row.name }, recorded: row.name });
    return plan;
  },
};
