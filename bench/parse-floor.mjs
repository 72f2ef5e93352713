// The floor of any Node linter built on libpg-query: start Node, load the WASM parser, read every
// file and parse it once, print nothing. No rules, no report. `npm run bench` times this script as a
// whole process beside the gate and squawk, so the gap between the gate and squawk splits into what
// the runtime and parser cost (this) and what the gate adds on top (the gate minus this).

// The same V8 setting as dist/ (scripts/build.mjs): Liftoff only for the parser's WASM, on the
// command line where Node can re-execute (Node 24 ignores the flag at run time), else at run time.
// As in dist/'s launchers, nothing is imported before the re-execution.
if (!process.execArgv.includes('--liftoff-only')) {
  if (typeof process.execve === 'function' && process.platform !== 'win32') {
    process.execve(process.execPath, [process.execPath, '--liftoff-only', ...process.execArgv, ...process.argv.slice(1)], process.env);
  }
  process.getBuiltinModule('node:v8').setFlagsFromString('--liftoff-only');
}
const { readdirSync, readFileSync } = process.getBuiltinModule('node:fs');
const { join } = process.getBuiltinModule('node:path');
const { loadModule, parseSync } = await import('libpg-query');

const directory = process.argv[2];
await loadModule();
let statements = 0;
for (const name of readdirSync(directory).sort()) {
  const text = readFileSync(join(directory, name), 'utf8');
  try {
    statements += parseSync(text).stmts?.length ?? 0;
  } catch {
    // a syntax error still costs its parse; nothing more to count
  }
}
if (statements === 0) process.exitCode = 2;
