// The WASM parser's failures that are not syntax errors. Two limits of the parser that the server
// does not have: memory (Postgres caps one allocation at 1 GB, and the parse tree's JSON of a VALUES
// list of 30-50 MB passes it: the compiled Postgres raises FATAL and exits, its runtime prints
// "Terminating process due to FATAL error" to stdout, which must stay JSON with --format json, and a
// dump of its memory contexts to stderr) and depth (the tree of `1+1+...` with some 100,000 terms
// is too deep for the JavaScript that reads it: RangeError). Every parser call goes through
// `guardParser`, which keeps the runtime's prints out of the gate's output and turns such a failure
// into ParserLimitError, so the statement is reported as beyond the parser, at its line, never as
// invalid SQL. (After one, the next parse works: the runtime keeps no state between calls.)

export type ParserLimit = 'size' | 'depth';

/** The parser gave up on the text for want of memory or stack, not because the SQL is wrong. */
export class ParserLimitError extends Error {
  constructor(
    readonly limit: ParserLimit,
    readonly bytes: number,
  ) {
    super(limit === 'size' ? `too large for the parser (${formatBytes(bytes)})` : `nested too deeply for the parser (${formatBytes(bytes)})`);
    this.name = 'ParserLimitError';
  }
}

export interface GuardOptions {
  /**
   * parseSync reports every syntax error as a SqlError, so anything else it throws is a limit. The
   * scanner and the PL/pgSQL parser report syntax errors as plain errors: for them only a runtime
   * that died or a stack that ran out is.
   */
  syntaxErrorsAreSqlErrors: boolean;
}

/** Runs one synchronous parser call with the runtime's own prints held back. */
export function guardParser<T>(text: string, call: () => T, options: GuardOptions = { syntaxErrorsAreSqlErrors: true }): T {
  const { stdout, stderr } = process;
  const stdoutWrite = stdout.write;
  const stderrWrite = stderr.write;
  // Synchronous: nothing else can write meanwhile, so only the runtime's prints are dropped.
  const drop = (() => true) as typeof stdout.write;
  stdout.write = drop;
  stderr.write = drop;
  try {
    return call();
  } catch (error) {
    const limit = limitOf(error, options);
    if (limit === undefined) throw error;
    throw new ParserLimitError(limit, Buffer.byteLength(text));
  } finally {
    stdout.write = stdoutWrite;
    stderr.write = stderrWrite;
  }
}

function limitOf(error: unknown, options: GuardOptions): ParserLimit | undefined {
  // emscripten's ExitStatus is not an Error; WebAssembly.RuntimeError ("table index is out of bounds").
  if (!(error instanceof Error) || error.constructor.name === 'RuntimeError') return 'size';
  if (error instanceof RangeError) return 'depth';
  if (options.syntaxErrorsAreSqlErrors && error.name !== 'SqlError') return 'size';
  return undefined;
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}
