// The temporary server's log. It goes to a file in the server's directory rather than a pipe: a
// pipe that nobody drains would block the server once it is full. When start-up fails, its last
// lines (the server says why: a bad setting, a port in use, a permission) go into the error.

import { readFileSync } from 'node:fs';
import path from 'node:path';

export function serverLogPath(directory: string): string {
  return path.join(directory, 'server.log');
}

export function readServerLog(directory: string): string {
  try {
    return readFileSync(serverLogPath(directory), 'utf8');
  } catch {
    return '';
  }
}

/** `; server log: a | b | c` from the last lines of `log`, or '' when it is empty: errors stay one line. */
export function logTail(log: string, count = 5): string {
  const lines = log.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.length === 0 ? '' : `; server log: ${lines.slice(-count).join(' | ')}`;
}
