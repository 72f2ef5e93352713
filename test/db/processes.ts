// Process and directory checks for the "leaves nothing behind" tests (Linux: reads /proc).

import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DIRECTORY_PREFIX, processGone } from '../../src/db/server-cleanup.js';

/** Pids whose parent is `pid`: a postmaster's backends and auxiliary processes. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return children;
}

export function allGone(pids: number[]): boolean {
  return pids.every((pid) => processGone(pid));
}

/** Temporary server directories that belong to the process `ownerPid`. */
export function serverDirectories(ownerPid: number): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`${DIRECTORY_PREFIX}${ownerPid}-`));
}
