// What the database showed settles what the static rules could only predict, so one fact is one
// finding. A static rule that predicts a rewrite (changing-column-type, adding-field-with-default,
// ban-vacuum-full-and-cluster)
// and the trace that saw it (table-rewrite, plus access-exclusive-lock for the lock the rewrite ran
// under) are one finding: the static one, its message extended with what was observed. When the
// trace shows no rewrite of that table at that statement, the prediction is lowered to a note. The
// pairing is by position (the claim lies inside the traced statement) and by table (the one the
// claim's statement alters), never by list position. The rollback round trip is settled here too: a
// rollback that only moved columns is a note, and a reapply failure caused by what the rollback left
// is folded into the rollback mismatch.

import { parseSync } from 'libpg-query';
import { as, typeNameOf, walkTree } from '../sql/ast.js';
import type { ValidatedCheck } from '../db/catalog.js';
import { RISK_RANK, SEVERITY_RANK, type Finding, type Position } from '../types.js';
import type { SchemaDifference } from './diff.js';

/** What the trace saw of one statement of the migration, as plain data. */
export interface ObservedStatement {
  start: Position;
  /** Just past the statement's last token. */
  end: Position;
  /** Tables and materialized views it rewrote. */
  rewritten: string[];
  /** Tables it took ACCESS EXCLUSIVE on (not held already in its transaction). */
  exclusive: string[];
  /** Every relation it locked more strongly than before; all of them existed before the migration. */
  locked: string[];
  /** Until when its locks last, in words ("the transaction commits"). */
  until: string;
  /** The validated CHECK constraints that may prove columns NOT NULL when it started (not-null-evidence.ts). */
  validatedChecksBefore?: readonly ValidatedCheck[];
}

export interface FileEvidence {
  /** The traced statements of the migration, in order. */
  statements: ObservedStatement[];
  /** The session's TimeZone after the migration (timestamp ↔ timestamptz rewrites depend on it). */
  timeZone?: string;
}

export interface Versions {
  /** Major version of the server the database stage used. */
  server: number;
  /** Config `postgres-version`: the major the static rules judged for. */
  target: number;
}

/** Static rules whose every message predicts a rewrite of the altered table under ACCESS EXCLUSIVE. */
const REWRITE_CLAIMS = new Set(['changing-column-type', 'adding-field-with-default', 'ban-vacuum-full-and-cluster']);

/**
 * Of those, the ones whose statement rewrites on every version (VACUUM FULL, CLUSTER): a trace that
 * did not see the rewrite missed it rather than disproved it, so only a seen rewrite settles them.
 */
const ALWAYS_REWRITES = new Set(['ban-vacuum-full-and-cluster']);

/**
 * Which of those statements rewrite last changed in PostgreSQL 12 (11: a constant or stable ADD
 * COLUMN default is kept in the catalog; 12: timestamp ↔ timestamptz under TimeZone UTC keeps the
 * file; varchar widening and varchar → text have skipped the rewrite since 9.2). From 12 on, what one
 * major shows holds for another.
 */
const REWRITES_SETTLED_SINCE = 12;

function sameRewrites({ server, target }: Versions): boolean {
  return server === target || (server >= REWRITES_SETTLED_SINCE && target >= REWRITES_SETTLED_SINCE);
}

/** The findings of one migration file with the static rewrite predictions settled by the trace. */
export function settleStaticClaims(findings: readonly Finding[], evidence: FileEvidence, versions: Versions): Finding[] {
  const dropped = new Set<Finding>();
  const settled = new Map<Finding, Finding>();
  for (const claim of findings) {
    if (!REWRITE_CLAIMS.has(claim.rule) || claim.statement === undefined) continue;
    const index = evidence.statements.findIndex((statement) => contains(statement, claim));
    const observed = evidence.statements[index];
    const target = observed && claimedTable(claim.statement);
    if (!observed || !target) continue;
    const isTarget = (relation: string): boolean => sameRelation(relation, target);
    if (observed.rewritten.some(isTarget)) {
      // The trace's own findings of that statement say the same thing only when they name no other table.
      const duplicates = findings.filter(
        (finding) =>
          finding.line === observed.start.line &&
          finding.column === observed.start.column &&
          ((finding.rule === 'table-rewrite' && observed.rewritten.every(isTarget)) || (finding.rule === 'access-exclusive-lock' && observed.exclusive.every(isTarget))),
      );
      for (const duplicate of duplicates) dropped.add(duplicate);
      settled.set(claim, confirmed(claim, duplicates, observed, versions));
      continue;
    }
    // A statement that rewrote other tables (the partitions of a partitioned table, say) settles nothing
    // about this one; and only a table the trace watched (one that existed before the migration) can
    // show that it was not rewritten.
    if (observed.rewritten.length > 0 || ALWAYS_REWRITES.has(claim.rule)) continue;
    const watched = evidence.statements.slice(0, index + 1).some((statement) => statement.locked.some(isTarget));
    if (watched) settled.set(claim, disproved(claim, target, evidence, versions));
  }
  return findings.filter((finding) => !dropped.has(finding)).map((finding) => settled.get(finding) ?? finding);
}

function confirmed(claim: Finding, duplicates: readonly Finding[], observed: ObservedStatement, { server }: Versions): Finding {
  let { severity, risk } = claim;
  for (const duplicate of duplicates) {
    if (SEVERITY_RANK[duplicate.severity] > SEVERITY_RANK[severity]) severity = duplicate.severity;
    if (RISK_RANK[duplicate.risk] > RISK_RANK[risk]) risk = duplicate.risk;
  }
  const message = `${claim.message} Observed: the table was rewritten on PostgreSQL ${server}, under an ACCESS EXCLUSIVE lock held until ${observed.until}.`;
  return { ...claim, severity, risk, message };
}

function disproved(claim: Finding, target: ClaimedTable, evidence: FileEvidence, versions: Versions): Finding {
  const { server, target: configured } = versions;
  const timeZone = target.timestampChange && evidence.timeZone ? ` The session's TimeZone was ${evidence.timeZone}; under another TimeZone this change rewrites the table.` : '';
  if (!sameRewrites(versions)) {
    const message = `${claim.message} No rewrite observed on PostgreSQL ${server}, but the config targets PostgreSQL ${configured}, where this can differ: run the check on a PostgreSQL ${configured} server to settle it.${timeZone}`;
    return { ...claim, message };
  }
  const targetNote = server === configured ? '' : ` PostgreSQL ${configured}, the config's target, decides this the same way.`;
  const message = `${claim.message} No rewrite observed on PostgreSQL ${server}: the table kept its data file, so this is a note.${targetNote}${timeZone}`;
  return { ...claim, severity: 'info', message };
}

/** The traced statement whose span holds `at` (a finding's position), if any. */
export function observedStatementAt(evidence: FileEvidence, at: Position): ObservedStatement | undefined {
  return evidence.statements.find((statement) => contains(statement, at));
}

/** The claim's position lies inside the traced statement. */
export function contains(statement: ObservedStatement, at: Position): boolean {
  return !before(at, statement.start) && before(at, statement.end);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

interface ClaimedTable {
  schema: string | undefined;
  name: string;
  /** The statement changes a column to or from timestamp[tz]. */
  timestampChange: boolean;
}

/** The table a claim is about (what its ALTER TABLE alters, or the one table VACUUM FULL / CLUSTER names), read with the parser. */
function claimedTable(statement: string): ClaimedTable | undefined {
  let node;
  try {
    node = parseSync(statement).stmts?.[0]?.stmt;
  } catch {
    return undefined;
  }
  const vacuumed = as(node, 'VacuumStmt')?.rels;
  const maintained = vacuumed?.length === 1 ? as(vacuumed[0], 'VacuumRelation')?.relation : as(node, 'ClusterStmt')?.relation;
  if (maintained?.relname) return { schema: maintained.schemaname || undefined, name: maintained.relname, timestampChange: false };
  const alter = as(node, 'AlterTableStmt');
  const name = alter?.relation?.relname;
  if (!alter || !name) return undefined;
  const timestampChange = (alter.cmds ?? []).some((node) => {
    const command = as(node, 'AlterTableCmd');
    return command?.subtype === 'AT_AlterColumnType' && ['timestamp', 'timestamptz'].includes(typeNameOf(as(command.def, 'ColumnDef')?.typeName));
  });
  return { schema: alter.relation?.schemaname || undefined, name, timestampChange };
}

/** The trace names relations `name` in schema public and `schema.name` elsewhere; an unqualified claim matches either. */
export function sameRelation(traced: string, claimed: Pick<ClaimedTable, 'schema' | 'name'>): boolean {
  if (claimed.schema !== undefined) return traced === (claimed.schema === 'public' ? claimed.name : `${claimed.schema}.${claimed.name}`);
  return traced === claimed.name || traced.endsWith(`.${claimed.name}`);
}

/**
 * The rollback only put columns back at other positions: Postgres adds a re-created column at the
 * end and cannot reorder columns without recreating the table, so no down script could do better.
 */
export function columnOrderOnly(differences: readonly SchemaDifference[]): boolean {
  return differences.length > 0 && differences.every((difference) => difference.change === 'changed' && difference.attribute === 'position' && difference.object.startsWith('column '));
}

/** Kinds of snapshot object named after the table they belong to (`column users.email`). */
const OWNED_KINDS = ['column', 'constraint', 'trigger', 'policy'];

export interface RoundTripDifferences {
  rollbackDifferences: readonly SchemaDifference[];
  /** The statement that failed when the migration was applied again after its rollback. */
  reapplyFailure?: { statement: { text: string } };
  reapplyDifferences: readonly SchemaDifference[];
}

/**
 * How the rollback's differences and what applying again did are one act: `failure` when applying
 * again failed on an object the rollback left behind or did not restore, `differences` when the
 * second apply differs only in objects the rollback already got wrong (or only in column order
 * after a rollback that only moved columns), `none` when the two are separate problems.
 */
export function reapplyFollowsRollback({ rollbackDifferences, reapplyFailure, reapplyDifferences }: RoundTripDifferences): 'failure' | 'differences' | 'none' {
  if (rollbackDifferences.length === 0) return 'none';
  const orderOnly = columnOrderOnly(rollbackDifferences);
  if (reapplyFailure) {
    // Columns at other positions are all there: nothing to trip over.
    return !orderOnly && namesDifferingObject(rollbackDifferences, reapplyFailure.statement.text) ? 'failure' : 'none';
  }
  if (reapplyDifferences.length === 0) return 'none';
  if (orderOnly) return columnOrderOnly(reapplyDifferences) ? 'differences' : 'none';
  const objects = new Set(rollbackDifferences.map((difference) => difference.object));
  return reapplyDifferences.every((difference) => objects.has(difference.object)) ? 'differences' : 'none';
}

/** The failing statement (read with the parser) names an object that differs after the rollback. */
function namesDifferingObject(rollbackDifferences: readonly SchemaDifference[], failedStatement: string): boolean {
  const names = namesIn(failedStatement);
  return rollbackDifferences.some((difference) => {
    const space = difference.object.indexOf(' ');
    const kind = difference.object.slice(0, space);
    // `lower_email(text)`: the arguments are not part of the name.
    const parts = difference.object.slice(space + 1).replace(/\(.*$/, '').split('.');
    const own = parts.at(-1)!;
    if (OWNED_KINDS.includes(kind)) return parts.length > 1 && names.has(own) && names.has(parts.at(-2)!);
    return names.has(own);
  });
}

/** Keys of the parse tree that hold the name of an object a statement creates, alters or refers to. */
const NAME_KEYS = new Set(['relname', 'idxname', 'colname', 'conname', 'trigname', 'schemaname', 'extname', 'policy_name', 'name', 'newname']);

/** The identifiers a statement names: relations, indexes, columns, constraints, types, functions. */
function namesIn(statement: string): Set<string> {
  const names = new Set<string>();
  let tree;
  try {
    tree = parseSync(statement);
  } catch {
    return names;
  }
  walkTree(tree, (key, value) => {
    if (typeof value === 'string' && NAME_KEYS.has(key)) names.add(value);
    // Parts of qualified names (types, functions, sequences) are String nodes; constants are not.
    if (key === 'String') {
      const part = (value as { sval?: unknown }).sval;
      if (typeof part === 'string') names.add(part);
    }
  });
  return names;
}
