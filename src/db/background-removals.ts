// Temporary server directories still being removed after their postmaster has exited. Removing a
// data directory of a long history (thousands of files) takes tens of milliseconds; done in the
// background it overlaps with the rules and the report instead of adding to the run. The CLI and the
// action wait for these before they end, so a finished run leaves nothing behind; a process that is
// killed meanwhile leaves a directory that the exit handler or the next start sweeps.
//
// A module of its own, with nothing heavy loaded up front: the CLI's entry imports it on every run.

const pending = new Set<Promise<void>>();
// What went wrong, kept until finishRemovals() says it: a removal may fail before anyone waits.
const problems: string[] = [];

/** Starts removing `directory`; `done` runs once it is gone or could not be removed. */
export function removeInBackground(directory: string, done: () => void, remove: (directory: string) => Promise<void> = removeTree): void {
  const removal: Promise<void> = remove(directory)
    .catch((error: unknown) => {
      problems.push(`could not remove the temporary server directory ${directory}: ${(error as Error).message}; remove it by hand`);
    })
    .finally(() => {
      pending.delete(removal);
      done();
    });
  pending.add(removal);
}

/** `starting` settles once the removals it starts have been started: finishRemovals waits for it, and then for them. */
export function holdRemovals(starting: Promise<void>): void {
  const held: Promise<void> = starting.catch(() => undefined).finally(() => pending.delete(held));
  pending.add(held);
}

/** Waits for every removal started so far; what went wrong since the last call, one line each. */
export async function finishRemovals(): Promise<string[]> {
  while (pending.size > 0) await Promise.all([...pending]);
  return problems.splice(0);
}

/**
 * `rm -rf` in a process of its own, on another core while this one goes on: Node's own recursive
 * removal sends each of the thousands of unlinks through its thread pool and takes about twice as
 * long. Where `rm` does not run (or fails), Node's removal, with retries for the backends of a
 * killed postmaster that may still be writing for a moment.
 */
export async function removeTree(directory: string): Promise<void> {
  // Imported here: `lint` imports this module through the CLI and never removes anything.
  const [{ spawn }, { rm }] = await Promise.all([import('node:child_process'), import('node:fs/promises')]);
  const removed = await new Promise<boolean>((resolve) => {
    const child = spawn('rm', ['-rf', '--', directory], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
  if (!removed) await rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
