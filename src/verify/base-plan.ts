// Which migrations of a set the database stage applies when a baseline (config `database.baseline`)
// stands for the merged history: the dump replaces every migration it holds; merged migrations added
// after it are applied on top (and the report says the baseline is behind); the branch's new
// migrations are applied as always. A checked migration the dump already holds (a changed merged
// migration, or without a base one the dump was made after) cannot be applied again on top of it:
// it is skipped with the reason, and the run is not verified.

import type { BaselineHistory } from '../discover/baseline-history.js';
import type { Migration } from '../discover/index.js';

export interface SetBaseline {
  /** The dump's path as configured (relative to the working directory). */
  path: string;
  history: BaselineHistory;
}

export interface BasePlan {
  /** What is applied, in the runner's order. */
  migrations: Migration[];
  /** The checked migrations among them. */
  checked: Map<string, 'new' | 'modified'>;
  /** Checked migrations that are not applied, with why. */
  skipped: Map<string, string>;
  /** Merged migrations the baseline does not hold, applied on top of it. */
  newerThanBaseline: string[];
}

export function planBase(
  migrations: readonly Migration[],
  checked: ReadonlyMap<string, 'new' | 'modified'>,
  baseline: SetBaseline | undefined,
  /** `check --base`: the new migrations are the branch's, never the dump's. */
  withBase: boolean,
): BasePlan {
  if (!baseline) return { migrations: [...migrations], checked: new Map(checked), skipped: new Map(), newerThanBaseline: [] };
  const { addedAfter } = baseline.history;
  const inBaseline = (migration: Migration): boolean => addedAfter === undefined || !addedAfter.has(migration.path);
  const plan: BasePlan = { migrations: [], checked: new Map(), skipped: new Map(), newerThanBaseline: [] };
  for (const migration of migrations) {
    const status = checked.get(migration.path);
    if (status === 'modified') {
      plan.skipped.set(migration.path, `the base comes from the baseline ${baseline.path}, which holds this merged migration as it was before the change; a changed merged migration cannot be applied again on top of it`);
    } else if (status === 'new' && !withBase && inBaseline(migration)) {
      plan.skipped.set(migration.path, `the baseline ${baseline.path} holds it (${heldBecause(baseline)}); run with --base to check the migrations of a branch`);
    } else if (status === 'new') {
      plan.migrations.push(migration);
      plan.checked.set(migration.path, status);
    } else if (!inBaseline(migration)) {
      plan.migrations.push(migration);
      plan.newerThanBaseline.push(migration.path);
    }
  }
  return plan;
}

function heldBecause(baseline: SetBaseline): string {
  return baseline.history.addedAfter === undefined
    ? `${baseline.history.unknownBecause ?? 'git cannot tell'}, so it is taken to hold every migration`
    : 'it was added before the baseline last changed';
}
