// Who made a scratch database, read from its name, so that a run can sweep what a killed run left
// (SIGKILL runs no handler) without ever touching a live run's databases. A name is
// `pgmg_scratch_<pid>_<host>_<start>_<random>`: the pid alone is not enough, since pids are reused
// and another machine's run (a shared CI database) has pids of its own; `host` is a hash of the host
// name and `start` the second the owning process started (base 36). A database is abandoned only
// when its host is this one and its pid is gone or now names a process that started at another time.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { processGone } from './server-cleanup.js';

const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);

/** Seconds since the epoch when this process started. */
const STARTED = Math.round(Date.now() / 1000 - process.uptime());

/** Start times read from /proc are in clock ticks and rounded; a difference this small is the same process. */
const START_TOLERANCE_S = 3;

/** `<pid>_<host>_<start>`: what goes between the prefix and the random part of this process's names. */
export function ownerTag(): string {
  return `${process.pid}_${HOST}_${STARTED.toString(36)}`;
}

export interface ScratchOwner {
  pid: number;
  host: string;
  /** Seconds since the epoch. */
  started: number;
}

/** The owner a name carries after `prefix`; undefined for names of the older `<pid>_<random>` form. */
export function ownerOf(name: string, prefix: string): ScratchOwner | undefined {
  const match = /^(\d+)_([0-9a-f]{6})_([0-9a-z]+)_[0-9a-f]+$/.exec(name.slice(prefix.length));
  if (!name.startsWith(prefix) || !match) return undefined;
  return { pid: Number(match[1]), host: match[2]!, started: Number.parseInt(match[3]!, 36) };
}

/** True when the process that made the database is certainly gone. In doubt (another host, no /proc), false. */
export function isAbandoned(name: string, prefix: string): boolean {
  const owner = ownerOf(name, prefix);
  if (!owner || owner.host !== HOST || owner.pid === process.pid) return false;
  if (processGone(owner.pid)) return true;
  const started = processStart(owner.pid);
  return started !== undefined && Math.abs(started - owner.started) > START_TOLERANCE_S;
}

/** When a process started, in seconds since the epoch, from /proc (Linux); undefined elsewhere. */
function processStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name (which may hold spaces), in clock ticks since boot.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const bootLine = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    if (!Number.isFinite(ticks) || !bootLine) return undefined;
    // USER_HZ is 100 on every Linux the gate runs on (it is fixed in the kernel's ABI for /proc).
    return Number(bootLine[1]) + ticks / 100;
  } catch {
    return undefined;
  }
}
