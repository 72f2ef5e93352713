// Drizzle (journal and drizzle-kit 1.0 folders) and Prisma directories: the journal or the folder
// names give the order, and a journal that disagrees with the files is reported at the line to fix.

import { afterEach, describe, expect, it } from 'vitest';
import { codes, discover, drizzleJournal, paths, removeTempDirs } from './fixture.js';

afterEach(removeTempDirs);

describe('drizzle layout', () => {
  const journal = drizzleJournal([
    { tag: '0000_clumsy_frank_castle', when: 1700000000000 },
    { tag: '0002_wooden_falcon', when: 1700000100000 },
    { tag: '0001_happy_hairball', when: 1700000200000 },
  ]);

  it('takes the journal order, not the file names, and keeps each entry', async () => {
    const result = await discover({
      'meta/_journal.json': journal,
      'meta/0000_snapshot.json': '{}',
      '0000_clumsy_frank_castle.sql': 'CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE TABLE b (id int);',
      '0001_happy_hairball.sql': 'SELECT 1;',
      '0002_wooden_falcon.sql': 'SELECT 1;',
    });
    expect(result.layout).toBe('drizzle');
    expect(result.layoutReason).toMatch(/_journal\.json/);
    expect(paths(result)).toEqual([
      'migrations/0000_clumsy_frank_castle.sql',
      'migrations/0002_wooden_falcon.sql',
      'migrations/0001_happy_hairball.sql',
    ]);
    const second = result.migrations[1]!;
    expect(second).toMatchObject({ version: '0002', name: 'wooden_falcon', statementSplit: 'drizzle-breakpoints', rollback: { kind: 'none' } });
    expect(second.scope).toMatchObject({ wrapsFile: true, nonTransactional: 'never', runner: 'Drizzle' });
    expect(second.journal).toMatchObject({ idx: 1, when: 1700000100000, tag: '0002_wooden_falcon', position: 1, journalPath: 'migrations/meta/_journal.json' });
    expect(journal.split('\n')[second.journal!.line - 1]).toContain('"tag": "0002_wooden_falcon"');
    expect(result.problems).toEqual([]);
  });

  it('reports an entry without its file at the journal line, and a file the journal does not list', async () => {
    const result = await discover({
      'meta/_journal.json': journal,
      '0000_clumsy_frank_castle.sql': 'SELECT 1;',
      '0001_happy_hairball.sql': 'SELECT 1;',
      '0003_hand_written.sql': 'SELECT 1;',
    });
    expect(paths(result)).toEqual(['migrations/0000_clumsy_frank_castle.sql', 'migrations/0001_happy_hairball.sql']);
    const tagLine = journal.split('\n').findIndex((line) => line.includes('0002_wooden_falcon')) + 1;
    expect(codes(result)).toEqual([
      ['journal-entry-without-file', 'migrations/meta/_journal.json', tagLine],
      ['file-not-in-journal', 'migrations/0003_hand_written.sql', 1],
    ]);
  });

  it('locates malformed journal JSON and still lists the SQL files', async () => {
    const result = await discover({
      'meta/_journal.json': '{\n  "version": "7",\n  "entries": [\n    { "idx": 0, "tag": "0000_a" }\n    { "idx": 1 }\n  ]\n}\n',
      '0000_a.sql': 'SELECT 1;',
    });
    expect(result.layout).toBe('drizzle');
    expect(paths(result)).toEqual(['migrations/0000_a.sql']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'journal-invalid', path: 'migrations/meta/_journal.json' });
    expect(result.problems[0]!.line).toBeGreaterThan(1);
  });

  it('points at the merge conflict marker of a journal two branches both appended to', async () => {
    const text = [
      '{',
      '  "entries": [',
      '    { "idx": 0, "when": 1, "tag": "0000_a", "breakpoints": true },',
      '<<<<<<< HEAD',
      '    { "idx": 1, "when": 2, "tag": "0001_b", "breakpoints": true }',
      '=======',
      '    { "idx": 1, "when": 3, "tag": "0001_c", "breakpoints": true }',
      '>>>>>>> feature',
      '  ]',
      '}',
    ].join('\n');
    const result = await discover({ 'meta/_journal.json': text, '0000_a.sql': 'SELECT 1;' });
    expect(codes(result)).toEqual([['journal-invalid', 'migrations/meta/_journal.json', 4]]);
    expect(result.problems[0]!.message).not.toContain('\n');
  });

  it('reports journal entries with missing fields at their line', async () => {
    const text = '{\n  "entries": [\n    { "idx": 0, "when": 1, "tag": "0000_a" },\n    { "idx": 1, "tag": "0001_b" }\n  ]\n}\n';
    const result = await discover({ 'meta/_journal.json': text, '0000_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;' });
    expect(paths(result)).toEqual(['migrations/0000_a.sql']);
    expect(codes(result)).toEqual([
      ['journal-invalid', 'migrations/meta/_journal.json', 4],
      ['file-not-in-journal', 'migrations/0001_b.sql', 1],
    ]);
  });

  it('does not take a journal file that is out of the include globs for a missing one', async () => {
    const result = await discover(
      { 'meta/_journal.json': drizzleJournal([{ tag: '0000_a', when: 1 }, { tag: '0001_b', when: 2 }]), '0000_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;' },
      { include: ['0001_*.sql'] },
    );
    expect(paths(result)).toEqual(['migrations/0001_b.sql']);
    expect(result.problems).toEqual([]);
  });

  it('reads drizzle-kit 1.0 folders (migration.sql beside snapshot.json) in folder order', async () => {
    const result = await discover({
      '20250102000000_second/migration.sql': 'SELECT 1;',
      '20250102000000_second/snapshot.json': '{}',
      '20250101000000_first/migration.sql': 'SELECT 1;',
      '20250101000000_first/snapshot.json': '{}',
    });
    expect(result.layout).toBe('drizzle');
    expect(paths(result)).toEqual(['migrations/20250101000000_first/migration.sql', 'migrations/20250102000000_second/migration.sql']);
    expect(result.migrations[0]).toMatchObject({ version: '20250101000000', name: 'first', statementSplit: 'drizzle-breakpoints' });
    expect(result.migrations[0]!.journal).toBeUndefined();
  });
});

describe('prisma layout', () => {
  it('runs folders in name order, ignores migration_lock.toml, flags a folder without migration.sql', async () => {
    const result = await discover({
      'migration_lock.toml': 'provider = "postgresql"\n',
      '20250201000000_add_orders/migration.sql': 'SELECT 1;',
      '20250101000000_init/migration.sql': 'SELECT 1;',
      '20250301000000_empty/README.md': 'oops',
      'stray.sql': 'SELECT 1;',
    });
    expect(result.layout).toBe('prisma');
    expect(paths(result)).toEqual(['migrations/20250101000000_init/migration.sql', 'migrations/20250201000000_add_orders/migration.sql']);
    expect(result.migrations[1]).toMatchObject({ version: '20250201000000', name: 'add_orders', rollback: { kind: 'none' } });
    expect(result.migrations[1]!.scope).toMatchObject({ wrapsFile: true, nonTransactional: 'single-statement', runner: 'Prisma Migrate' });
    expect(codes(result)).toEqual([
      ['missing-migration-sql', 'migrations/20250301000000_empty', 1],
      ['unrecognized-file', 'migrations/stray.sql', 1],
    ]);
  });
});
