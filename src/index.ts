// Entry of dist/index.js (the GitHub Action): runs main and exits with its code (0 pass, 1 findings
// at or above fail-on, 2 input, config, git or database error).
//
// The action's modules are imported after the head start on initdb (launch-head-start.ts), not at
// the top: with no database-url, initdb runs while its bundle loads.

import { startActionHeadStart } from './launch-head-start.js';

async function main(): Promise<number> {
  const headStart = await startActionHeadStart(process.env);
  const { finishRemovals } = await import('./db/background-removals.js');
  let modules: [typeof import('./main.js'), typeof import('@actions/core')];
  try {
    modules = await Promise.all([import('./main.js'), import('@actions/core')]);
  } catch (error) {
    // A dist/ copied without all its chunks: one line, as the launcher says of a missing bundle,
    // and no initdb left running into a directory nobody removes.
    headStart?.discard();
    await finishRemovals();
    process.stderr.write(`pg-migration-gate: cannot load the action's code beside ${process.argv[1] ?? 'index.js'}: ${(error as Error).message}\n`);
    return 2;
  }
  const [{ run }, core] = modules;
  const code = await run(headStart ? { headStart } : {});
  // Not taken (the deploy gate, nothing to apply, a failure before the start): stopped, removed below.
  headStart?.discard();
  // The temporary server's directory, removed while the reporters ran, is gone before the step ends.
  for (const problem of await finishRemovals()) core.warning(problem);
  return code;
}

void main().then((code) => {
  process.exitCode = code;
});
