// A base that is neither kept (the temporary server's cache) nor needed again as it is becomes the
// work database itself, with no clone (verify-set.ts, WorkDatabases.adoptBaseAsWork): a set whose
// only migration from the checked one on is that one. Where more follow, a copy of the base may be
// needed again (a rebuild, Drizzle's batch) and it stays their template.

import { describe, expect, it } from 'vitest';
import { ownScratchDatabases, testDatabaseUrl } from '../db/postgres.js';
import { drizzleJournal } from '../discover/fixture.js';
import { stageOfDirectory } from './stage-directory.js';

/** The stage of `files` with the scratch databases this process holds each time a checked migration is applied. */
async function stageCounting(files: Record<string, string>, checked: Record<string, 'new' | 'modified'>, layout: 'plain' | 'drizzle' = 'plain') {
  const url = testDatabaseUrl();
  const before = await ownScratchDatabases(url);
  const held: number[] = [];
  const { stage } = await stageOfDirectory(files, checked, {
    layout,
    shipTogether: true,
    beforeApply: async () => {
      held.push((await ownScratchDatabases(url)).length - before.length);
    },
  });
  expect(await ownScratchDatabases(url)).toEqual(before);
  return { stage, held };
}

const statuses = (stage: Awaited<ReturnType<typeof stageCounting>>['stage']) =>
  [...stage.files].map(([file, result]) => [file, result.apply.status, result.rollback.status]);

describe('the base as the work database', () => {
  it('a history nothing needs again is applied where the migration is then verified: one database, not two', async () => {
    const { stage, held } = await stageCounting(
      {
        '0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\nSET search_path TO pg_catalog;\n',
        // Unqualified: the history's SET stays in the history's session, as it would in a clone.
        '0002_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n',
        '0002_email_rollback.sql': 'ALTER TABLE users DROP COLUMN email;\n',
      },
      { '0002_email.sql': 'new' },
    );
    expect(statuses(stage)).toEqual([['migrations/0002_email.sql', 'applied', 'verified']]);
    expect(held).toEqual([1]);
  });

  it("Drizzle's new migrations, applied again as one batch afterwards: the base stays the template of both copies", async () => {
    const journal = drizzleJournal(['0000_init', '0001_email', '0002_name'].map((tag, idx) => ({ tag, when: 1700000000000 + idx * 1000 })));
    const { stage, held } = await stageCounting(
      {
        'meta/_journal.json': journal,
        '0000_init.sql': 'CREATE TABLE "users" (\n\t"id" serial PRIMARY KEY NOT NULL\n);\n',
        '0001_email.sql': 'ALTER TABLE "users" ADD COLUMN "email" text;',
        '0002_name.sql': 'ALTER TABLE "users" ADD COLUMN "name" text;',
      },
      { '0001_email.sql': 'new', '0002_name.sql': 'new' },
      'drizzle',
    );
    expect(statuses(stage).map(([file, apply]) => [file, apply])).toEqual([
      ['migrations/0001_email.sql', 'applied'],
      ['migrations/0002_name.sql', 'applied'],
    ]);
    expect(stage.summary.notes).toEqual([expect.stringContaining('all together in one transaction')]);
    expect(held).toEqual([2, 2]);
  });

  it('two migrations to verify: the base stays, and a round trip that does not come back is rebuilt from it for the next', async () => {
    const { stage, held } = await stageCounting(
      {
        '0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
        '0002_tags.sql': 'CREATE TABLE tags (id int);\n',
        // The rollback leaves a table behind: the database is not "0002 applied once" any more.
        '0002_tags_rollback.sql': 'DROP TABLE tags;\nCREATE TABLE junk (id int);\n',
        // Applies only where junk is not there, and needs the history's users.
        '0003_junk.sql': 'CREATE TABLE junk (id int, user_id bigint REFERENCES users);\n',
        '0003_junk_rollback.sql': 'DROP TABLE junk;\n',
      },
      { '0002_tags.sql': 'new', '0003_junk.sql': 'new' },
    );
    expect(statuses(stage)).toEqual([
      ['migrations/0002_tags.sql', 'applied', 'mismatch'],
      ['migrations/0003_junk.sql', 'applied', 'verified'],
    ]);
    // The base and one work database (the rebuilt one replaced the first).
    expect(held).toEqual([2, 2]);
  });
});
