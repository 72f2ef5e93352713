// `check` on a goose project through the CLI, with the database stage: what a pull request that
// adds goose migrations gets back, static and database findings together.

import { afterEach, describe, expect, it } from 'vitest';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

describe('check: goose', () => {
  it('reports CONCURRENTLY in goose\'s transaction statically and where it fails, and a statement goose would cut', async () => {
    repo = new PrRepo({
      'db/migrations/00001_create_users_table.sql': '-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, updated_at timestamptz);\n\n-- +goose Down\nDROP TABLE users;\n',
    });
    repo.change({
      write: {
        'db/migrations/00002_add_email_index.sql': '-- +goose Up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n\n-- +goose Down\nDROP INDEX users_email_idx;\n',
        'db/migrations/00003_set_updated_at.sql':
          "-- +goose Up\nCREATE FUNCTION set_updated_at() RETURNS trigger AS $$\nBEGIN\n    NEW.updated_at = now();\n    RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n\n-- +goose Down\nDROP FUNCTION set_updated_at();\n",
        'db/migrations/00004_backfill_emails.go': 'package migrations\n',
      },
    });
    const { code, report } = await repo.check(['--dir', 'db/migrations']);
    expect(code).toBe(1);
    const byPath = (name: string) => report.migrations.find((m) => m.path === `db/migrations/${name}`)!;
    expect(report.migrations.map((m) => m.path)).toEqual(['db/migrations/00002_add_email_index.sql', 'db/migrations/00003_set_updated_at.sql']);
    const index = byPath('00002_add_email_index.sql');
    expect(index.findings.map((f) => [f.rule, f.line])).toEqual(
      expect.arrayContaining([
        ['ban-concurrent-index-creation-in-transaction', 2],
        ['apply-failed', 2],
      ]),
    );
    expect(index.apply?.status).toBe('failed');
    expect(byPath('00003_set_updated_at.sql').findings.map((f) => [f.rule, f.line])).toContainEqual(['migration-file-invalid', 4]);
  });
});
