// Configs this gate version has validated before, remembered by the sha256 of their text in
// `<cache root>/configs/` (cache/root.ts). Validating means loading zod and yaml, 60-90 ms of every
// run's start-up on this project's CI machine: on a rerun with the same config, the most expensive
// step before the database stage. Never trusted beyond what the validation itself depends on: the
// same bytes and the same gate version give the same result, so a hit returns that result; what the
// validation also reads from disk (the files `database.setup` and `database.baseline` name) is
// checked again by the caller. A missing, unreadable or foreign entry is a miss, and a cache that
// cannot be written costs only the next run's validation.

import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot, makeDirectories } from '../cache/root.js';
import type { Config } from '../config.js';
import { VERSION } from '../version.js';

interface Remembered {
  gate: string;
  config: Config;
}

// node:crypto imported on first use: a run without a config file (most `lint` runs) never hashes,
// and loading it is a visible share of the CLI's start-up (bench/lint-bench.mjs).
async function entryPath(text: string, root: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return path.join(root, 'configs', `${createHash('sha256').update(text).digest('hex')}.json`);
}

/** The validated config for exactly this text, when this gate version validated it before. */
export async function rememberedConfig(text: string, root = cacheRoot()): Promise<Config | undefined> {
  try {
    const entry = JSON.parse(readFileSync(await entryPath(text, root), 'utf8')) as Partial<Remembered>;
    if (entry.gate !== VERSION || typeof entry.config !== 'object' || entry.config === null) return undefined;
    return entry.config;
  } catch {
    return undefined;
  }
}

/** Remembers what validating `text` gave; written whole or not at all (a rename into place). */
export async function rememberConfig(text: string, config: Config, root = cacheRoot()): Promise<void> {
  const file = await entryPath(text, root);
  const { randomBytes } = await import('node:crypto');
  const staging = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    makeDirectories(path.dirname(file));
    writeFileSync(staging, JSON.stringify({ gate: VERSION, config } satisfies Remembered), { mode: 0o600 });
    renameSync(staging, file);
  } catch {
    try {
      rmSync(staging, { force: true });
    } catch {
      // Nothing was written where nothing can be.
    }
  }
}
