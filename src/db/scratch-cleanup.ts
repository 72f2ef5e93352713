// Scratch databases must not outlive an interrupted run either. On SIGINT, SIGTERM or SIGHUP, every
// scratch database this process still has is dropped (DROP ... WITH (FORCE) ends the migration
// still running in it) before the process ends with the same signal. Dropping needs the server, so
// unlike the temporary server's synchronous exit handler this one is asynchronous, with a time
// limit. A database is tracked from before its CREATE DATABASE is sent, so an interrupt during the
// creation drops it too (once the CREATE has ended). A run killed outright (SIGKILL) leaves its
// databases; their names carry its pid, host and start time, and the next run on this host sweeps
// them (scratch-owner.ts, sweepAbandoned in scratch.ts).

import type { ConnectOptions } from './connect.js';
import { ScratchDatabaseError } from './errors.js';

export interface TrackedScratch {
  adminUrl: string;
  name: string;
  options: ConnectOptions;
  drop: () => Promise<void>;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const CLEANUP_LIMIT_MS = 5_000;
const live = new Set<TrackedScratch>();
let installed = false;
let cleaning = false;

export function trackScratch(scratch: TrackedScratch): void {
  // After the signal, the run is ending: a database created now would miss the cleanup under way.
  if (cleaning) throw new ScratchDatabaseError('the run was interrupted; no new scratch database is created');
  live.add(scratch);
  if (!installed) {
    installed = true;
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
}

export function untrackScratch(scratch: TrackedScratch): void {
  live.delete(scratch);
  if (live.size === 0 && installed && !cleaning) {
    // Nothing left to protect: give the signals back to Node's default (or other listeners).
    installed = false;
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (cleaning) return;
  cleaning = true;
  const drops = Promise.allSettled([...live].map((scratch) => scratch.drop()));
  const limit = new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref());
  void Promise.race([drops, limit]).then(() => {
    for (const each of SIGNALS) process.removeListener(each, onSignal);
    installed = false;
    // Other listeners (the temporary server's) still run and, being last, re-raise it themselves.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    else process.emit(signal, signal);
  });
}
