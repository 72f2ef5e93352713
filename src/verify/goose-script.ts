// The Up or Down section of a goose file, cut into what goose sends (pressly/goose
// migration_sql.go, runSQLMigration). In a transaction, goose sends each statement of its splitter
// with `tx.ExecContext` between BEGIN and COMMIT: the parser's statements inside one transaction
// give the same result (discovery reports where the splitter would cut a statement, goose-invalid).
// With NO TRANSACTION each of goose's statements is one `db.ExecContext`, in autocommit: one that
// holds several SQL statements (`SELECT 1; SELECT 2;` on a line) is one query, which Postgres runs
// as one implicit transaction, so it is sent as such; the others go statement by statement, and a
// file's own BEGIN ... COMMIT around them still holds.

import { buildScript, type ScriptPart, type ScriptResult } from '../db/script.js';
import { GOOSE_NO_TRANSACTION_SCOPE, GOOSE_SCOPE, maskOutside, parseGooseFile, type GooseStatement } from '../discover/index.js';
import { parseSource } from '../sql/parse.js';
import { decodeSource } from '../sql/source.js';
import type { TransactionScope } from '../types.js';

/** One query that may hold several statements: several make an implicit transaction. */
const GOOSE_ONE_QUERY_SCOPE: TransactionScope = { ...GOOSE_NO_TRANSACTION_SCOPE, wrapsFile: true, nonTransactional: 'single-statement' };

/** Needs the parser loaded (`ensureParser`). A section goose refuses is a failure at its line. */
export function gooseScript(path: string, raw: Buffer, direction: 'up' | 'down'): ScriptResult {
  const parsed = parseGooseFile(raw);
  const side = direction === 'up' ? parsed.up : parsed.down;
  if (!side.ok) return { ok: false, path, message: side.message, line: side.line };
  const range = direction === 'up' ? parsed.upRange : parsed.downRange;
  // No `-- +goose Down`: `goose down` runs no statement (and only deletes the version row).
  if (!range) return buildScript(path, raw, []);
  if (!parsed.noTransaction) return buildScript(path, raw, [{ scope: GOOSE_SCOPE, ranges: [range] }]);
  return buildScript(path, raw, noTransactionParts(path, raw, side.statements));
}

function noTransactionParts(path: string, raw: Buffer, statements: readonly GooseStatement[]): ScriptPart[] {
  const parts: ScriptPart[] = [];
  let run: GooseStatement[] = [];
  const flush = () => {
    if (run.length > 0) parts.push({ scope: GOOSE_NO_TRANSACTION_SCOPE, ranges: run });
    run = [];
  };
  for (const statement of statements) {
    if (statementCount(path, raw, statement) > 1) {
      flush();
      parts.push({ scope: GOOSE_ONE_QUERY_SCOPE, ranges: [statement] });
    } else {
      run.push(statement);
    }
  }
  flush();
  return parts;
}

function statementCount(path: string, raw: Buffer, range: GooseStatement): number {
  const decoded = decodeSource(path, maskOutside(raw, [range]));
  if (!decoded.ok) return 1;
  return parseSource(decoded.source).statements.filter((statement) => statement.origin === 'file').length;
}
