// Issue "Judge the pull request, not the repository", points 1 and 2: what merged files already
// break is one info note, not a block on every later PR; a renamed merged migration is one finding.

import { afterEach, describe, expect, it } from 'vitest';
import { PrRepo } from '../pr-repo.js';

const journal = (entries: Array<[tag: string, when: number]>) =>
  `${JSON.stringify({ version: '7', dialect: 'postgresql', entries: entries.map(([tag, when], idx) => ({ idx, version: '7', when, tag, breakpoints: true })) }, null, 2)}\n`;

const USERS = 'CREATE TABLE IF NOT EXISTS "users" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"email" text NOT NULL\n);\n';
const POSTS = 'CREATE TABLE IF NOT EXISTS "posts" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"title" text\n);\n';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

describe('problems merged files already have', () => {
  it('a Drizzle journal entry whose tag has no file, merged long ago: a clean PR passes, with one info note', async () => {
    repo = new PrRepo({
      'drizzle/0000_wandering_crystal.sql': USERS,
      // The file was renamed by hand once; the journal still names the old tag.
      'drizzle/0001_add_posts.sql': POSTS,
      'drizzle/meta/_journal.json': journal([['0000_wandering_crystal', 1_700_000_000_000], ['0001_Add_Posts', 1_700_000_100_000]]),
    });
    repo.change({
      write: {
        'drizzle/0002_lush_nightcrawler.sql': 'CREATE TABLE IF NOT EXISTS "tags" (\n\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,\n\t"name" text\n);\n',
        'drizzle/meta/_journal.json': journal([['0000_wandering_crystal', 1_700_000_000_000], ['0001_Add_Posts', 1_700_000_100_000], ['0002_lush_nightcrawler', 1_700_000_200_000]]),
      },
    });
    const { code, findings, report } = await repo.check(['--dir', 'drizzle']);
    expect(findings).toEqual(['drizzle/meta/_journal.json journal-mismatch info']);
    expect(code).toBe(0);
    const note = report.migrations.find((m) => m.path === 'drizzle/meta/_journal.json')!;
    expect(note.status).toBe('modified'); // the PR added its own entry to the journal
    expect(note.findings[0]!.message).toMatch(/^2 merged files already break journal-mismatch, not because of this change/);
  });

  it('the same journal problem made by the PR itself is an error', async () => {
    repo = new PrRepo({ 'drizzle/0000_wandering_crystal.sql': USERS, 'drizzle/meta/_journal.json': journal([['0000_wandering_crystal', 1_700_000_000_000]]) });
    repo.change({
      write: {
        'drizzle/0001_add_posts.sql': POSTS,
        'drizzle/meta/_journal.json': journal([['0000_wandering_crystal', 1_700_000_000_000], ['0001_Add_Posts', 1_700_000_100_000]]),
      },
    });
    const { code, findings } = await repo.check(['--dir', 'drizzle']);
    expect(findings).toEqual(['drizzle/0001_add_posts.sql journal-mismatch error', 'drizzle/meta/_journal.json journal-mismatch error']);
    expect(code).toBe(1);
  });

  it('a history that already breaks the naming rules: a clean PR exits 0', async () => {
    repo = new PrRepo({
      'migrations/0001_create_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/002-AddOrders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n',
      'migrations/notes.sql': '-- run by hand once\nSELECT 1;\n',
      'migrations/0003_create_tags.sql': 'CREATE TABLE tags (id bigint PRIMARY KEY);\n',
    });
    repo.change({ write: { 'migrations/0004_create_notes.sql': 'CREATE TABLE notes (id bigint PRIMARY KEY, body text);\n' } });
    const { code, findings } = await repo.check();
    expect(findings).toEqual(['migrations/notes.sql naming-convention info']);
    expect(code).toBe(0);
  });
});

describe('one act, one finding', () => {
  it('renaming a merged migration is migration-modified alone, not also a duplicate version and out of order', async () => {
    repo = new PrRepo({
      'migrations/0001_create_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/0002_create_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY);\n',
      'migrations/0003_create_tags.sql': 'CREATE TABLE tags (id bigint PRIMARY KEY);\n',
    });
    repo.change({ rename: [['migrations/0002_create_orders.sql', 'migrations/0002_orders.sql']] });
    const { findings, report } = await repo.check();
    expect(findings).toEqual(['migrations/0002_orders.sql migration-modified error']);
    expect(report.migrations.map((m) => `${m.path} ${m.status}`)).toEqual(['migrations/0002_orders.sql modified']);
  });

  it('a rename that also edits the SQL is checked again as a modified migration, still with one set finding', async () => {
    repo = new PrRepo({
      'migrations/0001_create_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
      'migrations/0002_create_orders.sql': 'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  user_id bigint NOT NULL,\n  total numeric NOT NULL\n);\n',
      'migrations/0003_create_tags.sql': 'CREATE TABLE tags (id bigint PRIMARY KEY);\n',
    });
    repo.change({
      rename: [['migrations/0002_create_orders.sql', 'migrations/0002_orders.sql']],
      write: { 'migrations/0002_orders.sql': 'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  user_id bigint NOT NULL,\n  total numeric NOT NULL,\n  note text\n);\n' },
    });
    const { findings, report } = await repo.check();
    expect(findings).toEqual(['migrations/0002_orders.sql migration-modified error']);
    expect(report.migrations.find((m) => m.path === 'migrations/0002_orders.sql')?.apply?.status).toBe('applied');
  });

  it('deleting a merged Drizzle migration is migration-modified, not also a journal mismatch', async () => {
    repo = new PrRepo({
      'drizzle/0000_wandering_crystal.sql': USERS,
      'drizzle/0001_add_posts.sql': POSTS,
      'drizzle/meta/_journal.json': journal([['0000_wandering_crystal', 1_700_000_000_000], ['0001_add_posts', 1_700_000_100_000]]),
    });
    repo.change({ delete: ['drizzle/0001_add_posts.sql'] });
    const { findings } = await repo.check(['--dir', 'drizzle']);
    expect(findings).toEqual(['drizzle/0001_add_posts.sql migration-modified error']);
  });
});
