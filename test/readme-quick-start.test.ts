// The README's Quick start runs as written on a clone: its `check` command is run from the
// repository's top directory through sh, in a user's environment (no DATABASE_URL, so a temporary
// server starts; no npm variables of the run that started the tests), and what the README shows of
// its output is what it prints.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCommand, userEnv } from './user-shell.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
/** The fenced blocks of the section: the commands first, then the output shown. */
const blocks = [...quickStart.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1], lines: match[2]!.split('\n').filter((line) => line !== '') }));
let cache: string;
beforeAll(() => {
  cache = mkdtempSync(join(tmpdir(), 'pgmg-readme-'));
});
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** The command as a shell runs it: the part before its `#` comment. */
const command = (line: string): string => line.replace(/\s+#.*$/, '');

it('gives the clone commands: install, the main job on the demo, the tests', () => {
  expect(blocks[0]!.lang).toBe('sh');
  expect(blocks[0]!.lines.map(command)).toEqual(['npm ci', 'npm run gate -- check --dir fixtures/demo/migrations', 'npm test']);
});

it('its check on the demo runs as written and prints what the README shows', async () => {
  const line = blocks[0]!.lines.map(command).find((c) => c.includes(' check '))!;
  // An empty cache of server binaries: the server is the one `npm ci` installed.
  const { code, stdout, stderr } = await runCommand('sh', ['-c', line], { cwd: root, env: userEnv(dirname(process.execPath), { cacheDir: cache }) });
  expect(stderr).toMatch(/^pg-migration-gate: started a temporary PostgreSQL \d+\.\d+ \(binaries from .+\); it is removed when the check ends$/m);
  expect(code).toBe(1);
  const printed = new Set(stdout.split('\n'));
  const shown = blocks[1]!.lines.filter((l) => l !== '...');
  expect(shown.length).toBeGreaterThan(4);
  for (const l of shown) expect(printed.has(l), `${l}\n--- printed:\n${stdout}`).toBe(true);
}, 120_000);
