// SET NOT NULL settled by the catalog. The static rule credits a validated CHECK (col IS NOT NULL)
// that it can read in the migrations (the file, the change, the merged history), but not one that
// came from elsewhere: a `database.baseline` dump, `database.setup`, SQL built at run time. The trace
// reads the validated checks in pg_constraint before each statement; when one proved the column NOT
// NULL before the SET NOT NULL ran, PostgreSQL 12 and later skip the scan (the lock is then brief),
// and the finding becomes a note saying which constraint settled it.

import { parseSync } from 'libpg-query';
import type { ValidatedCheck } from '../db/catalog.js';
import { columnsProvedNotNull } from '../lint/not-null-proofs.js';
import { as } from '../sql/ast.js';
import type { Finding } from '../types.js';
import { contains, sameRelation, type FileEvidence } from './evidence.js';

const CLAIM_RULE = 'adding-not-nullable-field';

/** PostgreSQL 12 taught SET NOT NULL to use a validated CHECK constraint. */
const CHECK_SKIPS_SCAN_SINCE = 12;

/** `targetMajor`: config `postgres-version`, which decides whether the check is used at all. */
export function settleNotNullClaims(findings: readonly Finding[], evidence: FileEvidence, targetMajor: number): Finding[] {
  if (targetMajor < CHECK_SKIPS_SCAN_SINCE) return [...findings];
  return findings.map((claim) => {
    if (claim.rule !== CLAIM_RULE || claim.statement === undefined) return claim;
    const observed = evidence.statements.find((statement) => contains(statement, claim));
    const target = observed?.validatedChecksBefore?.length ? setNotNullOf(claim.statement) : undefined;
    if (!observed || !target) return claim;
    // A statement can set several columns NOT NULL; its findings all point at its start, so it is
    // settled only when every one of them was proved.
    const proofs = target.columns.map((column) => observed.validatedChecksBefore!.find((check) => sameRelation(check.table, target) && provedColumns(check).includes(column)));
    if (proofs.some((proof) => proof === undefined)) return claim;
    const named = [...new Set(proofs.map((proof) => `${proof!.name} ${proof!.definition}`))].join(', ');
    const message = `${claim.message} Settled by the catalog: before this statement, the validated constraint ${named} on ${proofs[0]!.table} proved ${target.columns.join(', ')} NOT NULL, so PostgreSQL ${targetMajor} skips the scan and the lock is brief; this is a note.`;
    return { ...claim, severity: 'info', message };
  });
}

/** The table of an ALTER TABLE and the columns its SET NOT NULL commands name, read with the parser. */
function setNotNullOf(statement: string): { schema: string | undefined; name: string; columns: string[] } | undefined {
  let alter;
  try {
    alter = as(parseSync(statement).stmts?.[0]?.stmt, 'AlterTableStmt');
  } catch {
    return undefined;
  }
  const name = alter?.relation?.relname;
  const columns = (alter?.cmds ?? []).map((node) => as(node, 'AlterTableCmd')).filter((command) => command?.subtype === 'AT_SetNotNull').map((command) => command!.name ?? '');
  if (!name || columns.length === 0) return undefined;
  return { schema: alter?.relation?.schemaname || undefined, name, columns };
}

/** The columns a constraint definition (`CHECK ((email IS NOT NULL))`) proves NOT NULL. */
function provedColumns(check: ValidatedCheck): string[] {
  try {
    const alter = as(parseSync(`ALTER TABLE t ADD ${check.definition}`).stmts?.[0]?.stmt, 'AlterTableStmt');
    const command = as(alter?.cmds?.[0], 'AlterTableCmd');
    return columnsProvedNotNull(as(command?.def, 'Constraint')?.raw_expr);
  } catch {
    return [];
  }
}
