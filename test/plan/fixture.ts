// Migration directories for plan tests, written as their tools write them.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Project {
  root: string;
  write(path: string, text: string): void;
  remove(path: string): void;
  cleanup(): void;
}

export function project(files: Record<string, string> = {}): Project {
  const root = mkdtempSync(join(tmpdir(), 'pgmg-plan-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  return { root, write, remove: (path) => rmSync(join(root, path), { force: true, recursive: true }), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A drizzle-kit journal for these tags and `when`s, as drizzle-kit generate writes it. */
export function drizzleJournal(entries: Array<{ tag: string; when: number }>): string {
  return `${JSON.stringify({ version: '7', dialect: 'postgresql', entries: entries.map((e, idx) => ({ idx, version: '7', when: e.when, tag: e.tag, breakpoints: true })) }, null, 2)}\n`;
}
