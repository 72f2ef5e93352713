// The invalid-index findings of one applied migration: the indexes invalid right after it that it
// made so (new, or valid before), and those already invalid that one of its statements named (a
// CREATE INDEX ... IF NOT EXISTS that skipped the broken index, an ALTER INDEX). Each is located at
// the statement that named or created it, else at the migration's first statement.

import { parseSync, scanSync } from 'libpg-query';
import type { IndexInfo } from '../db/catalog.js';
import type { MigrationScript, ScriptStatement } from '../db/script.js';
import { createFinding } from '../lint/findings.js';
import { as } from '../sql/ast.js';
import { positionAt } from '../sql/source.js';
import type { Finding, SeveritySetting } from '../types.js';

export interface IndexStates {
  indexesBefore: ReadonlyMap<string, IndexInfo>;
  indexesAfter: ReadonlyMap<string, IndexInfo>;
}

export function invalidIndexFindings(
  severities: ReadonlyMap<string, SeveritySetting>,
  script: MigrationScript,
  states: IndexStates,
  outsideTransaction: string,
): Finding[] {
  const statements = script.units.flatMap((unit) => unit.statements);
  const mentions = statements.map(indexMentions);
  const findings: Finding[] = [];
  for (const index of states.indexesAfter.values()) {
    if (index.valid) continue;
    const before = states.indexesBefore.get(index.oid);
    const name = lastPart(index.name);
    const naming = statements.find((_, i) => mentions[i]!.names.has(name));
    // Already invalid and untouched: an earlier migration's problem, not this one's.
    if (before && !before.valid && !naming) continue;
    const creating = naming ?? statements.find((_, i) => mentions[i]!.creatingOn.has(lastPart(index.table)));
    const at = naming ?? creating ?? statements[0];
    const messageId = index.partitioned ? 'partitioned' : before && !before.valid ? 'left-invalid' : 'invalid';
    const finding = createFinding(severities, {
      rule: 'invalid-index',
      messageId,
      path: script.path,
      ...positionAt(script.source, at?.start ?? 0),
      data: { index: index.name, table: index.table, create: concurrently(index.definition ?? ''), outside: outsideTransaction },
      ...(at ? { statement: at.text } : {}),
    });
    if (finding) findings.push(finding);
  }
  return findings;
}

/** What a statement says about indexes: those it names, and the tables it builds an unnamed index on. */
function indexMentions(statement: ScriptStatement): { names: Set<string>; creatingOn: Set<string> } {
  const names = new Set<string>();
  const creatingOn = new Set<string>();
  let node;
  try {
    node = parseSync(statement.text).stmts?.[0]?.stmt;
  } catch {
    return { names, creatingOn };
  }
  const create = as(node, 'IndexStmt');
  if (create?.idxname) names.add(create.idxname);
  else if (create?.relation?.relname) creatingOn.add(create.relation.relname);
  const alter = as(node, 'AlterTableStmt');
  if (alter?.objtype === 'OBJECT_INDEX' && alter.relation?.relname) names.add(alter.relation.relname);
  const reindex = as(node, 'ReindexStmt');
  if (reindex?.kind === 'REINDEX_OBJECT_INDEX' && reindex.relation?.relname) names.add(reindex.relation.relname);
  return { names, creatingOn };
}

function lastPart(displayName: string): string {
  return displayName.slice(displayName.lastIndexOf('.') + 1);
}

/** `CREATE [UNIQUE] INDEX name ON ...` as Postgres prints it, with CONCURRENTLY after INDEX (found by the scanner). */
function concurrently(definition: string): string {
  const bytes = Buffer.from(definition);
  const keyword = scanSync(definition).tokens?.find((token) => token.keywordKind !== 0 && token.text.toUpperCase() === 'INDEX');
  if (!keyword) return definition;
  return `${bytes.subarray(0, keyword.end).toString()} CONCURRENTLY${bytes.subarray(keyword.end).toString()}`;
}
