import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../src/config.js';
import { configSchema } from '../src/config/schema.js';
import { LAYOUT_NAMES } from '../src/discover/types.js';
import { UsageError } from '../src/errors.js';

const dirs: string[] = [];
function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgmg-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('config defaults', () => {
  it('are what the schema gives for an empty file (the constant must not drift from the schema)', () => {
    expect(defaultConfig()).toEqual(configSchema.parse({}));
  });

  it('are a fresh copy each time, so one run cannot change another run\'s defaults', () => {
    const first = defaultConfig();
    first.rules['ban-drop-table'] = 'off';
    first.header.required.push('author');
    expect(defaultConfig().rules).toEqual({});
    expect(defaultConfig().header.required).toEqual([]);
  });
});

describe('loadConfig', () => {
  it('uses the defaults when the directory has no .migration-gate.yml', async () => {
    expect(await loadConfig(tempDir())).toEqual({ config: configSchema.parse({}), path: undefined });
  });

  it('parses .migration-gate.yml over the defaults', async () => {
    const dir = tempDir({ '.migration-gate.yml': 'postgres-version: 15\nrules:\n  ban-drop-table: warning\n' });
    const { config, path } = await loadConfig(dir);
    expect(path).toBe(join(dir, '.migration-gate.yml'));
    expect(config['postgres-version']).toBe(15);
    expect(config.rules).toEqual({ 'ban-drop-table': 'warning' });
    expect(config.database).toEqual(defaultConfig().database);
  });

  it('reports a bad value at its line', async () => {
    const dir = tempDir({ 'gate.yml': 'layout: plain\nfail-on: sometimes\n' });
    await expect(loadConfig(dir, 'gate.yml')).rejects.toThrow(UsageError);
    await expect(loadConfig(dir, 'gate.yml')).rejects.toThrow(/^gate\.yml:2: 'fail-on': /);
  });

  it('reads database.superuser as true or false, and says so for anything else', async () => {
    const dir = tempDir({ 'on.yml': 'database:\n  superuser: true\n', 'bad.yml': 'database:\n  connect-timeout: 5s\n  superuser: yes please\n' });
    expect((await loadConfig(dir, 'on.yml')).config.database.superuser).toBe(true);
    await expect(loadConfig(dir, 'bad.yml')).rejects.toThrow(/^bad\.yml:3: 'database\.superuser': .*true or false/);
  });

  it('accepts every layout discovery knows, goose included', async () => {
    const dir = tempDir({ '.migration-gate.yml': 'layout: goose\n' });
    expect((await loadConfig(dir)).config.layout).toBe('goose');
    for (const layout of LAYOUT_NAMES) expect(configSchema.parse({ layout }).layout).toBe(layout);
    expect(() => configSchema.parse({ layout: 'liquibase' })).toThrow();
  });

  it('is an error when an explicit --config file does not exist', async () => {
    await expect(loadConfig(tempDir(), 'missing.yml')).rejects.toThrow('missing.yml: config file not found; check the --config path');
  });
});

describe('runner and naming.description', () => {
  it('reads what the runner does around each file', async () => {
    const yaml = 'runner:\n  settings:\n    lock_timeout: 5s\n    statement_timeout: 0\n  transaction: per-file\n  send: whole-file\n  no-transaction-marker: "-- postgres-migrations disable-transaction"\nnaming:\n  description: kebab-case\n';
    const { config } = await loadConfig(tempDir({ '.migration-gate.yml': yaml }));
    expect(config.runner).toEqual({
      settings: { lock_timeout: '5s', statement_timeout: '0' },
      transaction: 'per-file',
      send: 'whole-file',
      'no-transaction-marker': '-- postgres-migrations disable-transaction',
    });
    expect(config.naming).toEqual({ pattern: 'auto', description: 'kebab-case' });
  });

  it.each([
    ['a setting name that is not one', 'runner:\n  settings:\n    "lock timeout": 5s\n', /^\.migration-gate\.yml:3: 'runner\.settings\.lock timeout': a setting name like lock_timeout$/],
    ['an opt-out marker without a per-file transaction', 'runner:\n  no-transaction-marker: "-- no tx"\n', /:2: 'runner\.no-transaction-marker': no-transaction-marker says how a file opts out/],
    ['a transaction mode the gate does not know', 'runner:\n  transaction: always\n', /:2: 'runner\.transaction': /],
    ['a description style the gate does not know', 'naming:\n  description: SCREAMING_CASE\n', /:2: 'naming\.description': /],
  ])('%s is an error at its line', async (_name, yaml, message) => {
    await expect(loadConfig(tempDir({ '.migration-gate.yml': yaml }))).rejects.toThrow(message);
  });
});

describe('plan size limits', () => {
  it('reads plan.large-table and plan.small-table, sizes as pg_size_pretty writes them', async () => {
    const dir = tempDir({ '.migration-gate.yml': 'plan:\n  large-table: { rows: 5000000, bytes: 40GB }\n  small-table: { bytes: 512kB }\n' });
    const { config } = await loadConfig(dir);
    expect(config.plan).toEqual({ 'long-transaction': 300_000, 'large-table': { rows: 5_000_000, bytes: 40 * 1024 ** 3 }, 'small-table': { rows: 10_000, bytes: 512 * 1024 } });
  });

  it('refuses a size without a unit it knows, and a small table larger than a large one, at the line', async () => {
    const bad = tempDir({ 'gate.yml': 'plan:\n  large-table:\n    bytes: 40 gigs\n' });
    await expect(loadConfig(bad, 'gate.yml')).rejects.toThrow(/^gate\.yml:3: 'plan\.large-table\.bytes': .*a size like 500MB, 1GB or 40GB/);
    const crossed = tempDir({ 'gate.yml': 'plan:\n  large-table: { rows: 1000 }\n  small-table: { rows: 5000 }\n' });
    await expect(loadConfig(crossed, 'gate.yml')).rejects.toThrow(/^gate\.yml:3: 'plan\.small-table': small-table must not be larger than large-table/);
  });
});
