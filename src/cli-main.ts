// Entry of dist/cli.js (the package's bin): runs the CLI on this process's arguments.
//
// The CLI's modules are imported after the head start on initdb (launch-head-start.ts), not at the top:
// a `check` that needs a fresh cluster has initdb running while they load.

import { startCliHeadStart } from './launch-head-start.js';

const argv = process.argv.slice(2);

async function main(): Promise<number> {
  const headStart = await startCliHeadStart(argv, process.env);
  let cli: typeof import('./cli.js');
  try {
    cli = await import('./cli.js');
  } catch (error) {
    // A dist/ copied without all its chunks: one line, as the launcher says of a missing bundle,
    // and no initdb left running into a directory nobody removes.
    if (headStart) {
      headStart.discard();
      await (await import('./db/background-removals.js')).finishRemovals();
    }
    const detail = process.env['PG_MIGRATION_GATE_DEBUG'] ? `\n${(error as Error).stack ?? ''}` : ' (set PG_MIGRATION_GATE_DEBUG=1 for a stack trace)';
    process.stderr.write(`pg-migration-gate: cannot load the CLI's code beside ${process.argv[1] ?? 'cli.js'}: ${(error as Error).message}${detail}\n`);
    return 2;
  }
  return cli.runCli(
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
}

main().then((code) => {
  // exitCode, not exit(): let stdout drain when it is a pipe.
  process.exitCode = code;
});
