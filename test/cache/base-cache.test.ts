// The temporary server's cache end to end, on real servers: a run saves its base, a rerun starts from
// it and replays nothing, and the schema it finds there is the one a replay builds. A damaged entry
// is said in one line and rebuilt; a run whose checked migration changed roles saves nothing; two
// runs saving the same base at once leave one whole entry; --no-cache reads and writes nothing, and
// the CLI ends with the server's directory gone.
// XDG_CACHE_HOME points at a directory of each test, never the user's cache.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { defaultConfig } from '../../src/config.js';
import { connect, closeConnection } from '../../src/db/connect.js';
import { createScratchDatabase } from '../../src/db/scratch.js';
import { startTemporaryServer } from '../../src/db/server.js';
import { discoverMigrations, type Migration } from '../../src/discover/index.js';
import { CACHED_BASE_PREFIX, cachedBaseSnapshots, serverCacheFor } from '../../src/verify/base-cache.js';
import { Session } from '../../src/verify/session.js';
import { takeSnapshot } from '../../src/verify/snapshot.js';
import { runDatabaseStage } from '../../src/verify/stage.js';
import { serverDirectories } from '../db/processes.js';
import { PrRepo } from '../pr-repo.js';

const HISTORY: Record<string, string> = {
  'migrations/20240105090000_create_users.sql':
    'CREATE TABLE users (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  email text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\nCREATE UNIQUE INDEX users_email_key ON users (lower(email));\n',
  'migrations/20240112143000_create_orders.sql':
    "CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');\nCREATE TABLE orders (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  user_id bigint NOT NULL REFERENCES users (id),\n  status order_status NOT NULL DEFAULT 'pending',\n  total_cents integer NOT NULL CHECK (total_cents >= 0)\n);\nCREATE INDEX orders_user_id_idx ON orders (user_id);\n",
  'migrations/20240201101500_order_touch_trigger.sql':
    'ALTER TABLE orders ADD COLUMN updated_at timestamptz;\nCREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;\nCREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();\n',
  'migrations/20240220080000_paid_orders_view.sql':
    "CREATE VIEW paid_orders AS SELECT o.id, u.email, o.total_cents FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status = 'paid';\nCOMMENT ON VIEW paid_orders IS 'orders that were paid';\n",
};
const NEW = 'migrations/20240301120000_add_orders_note.sql';
const NEW_SQL = 'ALTER TABLE orders ADD COLUMN note text;\n';
const NEW_ROLLBACK = 'ALTER TABLE orders DROP COLUMN note;\n';

let work: string;
let cacheHome: string;
const savedXdg = process.env['XDG_CACHE_HOME'];

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'pgmg-base-cache-'));
  cacheHome = path.join(work, 'xdg');
  process.env['XDG_CACHE_HOME'] = cacheHome;
});
afterEach(() => {
  if (savedXdg === undefined) delete process.env['XDG_CACHE_HOME'];
  else process.env['XDG_CACHE_HOME'] = savedXdg;
  rmSync(work, { recursive: true, force: true });
});

function writeRepo(files: Record<string, string>): string {
  const root = path.join(work, `repo-${readdirSync(work).length}`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

async function migrationsOf(root: string): Promise<Migration[]> {
  return (await discoverMigrations(path.join(root, 'migrations'), { cwd: root, layout: 'plain', rollbackSuffix: '_rollback.sql' })).migrations;
}

async function runStage(root: string, checked: string | string[], options: { cache?: boolean; appliedIn?: string[] } = {}) {
  const lines: string[] = [];
  const { appliedIn, ...rest } = options;
  const paths = typeof checked === 'string' ? [checked] : checked;
  const stage = await runDatabaseStage({
    sets: [{ migrations: await migrationsOf(root), checked: new Map(paths.map((path) => [path, 'new' as const])), shipTogether: true }],
    settings: defaultConfig().database,
    severities: new Map(),
    log: (line) => lines.push(line),
    // The database each checked migration is applied in, by name.
    ...(appliedIn ? { beforeApply: async (url: string) => void appliedIn.push(new URL(url).pathname.slice(1)) } : {}),
    ...rest,
  });
  return { stage, lines, file: stage.files.get(paths[0]!)! };
}

function entries(kind: 'bases' | 'clusters'): string[] {
  const directory = path.join(cacheHome, 'pg-migration-gate', kind);
  return existsSync(directory) ? readdirSync(directory) : [];
}

const withNew = { ...HISTORY, [NEW]: NEW_SQL, [NEW.replace('.sql', '_rollback.sql')]: NEW_ROLLBACK };

describe('the temporary server cache', () => {
  it('saves the base on a miss and starts from it on a rerun, replaying nothing, with the same results', async () => {
    const root = writeRepo(withNew);
    const cold = await runStage(root, NEW);
    expect(cold.stage.summary.cache).toEqual({ base: 'saved', cluster: 'initdb' });
    expect(cold.stage.summary.timings?.baseMigrations).toBe(4);
    expect([entries('clusters').length, entries('bases').length]).toEqual([1, 1]);

    const warm = await runStage(root, NEW);
    expect(warm.stage.summary.cache).toEqual({ base: 'hit' });
    expect(warm.lines[0]).toMatch(/\(binaries from .+; the base databases from the cache\); it is removed when the check ends$/);
    expect(warm.stage.summary.timings).toMatchObject({ baseMigrations: 4, baseMs: 0 });
    expect(warm.file.apply.status).toBe('applied');
    expect(warm.file.rollback).toEqual(cold.file.rollback);
    expect(warm.file.findings).toEqual(cold.file.findings);
    expect(warm.file.locks.map(({ line, relation, mode }) => [line, relation, mode])).toEqual(cold.file.locks.map(({ line, relation, mode }) => [line, relation, mode]));

    // Another history is another base; the cluster is still the cached one (no initdb).
    const longer = writeRepo({ ...withNew, 'migrations/20240225090000_users_name.sql': 'ALTER TABLE users ADD COLUMN name text;\n' });
    const other = await runStage(longer, NEW);
    expect(other.stage.summary.cache).toEqual({ base: 'saved', cluster: 'cached' });
    expect(other.lines[0]).toContain('a cached cluster, no initdb');
    expect(entries('bases')).toHaveLength(2);
  }, 240_000);

  it('applies one new migration at the end in the cached base itself, no copy of it, and another base still clones it', async () => {
    const second = 'migrations/20240302120000_add_orders_tag.sql';
    const root = writeRepo({ ...withNew, [second]: 'ALTER TABLE orders ADD COLUMN tag text;\n', [second.replace('.sql', '_rollback.sql')]: 'ALTER TABLE orders DROP COLUMN tag;\n' });
    // Cold: a copy of the base, which is saved as it was before the migration.
    const coldIn: string[] = [];
    await runStage(root, second, { appliedIn: coldIn });
    expect(coldIn).toEqual([expect.stringMatching(/^pgmg_scratch_/)]);
    // Warm: the restored cluster goes with the run, so its copy of the base is the work database.
    const warmIn: string[] = [];
    const warm = await runStage(root, second, { appliedIn: warmIn });
    expect(warm.stage.summary.cache).toEqual({ base: 'hit' });
    expect(warmIn).toEqual([`${CACHED_BASE_PREFIX}0`]);
    expect([warm.file.apply.status, warm.file.rollback.status]).toEqual(['applied', 'verified']);
    // The cache's entry is untouched by that: the next rerun starts from the base without the column.
    const again = await runStage(root, second);
    expect(again.stage.summary.cache).toEqual({ base: 'hit' });
    expect(again.file.apply.status).toBe('applied');

    // Two checked migrations (another base, saved cold): on the rerun the first one is applied in a copy,
    // because the second may need the base again (a rebuild).
    const twoCold = await runStage(root, [NEW, second]);
    expect(twoCold.stage.summary.cache).toMatchObject({ base: 'saved' });
    const twoIn: string[] = [];
    const two = await runStage(root, [NEW, second], { appliedIn: twoIn });
    expect(two.stage.summary.cache).toEqual({ base: 'hit' });
    expect(twoIn).toEqual([expect.stringMatching(/^pgmg_scratch_/), expect.stringMatching(/^pgmg_scratch_/)]);
    expect([...two.stage.files.values()].map((file) => file.rollback.status)).toEqual(['verified', 'verified']);
  }, 240_000);

  it('finds in a cached base the schema that replaying the history builds', async () => {
    const root = writeRepo(withNew);
    await runStage(root, NEW);
    const migrations = await migrationsOf(root);
    const checked = new Map([[NEW, 'new']]);
    const server = await startTemporaryServer({ cache: serverCacheFor({ sets: [{ migrations, checked }], setup: [] }) });
    try {
      expect(server.dataFrom).toBe('cached-state');
      expect(server.cachedDatabases).toEqual([`${CACHED_BASE_PREFIX}0`]);
      const cachedClient = await connect(server.url.replace(/\/postgres$/, `/${CACHED_BASE_PREFIX}0`), {});
      const fromCache = await takeSnapshot(cachedClient).finally(() => closeConnection(cachedClient));
      const replayed = await createScratchDatabase(server.url);
      const client = await connect(replayed.url, {});
      try {
        const session = new Session(client, {});
        for (const migration of migrations.filter((each) => each.path !== NEW)) expect(await session.applyPlain(migration)).toBeUndefined();
        const fromReplay = await takeSnapshot(client);
        expect(fromReplay.size).toBeGreaterThan(10);
        expect([...fromCache.entries()]).toEqual([...fromReplay.entries()]);
        // The snapshot saved with the base (a rerun's S0, not read again) is the one read from it now.
        expect([...cachedBaseSnapshots(server)[0]!.entries()]).toEqual([...fromCache.entries()]);
      } finally {
        await closeConnection(client);
        await replayed.drop();
      }
    } finally {
      await server.stop();
    }
  }, 240_000);

  it('reads the schema again when the snapshot saved with a base is damaged, with the same results', async () => {
    const root = writeRepo(withNew);
    const cold = await runStage(root, NEW);
    const [key] = entries('bases');
    writeFileSync(path.join(cacheHome, 'pg-migration-gate', 'bases', key!, 'attachment.json'), '{"snapshots":[[{"kind":"table","name":"ghost","attributes":{}}]]}');
    const warm = await runStage(root, NEW);
    expect(warm.stage.summary.cache).toEqual({ base: 'hit' });
    expect(warm.file.rollback).toEqual(cold.file.rollback);
    expect(warm.file.rollback.status).toBe('verified');
    expect(warm.file.findings).toEqual(cold.file.findings);
  }, 240_000);

  it('says in one line that a damaged base is not usable, and builds and saves it again', async () => {
    const root = writeRepo(withNew);
    await runStage(root, NEW);
    const [key] = entries('bases');
    // One file taken out of the saved archive (GNU tar edits it in place), and the archive padded back
    // to its size with zeros (tar's end-of-archive blocks): whether tar's own padding kept the size
    // depends on the archive's length, and this test is about the unpacked files, not the size.
    const archive = path.join(cacheHome, 'pg-migration-gate', 'bases', key!, 'data.tar');
    const size = statSync(archive).size;
    const removed = spawnSync('tar', ['--delete', '-f', archive, './PG_VERSION']);
    expect(removed.status).toBe(0);
    expect(statSync(archive).size).toBeLessThanOrEqual(size);
    truncateSync(archive, size);
    const again = await runStage(root, NEW);
    expect(again.lines.filter((line) => line.includes('not usable'))).toHaveLength(1);
    expect(again.lines.find((line) => line.includes('not usable'))).toMatch(new RegExp(`^the cached base ${key!.slice(0, 12)} is not usable \\(its files do not match its manifest \\(\\d+ files, \\d+ listed\\)\\); it is rebuilt$`));
    expect(again.stage.summary.cache).toEqual({ base: 'saved', cluster: 'cached' });
    expect(again.file.apply.status).toBe('applied');
    expect(entries('bases')).toEqual([key]);
  }, 240_000);

  it('saves no base when a checked migration changed roles, which the saved cluster would keep', async () => {
    const migration = 'migrations/20240301120000_reporting_role.sql';
    const root = writeRepo({ ...HISTORY, [migration]: 'CREATE ROLE reporting NOLOGIN;\nGRANT SELECT ON paid_orders TO reporting;\n' });
    const { stage, file } = await runStage(root, migration);
    expect(file.apply.status).toBe('applied');
    expect(stage.summary.cache).toEqual({ base: 'not-saved', reason: 'the checked migrations changed roles or other server-wide state, which the saved base would keep', cluster: 'initdb' });
    expect(entries('bases')).toEqual([]);
    // The next run builds the base again, and CREATE ROLE still applies there.
    const rerun = await runStage(root, migration);
    expect(rerun.stage.summary.cache?.base).toBe('not-saved');
    expect(rerun.file.apply.status).toBe('applied');
  }, 240_000);

  it('leaves one whole entry when two runs save the same base at once, which the next run uses', async () => {
    const root = writeRepo(withNew);
    const both = await Promise.all([runStage(root, NEW), runStage(root, NEW)]);
    for (const run of both) {
      expect(run.stage.summary.cache?.base).toBe('saved');
      expect(run.file.apply.status).toBe('applied');
    }
    expect(entries('bases')).toHaveLength(1);
    expect(entries('clusters')).toHaveLength(1);
    expect(readdirSync(path.join(cacheHome, 'pg-migration-gate', 'tmp'))).toEqual([]);
    const third = await runStage(root, NEW);
    expect(third.stage.summary.cache).toEqual({ base: 'hit' });
    expect(third.lines.filter((line) => line.includes('not usable'))).toEqual([]);
  }, 240_000);

  it('goes on when the cache directory cannot be written: the run stands, the base is not saved', async () => {
    // XDG_CACHE_HOME naming a file: every directory under it fails with ENOTDIR, even for root.
    writeFileSync(cacheHome, 'not a directory\n');
    const root = writeRepo(withNew);
    const { stage, file } = await runStage(root, NEW);
    expect(file.apply.status).toBe('applied');
    expect(file.rollback.status).toBe('verified');
    expect(stage.summary.cache).toEqual({ base: 'not-saved', reason: 'the server did not shut down cleanly in time, or the cache directory could not be written', cluster: 'initdb' });
  }, 240_000);

  it('with --no-cache reads and writes nothing, and the report says the cache was off', async () => {
    const repo = new PrRepo(HISTORY).change({ write: { [NEW]: NEW_SQL, [NEW.replace('.sql', '_rollback.sql')]: NEW_ROLLBACK } });
    try {
      const out: string[] = [];
      const err: string[] = [];
      // Not PrRepo.check, which uses the shared test server: this run needs the temporary server.
      const code = await runCli(['check', '--base', 'main', '--no-cache', '--format', 'json'], {
        cwd: repo.root,
        stdout: (text) => out.push(text),
        stderr: (text) => err.push(text),
        isTty: false,
        env: {},
      });
      expect(err.join('')).not.toMatch(/from the cache|cached cluster|not usable/);
      expect(code).toBe(0);
      const report = JSON.parse(out.join('')) as { database: { cache: unknown; status: string } };
      expect(report.database).toMatchObject({ status: 'ran', cache: { base: 'off' } });
      expect(existsSync(path.join(cacheHome, 'pg-migration-gate'))).toBe(false);
      // The server's directory goes in the background while the report is made; the CLI waits for it.
      expect(serverDirectories(process.pid)).toEqual([]);
    } finally {
      repo.remove();
    }
  }, 240_000);
});
