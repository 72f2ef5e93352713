// Plain data shared by every stage of the pipeline. Stages pass these values to each other and
// never reach into one another's internals.

export type Severity = 'error' | 'warning' | 'info';
/** `off` disables a rule; any other value is the severity its findings get. */
export type SeveritySetting = Severity | 'off';
export type Risk = 'low' | 'medium' | 'high';
export type OverallRisk = 'none' | Risk;

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
export const RISK_RANK: Record<OverallRisk, number> = { none: 0, low: 1, medium: 2, high: 3 };

/** A 1-based position in a file as the user sees it (BOM and CRLF do not shift it). */
export interface Position {
  line: number;
  column: number;
}

export interface Finding extends Position {
  rule: string;
  severity: Severity;
  risk: Risk;
  /** The problem, in one sentence. */
  message: string;
  /** The safe alternative, as an instruction. */
  help: string;
  /** Path of the file, as reported (relative to the working directory). */
  path: string;
  /** The SQL of the statement the finding points at, when there is one. */
  statement?: string;
  /** That statement rewritten safely, where the fix is mechanical (see ReportDescriptor.fix). */
  fix?: string;
  /** Where that statement ends: just past its last token (exclusive, as SARIF's endColumn). */
  endLine?: number;
  endColumn?: number;
  /** The fix as the lines of the file it replaces, where it can replace the statement where it stands. */
  suggestion?: LineReplacement;
}

/**
 * Lines `startLine` to `endLine` of a file as they read with a fix applied: the text before the
 * statement on its first line and after it on its last line is kept, so a reviewer can accept the
 * whole lines (a GitHub suggestion replaces lines, not columns). Line breaks are `\n`.
 */
export interface LineReplacement {
  startLine: number;
  endLine: number;
  text: string;
}

/** How the migration runner scopes transactions around a file (DESIGN.md, runner table). */
export interface TransactionScope {
  /** The runner opens a transaction around the file (or around a batch of files). */
  wrapsFile: boolean;
  /**
   * The runner runs every pending migration in one transaction, not one per file (Drizzle): a
   * file's end commits nothing, so what it left uncommitted is still uncommitted in the next
   * pending file.
   */
  batchesPending: boolean;
  /**
   * Whether statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY, ...) are
   * still possible in a wrapped file: `never` (Drizzle batch), `single-statement` (the whole file
   * is sent as one query, so only a one-statement file escapes the implicit transaction), or
   * `detected` (the runner notices them and runs them outside, like Flyway).
   */
  nonTransactional: 'never' | 'single-statement' | 'detected';
  /** Name of the runner, for messages ("Drizzle runs every pending migration in one transaction"). */
  runner: string;
  /**
   * The runner's own recipe for a statement that cannot run in a transaction (CREATE INDEX
   * CONCURRENTLY, ...), as an instruction that completes "Use CREATE INDEX CONCURRENTLY, and ...".
   */
  outsideTransaction: string;
}

export const PSQL_STYLE_SCOPE: TransactionScope = {
  wrapsFile: false,
  batchesPending: false,
  nonTransactional: 'detected',
  runner: 'a statement-by-statement runner',
  outsideTransaction: 'keep it out of any BEGIN ... COMMIT block in the file',
};
