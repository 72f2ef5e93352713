// What a cache entry's manifest vouches for: the files of a saved data directory (relative path and
// size, in a stable order) and their checksum. A copy cut short, a file deleted or truncated by hand,
// or a directory that is not the one the manifest was written for then no longer matches.

import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface FileList {
  /** sha256 of the `relative path \t size` lines, sorted by path. */
  checksum: string;
  files: number;
  bytes: number;
}

export function fileListOf(directory: string): FileList {
  const lines: string[] = [];
  let bytes = 0;
  const walk = (relative: string): void => {
    for (const name of readdirSync(path.join(directory, relative))) {
      const child = relative === '' ? name : `${relative}/${name}`;
      const stat = lstatSync(path.join(directory, child));
      if (stat.isDirectory()) {
        lines.push(`${child}/\t-`);
        walk(child);
      } else {
        lines.push(`${child}\t${stat.size}`);
        bytes += stat.size;
      }
    }
  };
  walk('');
  lines.sort();
  return { checksum: createHash('sha256').update(lines.join('\n')).digest('hex'), files: lines.length, bytes };
}
