// The WASM parser's failures that are not syntax errors. A statement whose parse tree does not fit
// the parser's memory (Postgres caps one allocation at 1 GB, and the tree's JSON of a VALUES list
// of tens of megabytes passes it) makes the compiled Postgres raise FATAL and call exit(): the
// emscripten runtime then prints "Terminating process due to FATAL error" to stdout (which must stay
// JSON with --format json) and a dump of its memory contexts to stderr, and throws an ExitStatus or
// a WebAssembly RuntimeError instead of a SqlError. Every parser call goes through `guardParser`,
// which keeps those prints out of the gate's output and turns the throw into ParserLimitError, so
// the statement is reported as too large for the parser, at its line, and never as invalid SQL.

/** The parser gave up on the text for want of memory, not because the SQL is wrong. */
export class ParserLimitError extends Error {
  constructor(readonly bytes: number) {
    super(`too large for the parser (${formatBytes(bytes)})`);
    this.name = 'ParserLimitError';
  }
}

/** Runs one synchronous parser call with the runtime's own prints held back. */
export function guardParser<T>(text: string, call: () => T): T {
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
    if (isParserFailure(error)) throw error;
    throw new ParserLimitError(Buffer.byteLength(text));
  } finally {
    stdout.write = stdoutWrite;
    stderr.write = stderrWrite;
  }
}

/** A SqlError (the parser's own report, with a position) or an input error: passed on as they are. */
function isParserFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // WebAssembly.RuntimeError ("table index is out of bounds"); the DOM lib that types it is not loaded.
  return error.name !== 'ExitStatus' && error.constructor.name !== 'RuntimeError';
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.round(bytes / 1000)} kB`;
}
