// What a cache entry's manifest vouches for: the files of a saved data directory (relative path and
// size, in a stable order) and their checksum. A copy cut short, a file deleted or truncated by hand,
// or a directory that is not the one the manifest was written for then no longer matches. Built
// while the directory is copied, so that checking an entry costs no walk of its own.

import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface FileList {
  /** sha256 of the `relative path \t size` lines, sorted by path. */
  checksum: string;
  files: number;
  bytes: number;
}

export class FileListBuilder {
  private readonly lines: string[] = [];
  private bytes = 0;

  directory(relative: string): void {
    this.lines.push(`${relative}/\t-`);
  }

  file(relative: string, size: number): void {
    this.lines.push(`${relative}\t${size}`);
    this.bytes += size;
  }

  result(): FileList {
    const sorted = [...this.lines].sort();
    return { checksum: createHash('sha256').update(sorted.join('\n')).digest('hex'), files: sorted.length, bytes: this.bytes };
  }
}

export function fileListOf(directory: string): FileList {
  const list = new FileListBuilder();
  const walk = (relative: string): void => {
    for (const name of readdirSync(path.join(directory, relative))) {
      const child = relative === '' ? name : `${relative}/${name}`;
      const stat = lstatSync(path.join(directory, child));
      if (stat.isDirectory()) {
        list.directory(child);
        walk(child);
      } else {
        list.file(child, stat.size);
      }
    }
  };
  walk('');
  return list.result();
}
