// The suggestions are SQL that runs: a migration with every suggestion accepted (its lines replaced
// as GitHub replaces them) applies on a real Postgres to tables that hold rows the constraints would
// reject, statement by statement as psql runs it, builds the index concurrently and adds the
// constraints unvalidated. The file is a golang-migrate up file of the kind real projects have.

import pg from 'pg';
import { expect, it } from 'vitest';
import { withScratchDatabase } from '../../src/db/scratch.js';
import { parseSource } from '../../src/sql/parse.js';
import { sourceFromText } from '../../src/sql/source.js';
import type { LineReplacement } from '../../src/types.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { lintSql } from '../lint-helpers.js';

const MIGRATION = [
  "SET lock_timeout = '5s';",
  '',
  'CREATE INDEX orders_user_id_idx',
  '  ON orders (user_id); -- the account page lists a user\'s orders',
  '',
  'ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);',
  'ALTER TABLE orders ADD CONSTRAINT orders_user_fk',
  '  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;',
  '',
].join('\n');

/** The file with each suggestion's lines replaced by its text, last first so line numbers hold. */
function accept(text: string, suggestions: LineReplacement[]): string {
  const lines = text.split('\n');
  for (const { startLine, endLine, text: replacement } of [...suggestions].sort((a, b) => b.startLine - a.startLine)) {
    lines.splice(startLine - 1, endLine - startLine + 1, ...replacement.split('\n'));
  }
  return lines.join('\n');
}

it('a migration with every suggestion accepted applies, concurrently and without validating the rows', async () => {
  const { findings } = await lintSql(MIGRATION, { path: 'db/migrations/000042_orders_user.up.sql' });
  const suggestions = findings.flatMap((finding) => (finding.suggestion ? [finding.suggestion] : []));
  expect(findings.filter((finding) => finding.suggestion).map((finding) => finding.rule)).toEqual([
    'require-concurrent-index-creation',
    'constraint-missing-not-valid',
    'constraint-missing-not-valid',
  ]);
  const accepted = accept(MIGRATION, suggestions);
  expect(accepted).toContain("  ON orders (user_id); -- the account page lists a user's orders");

  // Linted again, the accepted file has none of those findings left.
  const after = (await lintSql(accepted)).findings.map((finding) => finding.rule);
  expect(after).not.toContain('require-concurrent-index-creation');
  expect(after).not.toContain('constraint-missing-not-valid');

  await withScratchDatabase(testDatabaseUrl(), async (database) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE users (id bigint PRIMARY KEY); CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, amount int)');
      // Rows the constraints reject: NOT VALID must leave them, a validating ADD would fail.
      await client.query('INSERT INTO orders VALUES (1, 99, -5)');
      const source = sourceFromText('accepted.sql', accepted);
      // One statement per query, as psql sends them: CONCURRENTLY cannot run in a multi-statement query.
      for (const statement of parseSource(source).statements) await client.query(source.bytes.subarray(statement.start, statement.end).toString('utf8'));
      const constraints = await client.query<{ conname: string; convalidated: boolean }>(
        "SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype IN ('c', 'f') ORDER BY conname",
      );
      expect(constraints.rows).toEqual([
        { conname: 'orders_amount_positive', convalidated: false },
        { conname: 'orders_user_fk', convalidated: false },
      ]);
      const index = await client.query<{ indisvalid: boolean }>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_user_id_idx'::regclass");
      expect(index.rows).toEqual([{ indisvalid: true }]);
    } finally {
      await client.end();
    }
  });
}, 60_000);
