// The CLI end to end, in process: arguments, config, formats, exit codes, and bad input.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { removeInBackground } from '../../src/db/background-removals.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pgmg-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd: dir,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTty: false,
    env: {},
  });
  return { code, stdout, stderr };
}

function write(name: string, content: string | Buffer): void {
  writeFileSync(join(dir, name), content);
}

describe('lint', () => {
  it('prints file:line:col severity rule message and the help, exits 1 on an error', async () => {
    write('0001_index.sql', 'SELECT 1;\nCREATE INDEX i ON users (email);\n');
    const { code, stdout } = await cli('lint', '0001_index.sql');
    expect(code).toBe(1);
    expect(stdout).toContain('0001_index.sql:2:1  error  require-concurrent-index-creation  CREATE INDEX on existing table users');
    expect(stdout).toContain('    help: Use CREATE INDEX CONCURRENTLY');
    expect(stdout).not.toContain('\u001b[');
  });

  it('exits 0 with no findings', async () => {
    write('0001_ok.sql', 'CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n');
    const { code, stdout } = await cli('lint', '.');
    expect(code).toBe(0);
    expect(stdout).toContain('no findings in 1 file');
  });

  it('lints a directory in migration order (9 before 10)', async () => {
    write('10_b.sql', 'CREATE INDEX b ON t (b);');
    write('9_a.sql', 'CREATE INDEX a ON t (a);');
    const { stdout } = await cli('lint', '--format', 'json', '.');
    expect(JSON.parse(stdout).migrations.map((m: { path: string }) => m.path)).toEqual(['9_a.sql', '10_b.sql']);
  });

  it('--fail-on never exits 0 even with errors; --fail-on warning fails on a warning', async () => {
    write('a.sql', 'CREATE INDEX i ON t (x);');
    expect((await cli('lint', '--fail-on', 'never', 'a.sql')).code).toBe(0);
    write('b.sql', 'ALTER TABLE t RENAME COLUMN a TO b;');
    expect((await cli('lint', '--fail-on', 'warning', 'b.sql')).code).toBe(1);
    expect((await cli('lint', 'b.sql')).code).toBe(0);
  });

  it('applies rule severities from .migration-gate.yml', async () => {
    write('.migration-gate.yml', 'rules:\n  require-concurrent-index-creation: warning\n');
    write('a.sql', 'CREATE INDEX i ON t (x);');
    const { code, stdout } = await cli('lint', 'a.sql');
    expect(code).toBe(0);
    expect(stdout).toContain('warning  require-concurrent-index-creation');
  });

  it('follows postgres-version from the config', async () => {
    write('a.sql', "SET lock_timeout = '5s';\nALTER TABLE t ADD COLUMN flag boolean DEFAULT false;");
    expect(JSON.parse((await cli('lint', '-f', 'json', 'a.sql')).stdout).migrations[0].findings).toEqual([]);
    write('.migration-gate.yml', 'postgres-version: 10\n');
    const findings = JSON.parse((await cli('lint', '-f', 'json', 'a.sql')).stdout).migrations[0].findings;
    expect(findings.map((f: { rule: string }) => f.rule)).toContain('adding-field-with-default');
  });
});

describe('bad input never crashes', () => {
  const cases: Array<[string, string | Buffer, number]> = [
    ['empty.sql', '', 1],
    ['binary.sql', Buffer.from([0x00, 0x01, 0x02, 0xff]), 1],
    ['latin1.sql', Buffer.from([0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0x20, 0x27, 0xe9, 0x27, 0x3b]), 1],
    ['dollar.sql', 'SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $body$\nSELECT 1;\n', 2],
  ];
  for (const [name, content, line] of cases) {
    it(`${name}: a located syntax-error finding, exit 1`, async () => {
      write(name, content);
      const { code, stdout, stderr } = await cli('lint', '--format', 'json', name);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      const finding = JSON.parse(stdout).migrations[0].findings[0];
      expect(finding).toMatchObject({ rule: 'syntax-error', line });
    });
  }

  it('a 5 MB file is linted', async () => {
    const statement = "INSERT INTO audit_log (id, payload) VALUES (1, 'some payload text that is long enough');\n";
    write('big.sql', `SET lock_timeout = '5s';\nCREATE TABLE audit_log (id bigint, payload text);\n${statement.repeat(Math.ceil((5 * 1024 * 1024) / statement.length))}CREATE INDEX i ON users (x);\n`);
    const { code, stdout } = await cli('lint', '--format', 'json', 'big.sql');
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).migrations[0].findings;
    expect(findings.map((f: { rule: string }) => f.rule)).toEqual(['require-concurrent-index-creation']);
    expect(findings[0].line).toBeGreaterThan(50_000);
  });
});

describe('usage, config and I/O errors exit 2 with one line', () => {
  it('a missing path', async () => {
    const { code, stderr } = await cli('lint', 'nope.sql');
    expect(code).toBe(2);
    expect(stderr).toBe('pg-migration-gate: nope.sql: no such file or directory\n');
  });

  it('a directory without SQL files', async () => {
    const { code, stderr } = await cli('lint', '.');
    expect(code).toBe(2);
    expect(stderr).toContain('no migration files found in this directory');
  });

  it('an unknown option, format or command', async () => {
    expect((await cli('lint', '--frmat', 'json', 'a.sql')).code).toBe(2);
    expect((await cli('lint', '--format', 'xml', 'a.sql')).stderr).toContain('--format must be one of text, json, sarif, markdown');
    expect((await cli('deploy')).stderr).toContain("unknown command 'deploy'");
    expect((await cli()).code).toBe(2);
  });

  it('flags in our words: an unknown one with "did you mean", one without its value, one that takes none', async () => {
    const typo = await cli('check', '--databse-url', 'postgres://x');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("pg-migration-gate: unknown option --databse-url (did you mean --database-url?); run `pg-migration-gate --help` for the options\n");
    expect((await cli('lint', '-x', 'a.sql')).stderr).toBe('pg-migration-gate: unknown option -x; run `pg-migration-gate --help` for the options\n');
    expect((await cli('lint', 'a.sql', '--format')).stderr).toBe('pg-migration-gate: --format needs a value: --format text|json|sarif|markdown\n');
    expect((await cli('lint', '--no-color=yes', 'a.sql')).stderr).toBe('pg-migration-gate: --no-color takes no value; write it alone\n');
  });

  it('config values in our words, with "did you mean" for keys and rule ids', async () => {
    write('a.sql', 'SELECT 1;');
    write('k.yml', 'migrations: db\nfail_on: warning\n');
    expect((await cli('lint', '-c', 'k.yml', 'a.sql')).stderr).toContain("k.yml:2: 'fail_on': unknown key (did you mean fail-on?); allowed here:");
    write('r.yml', 'rules:\n  ban-drop-colum: off\n');
    expect((await cli('lint', '-c', 'r.yml', 'a.sql')).stderr).toContain("unknown rule 'ban-drop-colum' (did you mean ban-drop-column?)");
    write('t.yml', 'rules:\n  - ban-drop-column\n');
    expect((await cli('lint', '-c', 't.yml', 'a.sql')).stderr).toBe("pg-migration-gate: t.yml:2: 'rules': must be a mapping of names to values (key: value lines), not a list\n");
    write('v.yml', 'postgres-version: 9\n');
    expect((await cli('lint', '-c', 'v.yml', 'a.sql')).stderr).toBe("pg-migration-gate: v.yml:1: 'postgres-version': must be at least 10\n");
    write('e.yml', 'fail-on: sometimes\n');
    expect((await cli('lint', '-c', 'e.yml', 'a.sql')).stderr).toBe("pg-migration-gate: e.yml:1: 'fail-on': must be one of error, warning, never\n");
  });

  it('an unknown config key names the file, line and key', async () => {
    write('.migration-gate.yml', 'migrations: db\nfail_on: warning\n');
    write('a.sql', 'SELECT 1;');
    const { code, stderr } = await cli('lint', 'a.sql');
    expect(code).toBe(2);
    expect(stderr).toContain(".migration-gate.yml:2: 'fail_on': unknown key (did you mean fail-on?); allowed here: migrations, layout");
  });

  it('an unknown rule id and a bad severity in the config', async () => {
    write('a.sql', 'SELECT 1;');
    write('c1.yml', 'rules:\n  ban-drop-colum: off\n');
    expect((await cli('lint', '-c', 'c1.yml', 'a.sql')).stderr).toContain("c1.yml:2: 'rules.ban-drop-colum': unknown rule 'ban-drop-colum'");
    write('c2.yml', 'rules:\n  ban-drop-column: fatal\n');
    const bad = await cli('lint', '-c', 'c2.yml', 'a.sql');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("c2.yml:2: 'rules.ban-drop-column'");
    write('c3.yml', 'postgres-version: sixteen\n');
    expect((await cli('lint', '-c', 'c3.yml', 'a.sql')).stderr).toContain("c3.yml:1: 'postgres-version'");
  });

  it('invalid YAML and a missing --config file', async () => {
    write('a.sql', 'SELECT 1;');
    write('bad.yml', 'rules: [unclosed\n');
    expect((await cli('lint', '-c', 'bad.yml', 'a.sql')).stderr).toMatch(/bad\.yml:\d+: invalid YAML/);
    expect((await cli('lint', '-c', 'missing.yml', 'a.sql')).stderr).toContain('missing.yml: config file not found');
  });
});

describe('rules and version', () => {
  it('lists every rule with its defaults', async () => {
    const { code, stdout } = await cli('rules');
    expect(code).toBe(0);
    expect(stdout).toMatch(/require-concurrent-index-creation\s+error\s+high/);
    expect(stdout).toMatch(/prefer-robust-stmts\s+off/);
  });
});

describe('directories are read as their migration tool reads them', () => {
  it('paired rollback files are not linted as migrations', async () => {
    write('0001_create_users.sql', 'CREATE TABLE users (id bigint);');
    write('0001_create_users_rollback.sql', 'DROP TABLE users;');
    const { code, stdout } = await cli('lint', '-f', 'json', '.');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).migrations.map((m: { path: string }) => m.path)).toEqual(['0001_create_users.sql']);
  });

  it('a Prisma directory lints each migration.sql with Prisma\'s one-query transaction', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, '20240101000000_init'));
    write('20240101000000_init/migration.sql', 'CREATE TABLE t (id int);\nCREATE INDEX CONCURRENTLY i ON users (id);\n');
    const { stdout } = await cli('lint', '-f', 'json', '.');
    const findings = JSON.parse(stdout).migrations[0].findings;
    expect(findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).toContainEqual(['ban-concurrent-index-creation-in-transaction', 2]);
  });

  it('a dbmate file: only up sections are linted, at their real lines', async () => {
    write('20240101000000_users.sql', '-- migrate:up\nCREATE INDEX i ON users (email);\n\n-- migrate:down\nDROP INDEX i;\n');
    const { stdout } = await cli('lint', '-f', 'json', '.');
    const findings = JSON.parse(stdout).migrations[0].findings;
    expect(findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).toEqual([
      ['require-concurrent-index-creation', 2],
      ['require-lock-timeout', 2],
    ]);
  });
});

describe('file-wide ignores of set rules', () => {
  it('cover the set rule, and are not called unused at lint time', async () => {
    write('.migration-gate.yml', 'header: { required: [Created] }\n');
    write('0001_a.sql', '-- pg-migration-gate-ignore-file header-missing-field -- generated file\nSELECT 1;\n');
    write('0002_b.sql', 'SELECT 1;\n');
    const { stdout } = await cli('lint', '-f', 'json', '.');
    const findings = JSON.parse(stdout).migrations.flatMap((m: { path: string; findings: Array<{ rule: string }> }) => m.findings.map((f) => `${m.path} ${f.rule}`));
    expect(findings).toEqual(['0002_b.sql header-missing-field']);
  });
});

describe('runner transaction scope from the layout', () => {
  it('Drizzle: CREATE INDEX CONCURRENTLY fails in the migrator\'s one transaction, even without BEGIN', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'meta'));
    write('meta/_journal.json', JSON.stringify({ version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_idx', breakpoints: true }] }));
    write('0000_idx.sql', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "users_email_idx" ON "users" ("email");');
    const { stdout } = await cli('lint', '-f', 'json', '.');
    const findings = JSON.parse(stdout).migrations[0].findings;
    expect(findings.map((f: { rule: string }) => f.rule)).toContain('ban-concurrent-index-creation-in-transaction');
    expect(findings.find((f: { rule: string }) => f.rule === 'ban-concurrent-index-creation-in-transaction').message).toContain('Drizzle');
  });
});

describe('the end of a run', () => {
  it('returns only once the temporary server directories still being removed are gone', async () => {
    let removed = false;
    removeInBackground(join(dir, 'server'), () => undefined, () => new Promise((resolve) => setTimeout(() => resolve(void (removed = true)), 100)));
    const { code, stderr } = await cli('--version');
    expect(code).toBe(0);
    expect(removed).toBe(true);
    expect(stderr).toBe('');
  });

  it('says in one warning which directory could not be removed, and keeps the exit code', async () => {
    const server = join(dir, 'server');
    removeInBackground(server, () => undefined, () => Promise.reject(new Error('EBUSY: resource busy or locked')));
    const { code, stderr } = await cli('--version');
    expect(code).toBe(0);
    expect(stderr).toBe(`pg-migration-gate: warning: could not remove the temporary server directory ${server}: EBUSY: resource busy or locked; remove it by hand\n`);
  });
});
