// A config validated once is remembered by its text (src/config/remembered.ts): the next run skips
// loading the validator, with the same result; what the validation reads from disk is checked again.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../src/config.js';
import { rememberConfig, rememberedConfig } from '../src/config/remembered.js';
import { UsageError } from '../src/errors.js';

let work: string;
let cacheHome: string;
const savedXdg = process.env['XDG_CACHE_HOME'];

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pgmg-config-remembered-'));
  cacheHome = path.join(work, 'xdg');
  process.env['XDG_CACHE_HOME'] = cacheHome;
});
afterEach(() => {
  if (savedXdg === undefined) delete process.env['XDG_CACHE_HOME'];
  else process.env['XDG_CACHE_HOME'] = savedXdg;
  rmSync(work, { recursive: true, force: true });
});

const TEXT = 'migrations: db/migrations\nlayout: plain\ndatabase:\n  setup:\n    - setup/roles.sql\n';

function repo(): string {
  const dir = path.join(work, 'repo');
  mkdirSync(path.join(dir, 'setup'), { recursive: true });
  writeFileSync(path.join(dir, '.migration-gate.yml'), TEXT);
  writeFileSync(path.join(dir, 'setup', 'roles.sql'), 'CREATE ROLE app;\n');
  return dir;
}

const entries = (): string[] => readdirSync(path.join(cacheHome, 'pg-migration-gate', 'configs'));

describe('validated configs, remembered', () => {
  it('remembers a valid config by its text and gives the same result from it', async () => {
    const dir = repo();
    const first = await loadConfig(dir);
    expect(entries()).toHaveLength(1);
    expect(await rememberedConfig(TEXT)).toEqual(JSON.parse(JSON.stringify(first.config)));
    const again = await loadConfig(dir);
    expect(again).toEqual(first);
    // Another text is another entry.
    writeFileSync(path.join(dir, '.migration-gate.yml'), `${TEXT}fail-on: warning\n`);
    expect((await loadConfig(dir)).config['fail-on']).toBe('warning');
    expect(entries()).toHaveLength(2);
  });

  it('checks the named files again: a setup file gone since is reported at its line', async () => {
    const dir = repo();
    await loadConfig(dir);
    rmSync(path.join(dir, 'setup', 'roles.sql'));
    const error = await loadConfig(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(".migration-gate.yml:5: 'database.setup.0': no file setup/roles.sql (paths are relative to the config file)");
  });

  it('takes an entry of another gate version, or one that is not JSON, for a miss', async () => {
    const dir = repo();
    await loadConfig(dir);
    const [entry] = entries();
    const file = path.join(cacheHome, 'pg-migration-gate', 'configs', entry!);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), gate: '0.0.1', config: { migrations: 'elsewhere' } }));
    expect(await rememberedConfig(TEXT)).toBeUndefined();
    expect((await loadConfig(dir)).config.migrations).toBe('db/migrations');
    writeFileSync(file, '{"gate":');
    expect(await rememberedConfig(TEXT)).toBeUndefined();
    expect((await loadConfig(dir)).config.migrations).toBe('db/migrations');
  });

  it('goes on when the cache cannot be written, and ignores an entry that is not a whole config', async () => {
    const dir = repo();
    // The cache directory's place is taken by a file: nothing can be written under it.
    writeFileSync(cacheHome, '');
    await expect(rememberConfig(TEXT, defaultConfig())).resolves.toBeUndefined();
    expect((await loadConfig(dir)).config.migrations).toBe('db/migrations');
    rmSync(cacheHome);
    await rememberConfig(TEXT, { migrations: 'x' } as never);
    expect((await loadConfig(dir)).config.migrations).toBe('db/migrations');
  });

  it('neither reads nor writes it with remember: false (check --no-cache)', async () => {
    const dir = repo();
    await loadConfig(dir, undefined, { remember: false });
    expect(() => entries()).toThrow();
    await rememberConfig(TEXT, { ...defaultConfig(), migrations: 'remembered/elsewhere' });
    expect((await loadConfig(dir, undefined, { remember: false })).config.migrations).toBe('db/migrations');
  });

  it('never remembers a config that does not validate', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, '.migration-gate.yml'), 'migrations: [1, 2]\n');
    await expect(loadConfig(dir)).rejects.toThrow(UsageError);
    expect(() => entries()).toThrow();
  });
});
