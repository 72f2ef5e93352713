// A migration file (or its rollback) cut into what the runner sends to Postgres, and how: the
// statements found by the real parser, grouped into units that share a transaction mode taken from
// the runner's scope (DESIGN.md, "How each migration runner really runs files"). Offsets are bytes
// of the file as decoded (BOM excluded), so every failure maps back to a line of the real file.

import type { Node } from 'libpg-query';
import { maskOutside } from '../discover/index.js';
import { as, nodeTag } from '../sql/ast.js';
import { parseSource } from '../sql/parse.js';
import { decodeSource, type SourceText } from '../sql/source.js';
import type { TransactionScope } from '../types.js';
import { cannotRunInTransaction } from '../rules/util/non-transactional.js';
import { documentedLocksOf, type DocumentedLock } from './documented-locks.js';

export interface ScriptStatement {
  /** Byte offsets of the statement in the file (`;` excluded). */
  start: number;
  end: number;
  /** The text sent to the server. */
  text: string;
  /** The parser's tag, e.g. `AlterTableStmt`; undefined for a piece the parser rejected. */
  tag: string | undefined;
  /** BEGIN, COMMIT, SAVEPOINT, ...: sent as written, never wrapped by the gate. */
  control: boolean;
  /** Postgres refuses it inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...). */
  nonTransactional: boolean;
  /** `SET LOCAL ...`: only has an effect inside a transaction, so sending it with others changes it. */
  setLocal: boolean;
  /** `ALTER TABLE ... SET NOT NULL`: the trace reads the validated NOT NULL checks right before it. */
  setsNotNull: boolean;
  /** For a statement that runs outside a transaction: the locks the manual says it takes (documented-locks.ts). */
  documentedLocks: DocumentedLock[];
}

/**
 * - `autocommit`: statement by statement; only the file's own BEGIN/COMMIT make transactions.
 * - `transaction`: the runner sends BEGIN first and COMMIT last (Drizzle, dbmate, Flyway).
 * - `implicit`: the runner sends the whole text as one query, which Postgres runs as one implicit
 *   transaction (Prisma, golang-migrate); a COMMIT in the text starts a new implicit block.
 */
export type SendMode = 'autocommit' | 'transaction' | 'implicit';

export interface ScriptUnit {
  mode: SendMode;
  /** The runner, for messages. */
  runner: string;
  statements: ScriptStatement[];
  /** The file text the statements index (a dbmate section sees only its own range). */
  source: SourceText;
}

export interface MigrationScript {
  path: string;
  /** The whole file, for positions. */
  source: SourceText;
  units: ScriptUnit[];
}

export interface ScriptPart {
  scope: TransactionScope;
  /** Byte ranges of the raw file (a BOM counts) that this part runs, e.g. a dbmate section; the whole file when absent. */
  ranges?: ReadonlyArray<{ start: number; end: number }>;
}

export type ScriptResult = { ok: true; script: MigrationScript } | { ok: false; path: string; message: string; line: number };

/** Needs the parser loaded (`ensureParser`). */
export function buildScript(path: string, raw: Buffer, parts: readonly ScriptPart[]): ScriptResult {
  const decoded = decodeSource(path, raw);
  if (!decoded.ok) return { ok: false, path, message: decoded.error.message, line: decoded.error.line };
  const units: ScriptUnit[] = [];
  for (const part of parts) {
    let source = decoded.source;
    if (part.ranges) {
      const masked = decodeSource(path, maskOutside(raw, part.ranges));
      if (!masked.ok) return { ok: false, path, message: masked.error.message, line: masked.error.line };
      source = masked.source;
    }
    const statements = statementsOf(source);
    units.push({ mode: modeOf(part.scope, statements), runner: part.scope.runner, statements, source });
  }
  return { ok: true, script: { path, source: decoded.source, units } };
}

function modeOf(scope: TransactionScope, statements: readonly ScriptStatement[]): SendMode {
  if (!scope.wrapsFile) return 'autocommit';
  switch (scope.nonTransactional) {
    case 'never':
      return 'transaction';
    case 'single-statement':
      // One statement in one query runs without a transaction block: CONCURRENTLY works there.
      return statements.length <= 1 ? 'autocommit' : 'implicit';
    case 'detected':
      // Flyway runs a migration that holds such a statement without its transaction.
      return statements.some((statement) => statement.nonTransactional) ? 'autocommit' : 'transaction';
  }
}

/**
 * Top-level statements in file order. A piece the parser rejects is still sent (from its start to
 * the next statement), so that the server, the authority on what it accepts, reports the error.
 */
function statementsOf(source: SourceText): ScriptStatement[] {
  const parsed = parseSource(source);
  const pieces: Array<{ start: number; end?: number; node?: Node }> = [
    ...parsed.statements.filter((s) => s.origin === 'file').map((s) => ({ start: s.start, end: s.end, node: s.node })),
    ...parsed.syntaxErrors.map((error) => ({ start: error.statementStart })),
  ].sort((a, b) => a.start - b.start);
  return pieces.map((piece, index) => {
    const end = piece.end ?? pieces[index + 1]?.start ?? source.bytes.length;
    const text = source.bytes.subarray(piece.start, end).toString('utf8');
    const node = piece.node;
    const nonTransactional = node !== undefined && cannotRunInTransaction(node);
    return {
      start: piece.start,
      end,
      text,
      tag: nodeTag(node),
      control: node !== undefined && 'TransactionStmt' in node,
      nonTransactional,
      setLocal: as(node, 'VariableSetStmt')?.is_local === true,
      setsNotNull: (as(node, 'AlterTableStmt')?.cmds ?? []).some((command) => as(command, 'AlterTableCmd')?.subtype === 'AT_SetNotNull'),
      documentedLocks: nonTransactional ? documentedLocksOf(node) : [],
    };
  });
}
