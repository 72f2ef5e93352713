// Turns what the database stage saw into findings of the database rules, located in the file as
// written: the statement's line, or the exact character Postgres pointed at. Findings about a
// separate rollback file (paired `_rollback.sql`, `.down.sql`, Flyway `U`) belong to that file.

import type { StatementFailure } from '../db/execute.js';
import { missingExtension } from '../db/extensions.js';
import { isTableLike } from '../db/lock-modes.js';
import type { MigrationScript } from '../db/script.js';
import type { TraceResult } from '../db/trace.js';
import { createFinding, type MessageData } from '../lint/findings.js';
import type { AppliedAs, LockTraceEntry } from '../report/report.js';
import { positionAt } from '../sql/source.js';
import type { Finding, SeveritySetting } from '../types.js';
import { DatabaseIgnores } from './ignores.js';
import { pendingBatchFinding } from './pending-batch.js';
import { describeDifference, type DifferenceWording, type SchemaDifference } from './diff.js';
import { columnOrderOnly, reapplyFollowsRollback, type FileEvidence, type ObservedStatement } from './evidence.js';
import { invalidIndexFindings } from './invalid-indexes.js';
import type { RoundTripOutcome } from './round-trip.js';
import type { MigrationVerification } from './verify-set.js';

export interface VerificationFindings {
  /** Findings in the migration file itself. */
  migration: Finding[];
  /** Findings in a separate rollback file, by its path. */
  rollback: { path: string; findings: Finding[] } | undefined;
  locks: LockTraceEntry[];
  /** What the trace saw, for settling the static rules' predictions (evidence.ts). */
  evidence: FileEvidence;
}

/** Differences listed in a message before "and N more". */
const LISTED_DIFFERENCES = 8;

export interface FindingOptions {
  severities: ReadonlyMap<string, SeveritySetting>;
  /** The client-side limit, for the message of a statement the gate stopped waiting for. */
  queryTimeoutMs: number;
  /** Who applied the migrations, for the remedy of a statement refused for want of a privilege. */
  appliedAs?: AppliedAs;
}

export function verificationFindings(verification: MigrationVerification, options: FindingOptions): VerificationFindings {
  const { severities } = options;
  const migration: Finding[] = [];
  const rollbackFindings: Finding[] = [];
  const add = (into: Finding[], finding: Finding | undefined): void => {
    if (finding) into.push(finding);
  };
  const { script, failure, trace, roundTrip, downScript, catalog } = verification;
  const observed: ObservedStatement[] = [];
  if (script && failure) add(migration, failureFinding(options, 'apply-failed', script, failure));
  const batch = verification.pendingBatchFailure;
  if (script && batch) add(migration, pendingBatchFinding(severities, script, batch, errorText(batch.failure)));
  if (script && trace) migration.push(...traceFindings(severities, script, trace, observed));
  if (script && catalog) {
    migration.push(...invalidIndexFindings(severities, script, catalog, verification.migration.scope.outsideTransaction));
  }

  if (script && downScript && roundTrip) {
    const inRollbackFile = downScript.path !== script.path;
    const downInto = inRollbackFile ? rollbackFindings : migration;
    if (roundTrip.downFailure) add(downInto, failureFinding(options, 'rollback-failed', downScript, roundTrip.downFailure));
    // What the rollback left behind is what applying again trips over: one finding, the mismatch, says both.
    const follows = reapplyFollowsRollback(roundTrip);
    add(downInto, rollbackDifferencesFinding(options, script, downScript, roundTrip, follows));
    if (roundTrip.reapplyFailure && follows !== 'failure') add(migration, failureFinding(options, 'reapply-failed', script, roundTrip.reapplyFailure));
    if (roundTrip.reapplyDifferences.length > 0 && follows !== 'differences') {
      add(migration, differencesFinding(severities, 'reapply-failed', 'mismatch', script, roundTrip.reapplyDifferences, REAPPLY_WORDING));
    }
  }
  // Which rules really checked the whole file, so that an ignore naming them and suppressing nothing is stale.
  const applied = verification.apply.status === 'applied';
  const rollbackJudged = new Set(roundTrip ? (roundTrip.downFailure ? ['rollback-failed'] : ['rollback-failed', 'rollback-mismatch']) : []);
  const migrationJudged = new Set(applied ? ['apply-failed', 'table-rewrite', 'access-exclusive-lock', 'fk-missing-index', 'invalid-index'] : []);
  if (applied && roundTrip && !roundTrip.downFailure) migrationJudged.add('reapply-failed');
  const separateRollback = downScript !== undefined && script !== undefined && downScript.path !== script.path;
  if (!separateRollback) for (const rule of rollbackJudged) migrationJudged.add(rule);

  const rollback = separateRollback ? { path: downScript.path, findings: withIgnores(options, downScript, rollbackFindings, rollbackJudged) } : undefined;
  return {
    migration: script ? withIgnores(options, script, migration, migrationJudged) : migration,
    rollback,
    locks: trace?.statements.flatMap((statement) => statement.locks) ?? [],
    evidence: { statements: observed, ...(catalog?.timeZone ? { timeZone: catalog.timeZone } : {}) },
  };
}

const ROLLBACK_WORDING: DifferenceWording = { missing: 'not restored by the rollback', extra: 'left behind by the rollback' };
const REAPPLY_WORDING: DifferenceWording = { missing: 'missing after applying again', extra: 'extra after applying again' };

/**
 * The rollback-mismatch finding, with what applying again then did when that follows from the
 * mismatch; a rollback that only moved columns is a note (Postgres cannot put them back).
 */
function rollbackDifferencesFinding(
  options: FindingOptions,
  up: MigrationScript,
  down: MigrationScript,
  roundTrip: RoundTripOutcome,
  follows: ReturnType<typeof reapplyFollowsRollback>,
): Finding | undefined {
  const { rollbackDifferences, reapplyFailure, reapplyDifferences } = roundTrip;
  if (rollbackDifferences.length === 0) return undefined;
  const finding = (messageId: string, extra: MessageData = {}) =>
    differencesFinding(options.severities, 'rollback-mismatch', messageId, down, rollbackDifferences, ROLLBACK_WORDING, extra);
  if (columnOrderOnly(rollbackDifferences)) return finding('column-order');
  if (follows === 'failure' && reapplyFailure) return finding('mismatch-reapply-failed', { error: `${up.path}:${positionAt(up.source, reapplyFailure.offset).line}: ${errorText(reapplyFailure)}` });
  if (follows === 'differences') return finding('mismatch-reapply-differs', { reapplied: listed(reapplyDifferences, REAPPLY_WORDING) });
  return finding('mismatch');
}

/** The findings its ignore directives leave, plus `unused-ignore` for directives of judged rules that suppressed nothing. */
function withIgnores(options: FindingOptions, script: MigrationScript, findings: Finding[], judged: ReadonlySet<string>): Finding[] {
  const ignores = new DatabaseIgnores(script);
  const statements = script.units.flatMap((unit) => unit.statements);
  const starts = statements.map((statement) => ({ start: statement.start, ...positionAt(script.source, statement.start) }));
  const kept = findings.filter((finding) => {
    // The statement a finding belongs to is the last one starting at or before its position.
    let anchor = starts[0]?.start ?? 0;
    for (const start of starts) {
      if (start.line < finding.line || (start.line === finding.line && start.column <= finding.column)) anchor = start.start;
    }
    return !ignores.ignores(finding.rule, anchor);
  });
  for (const unused of ignores.unused(judged)) {
    const finding = createFinding(options.severities, {
      rule: 'unused-ignore',
      messageId: 'suppresses-nothing',
      path: script.path,
      line: unused.line,
      column: unused.column,
      data: { rules: unused.rules.join(', '), scope: unused.scope },
    });
    if (finding) kept.push(finding);
  }
  return kept;
}

/** Findings of `script`'s file without those its ignore directives cover (anchored at their statement). */

function failureFinding(
  { severities, queryTimeoutMs, appliedAs }: FindingOptions,
  rule: 'apply-failed' | 'rollback-failed' | 'reapply-failed',
  script: MigrationScript,
  failure: StatementFailure,
): Finding | undefined {
  const messageId = rule === 'apply-failed' ? timeoutMessageId(failure.code) ?? 'failed' : 'failed';
  const data: MessageData = {
    runner: failure.runner,
    error: errorText(failure),
    remedy: remedyFor(failure, appliedAs),
    seconds: Math.round(queryTimeoutMs / 100) / 10,
  };
  return createFinding(severities, { rule, messageId, path: script.path, ...positionAt(script.source, failure.offset), data, statement: failure.statement.text });
}

function timeoutMessageId(code: string | undefined): string | undefined {
  if (code === '55P03') return 'lock-timeout';
  if (code === '57014') return 'statement-timeout';
  if (code === 'query-timeout') return 'query-timeout';
  return undefined;
}

function errorText(failure: StatementFailure): string {
  const code = failure.code && failure.code !== 'query-timeout' ? ` (SQLSTATE ${failure.code})` : '';
  const detail = failure.detail ? `; ${failure.detail.replace(/\.$/, '')}` : '';
  return `${failure.message.replace(/\.$/, '')}${detail}${code}`;
}

/** What to do, for the errors migrations most often meet; Postgres's own hint otherwise. */
const REMEDIES: Record<string, string> = {
  '25001': 'Run this statement outside a transaction: put it alone in a migration file of its own that the runner does not wrap in a transaction (or end the transaction with COMMIT before it).',
  '55P04': 'Commit ALTER TYPE ... ADD VALUE before using the new value: put the ADD VALUE in a migration of its own.',
  '42P01': 'Create the table in an earlier migration, or fix its name (schema and case included).',
  '42703': 'Check the column name against the table as the earlier migrations define it.',
  '42P07': 'The object already exists after the earlier migrations: drop the duplicate, or rename it.',
  '42710': 'The object already exists after the earlier migrations: drop the duplicate, or rename it.',
  '23502': 'Existing rows have NULL here: backfill them first, or add a DEFAULT.',
  '23505': 'Existing rows have duplicate values: clean them up before adding the unique constraint or index.',
};

function remedyFor(failure: StatementFailure, appliedAs: AppliedAs | undefined): string {
  const extension = missingExtension(failure);
  if (extension) return `${extension.remedy.charAt(0).toUpperCase()}${extension.remedy.slice(1)}.`;
  if (failure.code === '42501' && appliedAs?.migratorRole) {
    return (
      'The gate applies migrations as a role of its own that owns the scratch database but is not a superuser (README, "Security model"), ' +
      'so what needs a superuser (an untrusted extension, COPY ... PROGRAM, ALTER SYSTEM, a SUPERUSER role) fails here. ' +
      'If your deploy runs migrations as a superuser, create what needs one in `database.setup`, or set `database.superuser: true` in the config.'
    );
  }
  if (failure.code === '42501' && appliedAs) return `The migrations ran as "${appliedAs.user}", the user in the database URL, which lacks this privilege: grant it, or give the gate a user that has it.`;
  const known = failure.code ? REMEDIES[failure.code] : undefined;
  if (known) return known;
  if (failure.hint) return `Postgres's hint: ${failure.hint}`;
  return 'Fix the statement so that it applies on top of the migrations before it, then run the check again.';
}

function differencesFinding(
  severities: ReadonlyMap<string, SeveritySetting>,
  rule: 'rollback-mismatch' | 'reapply-failed',
  messageId: string,
  script: MigrationScript,
  differences: readonly SchemaDifference[],
  wording: DifferenceWording,
  extra: MessageData = {},
): Finding | undefined {
  const first = script.units.flatMap((unit) => unit.statements)[0];
  const at = positionAt(script.source, first?.start ?? 0);
  return createFinding(severities, {
    rule,
    messageId,
    path: script.path,
    ...at,
    data: {
      count: differences.length,
      differenceCount: `${differences.length} difference${differences.length === 1 ? '' : 's'}`,
      columnCount: differences.length === 1 ? '1 column' : `${differences.length} columns`,
      differences: listed(differences, wording),
      ...extra,
    },
  });
}

function listed(differences: readonly SchemaDifference[], wording: DifferenceWording): string {
  const shown = differences.slice(0, LISTED_DIFFERENCES).map((difference) => describeDifference(difference, wording));
  const more = differences.length > LISTED_DIFFERENCES ? `; and ${differences.length - LISTED_DIFFERENCES} more` : '';
  return `${shown.join('; ')}${more}`;
}

/** The trace's findings, and what it saw of each statement into `observed`. */
function traceFindings(severities: ReadonlyMap<string, SeveritySetting>, script: MigrationScript, trace: TraceResult, observed: ObservedStatement[]): Finding[] {
  const findings: Finding[] = [];
  for (const { statement, locks, heldToCommit, validatedChecksBefore, lockTimeout } of trace.statements) {
    const at = positionAt(script.source, statement.start);
    const rewritten = locks.filter((lock) => lock.rewrite && (lock.relationKind === 'table' || lock.relationKind === 'materialized view'));
    const exclusive = locks.filter((lock) => lock.mode === 'AccessExclusiveLock' && isTableLike(kindCode(lock.relationKind)));
    const until = heldToCommit ? lockHeldUntil(script, statement.start) : 'the statement finishes';
    observed.push({
      start: at,
      end: positionAt(script.source, statement.end),
      rewritten: rewritten.map((lock) => lock.relation),
      exclusive: exclusive.map((lock) => lock.relation),
      locked: locks.map((lock) => lock.relation),
      until,
      validatedChecksBefore,
    });
    if (rewritten.length > 0) {
      const finding = createFinding(severities, { rule: 'table-rewrite', messageId: 'rewrite', path: script.path, ...at, data: { tables: relationList(rewritten) }, statement: statement.text });
      if (finding) findings.push(finding);
    }
    if (exclusive.length > 0) {
      // A lock_timeout the file or the runner set is not asked for again.
      const messageId = lockTimeout === '0' ? 'lock' : 'lock-timeout-set';
      const data = { tables: relationList(exclusive), until, timeout: lockTimeout };
      const finding = createFinding(severities, { rule: 'access-exclusive-lock', messageId, path: script.path, ...at, data, statement: statement.text });
      if (finding) findings.push(finding);
    }
  }
  for (const { foreignKey, statement } of trace.foreignKeys) {
    const table = foreignKey.schema === 'public' ? foreignKey.table : `${foreignKey.schema}.${foreignKey.table}`;
    const finding = createFinding(severities, {
      rule: 'fk-missing-index',
      messageId: 'missing-index',
      path: script.path,
      ...positionAt(script.source, statement.start),
      data: { constraint: foreignKey.name, table, columns: foreignKey.columns, referenced: foreignKey.referenced },
      statement: statement.text,
    });
    if (finding) findings.push(finding);
  }
  return findings;
}

function relationList(locks: readonly LockTraceEntry[]): string {
  const names = [...new Set(locks.map((lock) => lock.relation))];
  const kind = locks.every((lock) => lock.relationKind === 'table') ? (names.length === 1 ? 'table ' : 'tables ') : '';
  return `${kind}${names.join(', ')}`;
}

const KIND_CODES: Record<string, string> = { table: 'r', 'partitioned table': 'p', 'materialized view': 'm', 'foreign table': 'f', view: 'v' };

function kindCode(kindName: string): string {
  return KIND_CODES[kindName] ?? '';
}

/** The lock is held to the end of the transaction the statement ran in: the runner's or the file's. */
function lockHeldUntil(script: MigrationScript, offset: number): string {
  const unit = script.units.find((candidate) => candidate.statements.some((statement) => statement.start === offset));
  if (unit && unit.mode !== 'autocommit') return `${unit.runner} commits the migration`;
  return 'the transaction commits';
}
