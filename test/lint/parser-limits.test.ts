// Statements beyond the WASM parser's memory or stack are reported as such, at their line (at the
// file's first statement when the file is too large even to split), not as invalid SQL; the runtime's own prints (a FATAL line on stdout, a memory dump on stderr) never reach
// the gate's output, and the next file is parsed and linted as usual.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pgmg-parser-limits-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `lint --format json` in-process and records whatever else reaches the process's own streams. */
async function lintJson(): Promise<{ report: { migrations: Array<{ path: string; findings: Array<{ rule: string; line: number; message: string }> }> }; leaked: string }> {
  let stdout = '';
  let leaked = '';
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const record = ((chunk: string | Uint8Array) => {
    leaked += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = record;
  process.stderr.write = record;
  try {
    await runCli(['lint', '--format', 'json', 'migrations'], { cwd: dir, stdout: (text) => (stdout += text), stderr: () => undefined, isTty: false, env: {} });
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
  return { report: JSON.parse(stdout), leaked };
}

function writeMigrations(files: Record<string, string>): void {
  mkdirSync(join(dir, 'migrations'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'migrations', name), text);
}

describe('statements beyond the parser', () => {
  it('an expression nested too deeply: reported at its line as beyond the parser, and the next file is linted', async () => {
    writeMigrations({
      '0001_deep.sql': `-- generated\nCREATE TABLE totals (n int);\nINSERT INTO totals SELECT 1${'+1'.repeat(150_000)};\n`,
      '0002_index.sql': 'CREATE INDEX totals_n ON totals (n);\n',
    });
    const { report, leaked } = await lintJson();
    const [deep, next] = report.migrations;
    expect(deep!.findings.map((f) => [f.rule, f.line])).toEqual([['syntax-error', 3]]);
    expect(deep!.findings[0]!.message).toMatch(/^This statement is nested too deeply for the parser \(300 kB\), so the gate could not check it; it is not known to be invalid SQL\.$/);
    expect(next!.findings.map((f) => f.rule)).toContain('require-concurrent-index-creation');
    expect(leaked).toBe('');
  });

  it('a VALUES list too large for the parser\'s memory: no FATAL line or memory dump in the output, which stays JSON', async () => {
    const rows = Array.from({ length: 1_700_000 }, (_, i) => `(${i},'value number ${i}')`).join(',');
    writeMigrations({
      '0001_seed.sql': `CREATE TABLE seed (a int, b text);\n\nINSERT INTO seed (a, b) VALUES ${rows};\n`,
      '0002_index.sql': 'CREATE INDEX seed_a ON seed (a);\n',
    });
    const { report, leaked } = await lintJson();
    const [seed, next] = report.migrations;
    // Too many tokens even to split the file into statements: at the file's first statement.
    expect(seed!.findings.map((f) => [f.rule, f.line])).toEqual([['syntax-error', 1]]);
    expect(seed!.findings[0]!.message).toMatch(/^This statement is too large for the parser \(5\d\.\d MB\)/);
    expect(next!.findings.map((f) => f.rule)).toContain('require-concurrent-index-creation');
    expect(leaked).not.toContain('FATAL');
    expect(leaked).not.toContain('MemoryContext');
  }, 600_000);
});
