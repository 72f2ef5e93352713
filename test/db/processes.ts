// Process and directory checks for the "leaves nothing behind" tests (Linux: reads /proc).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIRECTORY_PREFIX, processGone } from '../../src/db/server-cleanup.js';
import { serverParentCandidates } from '../../src/db/server-directory.js';

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

/** Temporary server directories that belong to the process `ownerPid`, wherever servers are made (/dev/shm, the temporary directory). */
export function serverDirectories(ownerPid: number): string[] {
  return serverParentCandidates().flatMap((parent) => readdirSync(parent).filter((name) => name.startsWith(`${DIRECTORY_PREFIX}${ownerPid}-`)).map((name) => path.join(parent, name)));
}
