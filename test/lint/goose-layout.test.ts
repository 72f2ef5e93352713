// `lint` on a goose directory: only the Up section is linted, with the transaction goose gives it,
// at the lines of the real file; Go migrations are not SQL and are not linted.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { runLint } from '../../src/gate.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function lintGoose(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pgmg-goose-lint-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const report = await runLint({ cwd: dir, paths: ['.'], config: defaultConfig() });
  return (name: string) => report.migrations.find((migration) => migration.path === name)?.findings ?? [];
}

const RULE = 'ban-concurrent-index-creation-in-transaction';

describe('lint: goose', () => {
  it("reports CREATE INDEX CONCURRENTLY in goose's transaction with goose's own recipe, and not with NO TRANSACTION", async () => {
    const findingsOf = await lintGoose({
      '00001_create_posts.sql': '-- +goose Up\nCREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint);\n\n-- +goose Down\nDROP TABLE posts;\n',
      '00002_posts_user_id_key.sql': '-- +goose Up\n-- +goose StatementBegin\nCREATE INDEX CONCURRENTLY posts_user_id_key ON posts(user_id);\n-- +goose StatementEnd\n\n-- +goose Down\n-- +goose StatementBegin\nDROP INDEX CONCURRENTLY posts_user_id_key;\n-- +goose StatementEnd\n',
      '20231230174418_posts_id_index.sql': '-- +goose NO TRANSACTION\n-- +goose Up\n-- +goose StatementBegin\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_id ON posts (id);\n-- +goose StatementEnd\n\n-- +goose Down\n-- +goose StatementBegin\nDROP INDEX CONCURRENTLY IF EXISTS idx_posts_id;\n-- +goose StatementEnd\n',
      '00003_backfill.go': 'package migrations\n',
    });
    const inTransaction = findingsOf('00002_posts_user_id_key.sql').filter((f) => f.rule === RULE);
    expect(inTransaction.map((f) => [f.line, f.column])).toEqual([[3, 1]]);
    expect(inTransaction[0]!.message).toBe(
      'goose runs each migration in a transaction of its own, so CREATE INDEX CONCURRENTLY fails there with "cannot run inside a transaction block".',
    );
    expect(inTransaction[0]!.help).toBe('To run CREATE INDEX CONCURRENTLY under goose, put it in a migration of its own that starts with `-- +goose NO TRANSACTION`.');
    expect(findingsOf('20231230174418_posts_id_index.sql').filter((f) => f.rule === RULE)).toEqual([]);
  });

  it('lints the Up section only: what the Down section does is the rollback, not the migration', async () => {
    const findingsOf = await lintGoose({
      '00001_create_users_table.sql': '-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\n\n-- +goose Down\nDROP TABLE users;\n',
      '00002_add_email_index.sql': '-- +goose Up\nCREATE INDEX users_email_idx ON users (email);\n\n-- +goose Down\nDROP TABLE users;\n',
    });
    const rules = findingsOf('00002_add_email_index.sql').map((f) => [f.rule, f.line]);
    expect(rules).toContainEqual(['require-concurrent-index-creation', 2]);
    expect(rules.filter(([rule]) => rule === 'ban-drop-table')).toEqual([]);
  });
});
