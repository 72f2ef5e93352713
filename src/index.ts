// Entry of dist/index.js (the GitHub Action): runs main and exits with its code (0 pass, 1 findings
// at or above fail-on, 2 input, config, git or database error).

import { run } from './main.js';

void run().then((code) => {
  process.exitCode = code;
});
