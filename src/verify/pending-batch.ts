// Drizzle's migrator runs every pending migration in ONE transaction (drizzle-orm, PgDialect.migrate:
// `session.transaction(...)` around all of them, each file's `--> statement-breakpoint` pieces sent in
// turn), which the layout marks as `TransactionScope.batchesPending`. The database stage applies each
// new migration in a transaction of its own, so that its locks and its rollback are its own; some
// failures exist only in the one transaction: an enum value added by one file and used by the next
// ("unsafe use of new value", SQLSTATE 55P04, which enum-add-value-in-transaction predicts from the
// text), pending trigger events of an earlier file's rows (55006), a setting one file leaves for the
// next. So, after the per-file run, the new migrations of such a runner are applied once more, all
// together in one transaction, in a fresh clone of the base with the merged ones applied first (they
// are in production before the deploy runs the batch). A statement that fails there and not alone is
// reported as apply-failed with a message of its own.

import type { StatementFailure } from '../db/execute.js';
import type { MigrationScript } from '../db/script.js';
import type { Migration } from '../discover/index.js';
import { createFinding } from '../lint/findings.js';
import { positionAt } from '../sql/source.js';
import type { Finding, SeveritySetting } from '../types.js';
import type { Session } from './session.js';
import type { SetVerification, VerifySetOptions } from './verify-set.js';

export interface PendingBatchFailure {
  failure: StatementFailure;
  /** The pending migrations before it in the batch, as reported. */
  before: string[];
}

/**
 * Applies the new migrations of a batching runner together and puts a failure that the per-file run
 * did not see on the failing migration's verification. `applied`: the migrations from the first
 * checked one on that applied on their own, in order (a left-out one is left out here too).
 */
export async function verifyPendingBatch(
  options: Pick<VerifySetOptions, 'checked'>,
  applied: readonly Migration[],
  result: SetVerification,
  freshSession: () => Promise<Session>,
): Promise<void> {
  const pending = applied.filter((migration) => options.checked.get(migration.path) === 'new' && migration.scope.batchesPending);
  // One pending migration is one transaction either way; an edited merged one does not run again.
  if (pending.length < 2) return;
  const session = await freshSession();
  for (const migration of applied) {
    if (pending.includes(migration)) continue;
    // A merged migration that applies only after a new one: the order is the set rules' finding.
    if (await session.applyPlain(migration)) return;
  }
  result.pendingBatch = pending.map((migration) => migration.path);
  const failed = await session.applyTogether(pending);
  if (!failed) return;
  const before = pending.slice(0, pending.indexOf(failed.migration)).map((migration) => migration.path);
  const verification = result.migrations.find((candidate) => candidate.migration === failed.migration);
  // The first of the batch failing is no failure of the batch: it starts as it does alone.
  if (before.length === 0 || verification?.apply.status !== 'applied') return;
  verification.pendingBatchFailure = { failure: failed.failure, before };
}

/** What to do instead, for a statement that fails only in the batch. */
function remedyFor(failure: StatementFailure, before: readonly string[]): string {
  const earlier = before.length === 1 ? before[0]! : `${before.at(-1)!} (and the pending migrations before it)`;
  const commitFirst =
    'or start this migration with `COMMIT;` and a `--> statement-breakpoint` line, so that what the migrations before it did is committed first ' +
    "(the statements after it then run outside the migrator's transaction, no longer atomic with the rest of the batch)";
  if (failure.code === '55P04') return `The enum value is added by a pending migration before this one and is not committed yet: deploy ${earlier} on its own before this migration, ${commitFirst}.`;
  return `Deploy ${earlier} on its own before this migration, ${commitFirst}.`;
}

/** The apply-failed finding of a statement that fails only in the one transaction of the batch. */
export function pendingBatchFinding(
  severities: ReadonlyMap<string, SeveritySetting>,
  script: MigrationScript,
  batch: PendingBatchFailure,
  error: string,
): Finding | undefined {
  const { failure, before } = batch;
  const listed = before.length <= 3 ? before.join(', ') : `${before.slice(0, 3).join(', ')} and ${before.length - 3} more`;
  return createFinding(severities, {
    rule: 'apply-failed',
    messageId: 'pending-batch',
    path: script.path,
    ...positionAt(script.source, failure.offset),
    data: { runner: failure.runner, before: listed, error, remedy: remedyFor(failure, before) },
    statement: failure.statement.text,
  });
}
