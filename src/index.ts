// Entry of dist/index.js (the GitHub Action): runs main and exits with its code (0 pass, 1 findings
// at or above fail-on, 2 input, config, git or database error).

import * as core from '@actions/core';
import { finishRemovals } from './db/background-removals.js';
import { run } from './main.js';

void run().then(async (code) => {
  // The temporary server's directory, removed while the reporters ran, is gone before the step ends.
  for (const problem of await finishRemovals()) core.warning(problem);
  process.exitCode = code;
});
