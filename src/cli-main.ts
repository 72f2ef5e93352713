// Entry of dist/cli.js (the package's bin): runs the CLI on this process's arguments.
//
// The CLI's modules are imported after the head start on initdb (cli-head-start.ts), not at the top:
// a `check` that needs a fresh cluster has initdb running while they load.

import { startCliHeadStart } from './cli-head-start.js';

const argv = process.argv.slice(2);
startCliHeadStart(argv, process.env)
  .then(async (headStart) => {
    const { runCli } = await import('./cli.js');
    return runCli(
      argv,
      {
        cwd: process.cwd(),
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        isTty: process.stdout.isTTY === true,
        env: process.env,
      },
      headStart ? { headStart } : {},
    );
  })
  .then((code) => {
    // exitCode, not exit(): let stdout drain when it is a pipe.
    process.exitCode = code;
  });
