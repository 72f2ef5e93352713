// The README's Quick start runs as written on a clone: its `check` command is run from the
// repository's top directory through sh, in a user's environment (no DATABASE_URL, so a temporary
// server starts; no npm variables of the run that started the tests), and what the README shows of
// its output is what it prints.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
/** The fenced blocks of the section: the commands first, then the output shown. */
const blocks = [...quickStart.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1], lines: match[2]!.split('\n').filter((line) => line !== '') }));
const cache = mkdtempSync(join(tmpdir(), 'pgmg-readme-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** The command as a shell runs it: the part before its `#` comment. */
const command = (line: string): string => line.replace(/\s+#.*$/, '');

function userEnv(): NodeJS.ProcessEnv {
  const dropped = new Set(['INIT_CWD', 'NODE', 'NODE_OPTIONS', 'NODE_PATH', 'DATABASE_URL', 'PG_MIGRATION_GATE_DEBUG', 'NO_COLOR']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_') && !dropped.has(name)));
  const path = (process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== '' && !dir.split(sep).includes('node_modules'));
  // An empty cache of server binaries: the server is the one `npm ci` installed.
  return { ...env, PATH: [dirname(process.execPath), ...path].join(delimiter), XDG_CACHE_HOME: cache };
}

it('gives the clone commands: install, the main job on the demo, the tests', () => {
  expect(blocks[0]!.lang).toBe('sh');
  expect(blocks[0]!.lines.map(command)).toEqual(['npm ci', 'npm run gate -- check --dir fixtures/demo/migrations', 'npm test']);
});

it('its check on the demo runs as written and prints what the README shows', async () => {
  const line = blocks[0]!.lines.map(command).find((c) => c.includes(' check '))!;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('sh', ['-c', line], { cwd: root, env: userEnv() }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }));
  });
  expect(stderr).toMatch(/^pg-migration-gate: started a temporary PostgreSQL \d+\.\d+ \(binaries from .+\); it is removed when the check ends$/m);
  expect(code).toBe(1);
  const printed = new Set(stdout.split('\n'));
  const shown = blocks[1]!.lines.filter((l) => l !== '...');
  expect(shown.length).toBeGreaterThan(4);
  for (const l of shown) expect(printed.has(l), `${l}\n--- printed:\n${stdout}`).toBe(true);
}, 120_000);
