// schema-drift: the target's schema against the one its applied migrations make (replay.ts), object
// by object (verify/diff.ts), one difference per object. The target's snapshot is read by the same
// catalog SELECTs as verify's (verify/snapshot.ts) inside the target's READ ONLY transaction. The
// runners' own bookkeeping is left out on both sides: the tracking table (its columns, constraints,
// indexes, triggers, sequences) and its schema when no migration makes it (Drizzle's `drizzle`).

import type { Config } from '../config.js';
import { readBaselineHistory } from '../discover/baseline-history.js';
import type { Migration } from '../discover/types.js';
import { readSetup, type BaseSql } from '../verify/base-sql.js';
import { describeDifference, diffSnapshots, type SchemaDifference } from '../verify/diff.js';
import type { SchemaSnapshot, SnapshotObject } from '../verify/snapshot.js';
import type { PlanDrift } from './plan-section.js';
import { INDEX_TABLES_SQL, indexTablesOf, type ComparedSchema } from './index-tables.js';
import { replayApplied, type ReplayOptions } from './replay.js';
import type { RunnerPlan } from './runners/types.js';
import type { TargetSession } from './target.js';
import { parseTableName } from './tracking-table.js';

export interface DriftOptions {
  cwd: string;
  config: Config;
  /** Each migrations directory's plan with all its migrations, in the runner's order. */
  sets: ReadonlyArray<{ plan: RunnerPlan; migrations: readonly Migration[] }>;
  databaseUrl?: string;
  /** The temporary server `plan` shares with the rehearsal, when there is no URL. */
  sharedServer?: ReplayOptions['sharedServer'];
  log?: (line: string) => void;
}

export interface DriftOutcome {
  drift: PlanDrift;
  objects: ObjectDrift[];
}

export interface ObjectDrift {
  /** `${kind} ${name}`: `index orders_hotfix_idx`. */
  object: string;
  /** `extra`: in the target only; `missing`: the migrations make it, the target lacks it. */
  change: SchemaDifference['change'];
  /** For `changed`: each differing attribute, `type text → character varying(200)` (migrations → target). */
  details: string[];
}

/**
 * Replays what the target has applied and compares it with the target. Not compared (with the
 * reason) when the target is mid-failure (its schema is half of a migration, target-migration-failed
 * says so), when the baseline holds migrations the target has not applied, or when the history does
 * not replay.
 */
export async function findDrift(session: TargetSession, options: DriftOptions): Promise<DriftOutcome> {
  const notCompared = (reason: string): DriftOutcome => ({ drift: { status: 'not-compared', reason, objects: [] }, objects: [] });
  if (options.sets.some(({ plan }) => plan.failed.length > 0)) {
    return notCompared('the target is in a failed state (target-migration-failed): its schema holds part of a migration, so it was not compared with the applied ones');
  }
  let replayed = options.sets.flatMap(({ plan, migrations }) => appliedMigrations(migrations, plan.pending, plan.skipped.flatMap((issue) => (issue.migration ? [issue.migration] : []))));
  const base: BaseSql = { setup: await readSetup(options.config.database, options.cwd) };
  const baselinePath = options.config.database.baseline;
  if (baselinePath !== undefined) {
    const history = await readBaselineHistory(options.cwd, baselinePath, undefined);
    const inBaseline = (m: Migration): boolean => history.addedAfter === undefined || !history.addedAfter.has(m.path);
    const pendingHeld = options.sets.flatMap(({ plan }) => plan.pending).filter(inBaseline);
    if (pendingHeld.length > 0) {
      return notCompared(`the baseline ${baselinePath} holds ${pendingHeld[0]!.path}, which the target has not applied, so it stands for more than the target has`);
    }
    base.baseline = { kind: 'baseline', label: baselinePath, path: baselinePath, raw: history.raw };
    replayed = replayed.filter((m) => !inBaseline(m));
  }
  const targetSchema: ComparedSchema = { snapshot: await session.snapshot(), indexTables: indexTablesOf(await session.select(INDEX_TABLES_SQL)) };
  // Also with nothing applied: an empty database is not an empty snapshot (schema public, plpgsql).
  const result = await replayApplied({
    migrations: replayed,
    base,
    config: options.config,
    targetMajor: session.serverMajor,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.sharedServer ? { sharedServer: options.sharedServer } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  if (!result.ok) return notCompared(result.reason);
  const expected = result.schema;
  const server = result.server;
  const note =
    result.serverMajor === session.serverMajor
      ? undefined
      : `replayed on PostgreSQL ${result.serverMajor}, the target is ${session.serverMajor}: a definition that differs only in how that version prints it shows as drift`;
  const objects = compareSchemas(
    expected,
    targetSchema,
    options.sets.map(({ plan }) => plan.table),
  );
  const drift: PlanDrift = {
    status: 'compared',
    replayed: replayed.length,
    server,
    ...(note ? { note } : {}),
    objects: objects.map(({ object, change }) => ({ object, change })),
  };
  return { drift, objects };
}

const RELATION_KINDS = new Set(['table', 'partitioned table', 'foreign table', 'view', 'materialized view']);
const CHILD_KINDS = new Set(['column', 'constraint', 'trigger', 'policy']);

/**
 * Object differences between the replayed schema and the target's, one per object: bookkeeping
 * left out, and a table that is missing or extra as a whole is one difference, not one for each of
 * its columns, constraints and indexes too.
 */
function compareSchemas(replayed: ComparedSchema, target: ComparedSchema, trackingTables: readonly string[]): ObjectDrift[] {
  const indexTables = new Map([...replayed.indexTables, ...target.indexTables]);
  const ownerOf = (key: string, object: SnapshotObject): string | undefined => {
    if (CHILD_KINDS.has(object.kind)) return object.name.slice(0, object.name.lastIndexOf('.'));
    if (object.kind === 'index') return indexTables.get(key);
    const ownedBy = object.kind === 'sequence' ? object.attributes['owned by'] : undefined;
    return ownedBy ? ownedBy.slice(0, ownedBy.lastIndexOf('.')) : undefined;
  };
  const tracking = new Set<string>();
  const schemas = new Set<string>();
  for (const display of trackingTables) {
    const { schema = 'public', name } = parseTableName(display);
    tracking.add(schema === 'public' ? name : `${schema}.${name}`);
    // Drizzle's `drizzle` schema: the runner makes it, unless a migration does too.
    if (schema !== 'public' && !replayed.snapshot.has(`schema ${schema}`)) schemas.add(`schema ${schema}`);
  }
  const keep = (snapshot: SchemaSnapshot): SchemaSnapshot =>
    new Map(
      [...snapshot].filter(([key, object]) => {
        if (schemas.has(key)) return false;
        if (RELATION_KINDS.has(object.kind) && tracking.has(object.name)) return false;
        const owner = ownerOf(key, object);
        return owner === undefined || !tracking.has(owner);
      }),
    );
  const expected = keep(replayed.snapshot);
  const actual = keep(target.snapshot);
  const differences = diffSnapshots(expected, actual);
  const whole = new Map<string, SchemaDifference['change']>();
  for (const difference of differences) {
    const object = (difference.change === 'missing' ? expected : actual).get(difference.object);
    if (object && RELATION_KINDS.has(object.kind) && difference.change !== 'changed') whole.set(object.name, difference.change);
  }
  const byObject = new Map<string, ObjectDrift>();
  for (const difference of differences) {
    const object = (difference.change === 'missing' ? expected : actual).get(difference.object);
    const owner = object ? ownerOf(difference.object, object) : undefined;
    if (owner !== undefined && whole.get(owner) === difference.change) continue;
    let drift = byObject.get(difference.object);
    if (!drift) {
      drift = { object: difference.object, change: difference.change, details: [] };
      byObject.set(difference.object, drift);
    }
    if (difference.change === 'changed') {
      // describeDifference says `object: attribute was → now`; the object is said once per finding.
      drift.details.push(describeDifference(difference, { missing: '', extra: '' }).slice(difference.object.length + 2));
    }
  }
  return [...byObject.values()];
}

/** The applied migrations of a plan, in the runner's order: neither pending nor skipped by it. */
export function appliedMigrations(migrations: readonly Migration[], pending: readonly Migration[], skipped: readonly Migration[]): Migration[] {
  const notApplied = new Set([...pending, ...skipped].map((m) => m.path));
  return migrations.filter((m) => !notApplied.has(m.path));
}
