// Entry of dist/cli.js (the package's bin): runs the CLI on this process's arguments.

import { runCli } from './cli.js';
import { serveLintWorker } from './lint/lint-files.js';

// The same bundle runs lint workers (see lint-files.ts); only the main thread is the CLI.
if (!serveLintWorker()) runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
    env: process.env,
  }).then((code) => {
    // exitCode, not exit(): let stdout drain when it is a pipe.
    process.exitCode = code;
  });
