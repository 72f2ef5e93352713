// SQL inside `DO $$ ... $$` blocks. ORMs wrap DDL in DO blocks to make it idempotent (Drizzle's
// `DO $$ BEGIN ALTER TABLE ... ADD CONSTRAINT ...; EXCEPTION WHEN duplicate_object THEN null; END $$`),
// so a linter that skips them misses exactly the foreign keys it should see. The body is parsed with
// the PL/pgSQL parser and each embedded SQL statement is parsed again as SQL.

import { parsePlPgSQLSync, parseSync, type Node } from 'libpg-query';
import { as, constString, findAll, nodeTag, stringValue, walkTree } from './ast.js';
import type { ParsedStatement } from './parse.js';
import type { SourceText } from './source.js';
import { guardParser } from './parser-guard.js';

export interface DoBlockResult {
  statements: ParsedStatement[];
  /** The PL/pgSQL parser's message when the body does not compile. */
  error?: string;
}

export function extractDoBlockStatements(source: SourceText, doStatement: ParsedStatement): DoBlockResult {
  const args = as(doStatement.node, 'DoStmt')?.args ?? [];
  const language = args.map((arg) => as(arg, 'DefElem')).find((def) => def?.defname === 'language');
  const languageName = stringValue(language?.arg)?.toLowerCase() ?? 'plpgsql';
  if (languageName !== 'plpgsql') return { statements: [] };

  const statementBytes = source.bytes.subarray(doStatement.start, doStatement.end);
  let tree: unknown;
  try {
    const body = statementBytes.toString('utf8');
    tree = guardParser(body, () => parsePlPgSQLSync(body), { syntaxErrorsAreSqlErrors: false });
  } catch (error) {
    return { statements: [], error: error instanceof Error ? error.message : String(error) };
  }

  const statements: ParsedStatement[] = [];
  let searchFrom = 0;
  const locate = (text: string): number => {
    const at = statementBytes.indexOf(Buffer.from(text, 'utf8'), searchFrom);
    if (at === -1) return -1;
    searchFrom = at + 1;
    return doStatement.start + at;
  };

  for (const embedded of embeddedSql(tree)) {
    const exprStart = locate(embedded.exprText);
    let parsed: Array<{ stmt?: Node; stmt_location?: number; stmt_len?: number }>;
    try {
      parsed = guardParser(embedded.sql, () => parseSync(embedded.sql)).stmts ?? [];
    } catch {
      continue; // dynamic SQL that is not valid on its own (built by concatenation); nothing to lint
    }
    for (const raw of parsed) {
      const tag = nodeTag(raw.stmt);
      if (!raw.stmt || !tag) continue;
      // Node locations are exact only where the SQL stands verbatim in the file.
      const verbatim = embedded.verbatim && exprStart !== -1;
      const start = exprStart === -1 ? doStatement.start : exprStart + (verbatim ? (raw.stmt_location ?? 0) : 0);
      const length = raw.stmt_len || Buffer.byteLength(embedded.exprText);
      statements.push({
        node: raw.stmt,
        tag,
        start,
        end: Math.min(start + length, doStatement.end),
        locationBase: verbatim ? exprStart : -1,
        origin: 'do-block',
      });
    }
  }
  return { statements };
}

interface EmbeddedSql {
  /** The SQL to lint. */
  sql: string;
  /** The expression's text as it stands in the body, to find its position. */
  exprText: string;
  /** Whether `sql` is the text as written (not the value of a quoted string). */
  verbatim: boolean;
}

/** SQL statements in a PL/pgSQL tree, in body order: plain SQL and `EXECUTE '<constant>'`. */
function embeddedSql(tree: unknown): EmbeddedSql[] {
  const result: EmbeddedSql[] = [];
  walkTree(tree, (key, value) => {
    if (key === 'PLpgSQL_stmt_execsql') {
      const query = exprQuery((value as { sqlstmt?: unknown }).sqlstmt);
      if (query) result.push({ sql: query, exprText: query, verbatim: true });
    } else if (key === 'PLpgSQL_stmt_dynexecute') {
      const query = exprQuery((value as { query?: unknown }).query);
      const constant = query ? constantStringExpression(query) : undefined;
      if (query && constant) result.push({ sql: constant, exprText: query, verbatim: false });
    }
  });
  return result;
}

function exprQuery(expr: unknown): string | undefined {
  return (expr as { PLpgSQL_expr?: { query?: string } } | undefined)?.PLpgSQL_expr?.query;
}

/** The value of an expression that is a single string constant (`'CREATE INDEX ...'`). */
function constantStringExpression(expression: string): string | undefined {
  try {
    const select = as(parseSync(`SELECT ${expression}`).stmts?.[0]?.stmt, 'SelectStmt');
    const targets = select?.targetList ?? [];
    if (targets.length !== 1) return undefined;
    const value = as(targets[0], 'ResTarget')?.val;
    if (findAll(value, 'ColumnRef').length > 0) return undefined;
    return constString(value);
  } catch {
    return undefined;
  }
}
