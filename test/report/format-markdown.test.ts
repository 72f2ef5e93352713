// The markdown report (comment body and job summary): snapshots of what a reviewer reads, and
// checks that nothing a migration controls becomes markup.

import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../../src/report/format-markdown.js';
import { buildReport } from '../../src/report/report.js';
import { fullReport, hostileReport, LINE_URL } from './reports.js';

describe('formatMarkdown', () => {
  it('shows the database stage per migration: applied, rollback, strongest lock per table, lock trace', async () => {
    const markdown = formatMarkdown(fullReport(), { lineUrl: LINE_URL, directory: 'migrations' });
    await expect(markdown).toMatchFileSnapshot('__snapshots__/markdown-database-ran.md');
    expect(markdown).toContain('| migrations/0003\\_add\\_email\\.sql | 🔴 High | ❌ 1 ℹ️ 1 | ✅ yes | ✅ verified | ACCESS EXCLUSIVE on public\\.users |');
    expect(markdown).toContain('ACCESS EXCLUSIVE on public\\.orders (rewrite)<br>ACCESS EXCLUSIVE on public\\.orders\\_total\\_idx (rewrite)');
    expect(markdown).toContain('| migrations/0005\\_seed\\.sql | 🟢 None | none | ❌ failed | ⏭️ skipped | not applied |');
    expect(markdown).toContain('| migrations/0001\\_legacy\\.sql (deleted) | 🔴 High | ❌ 1 | — | — | — |');
  });

  it('says which failed migrations a migration was applied without: in its cell, and by path in its section', () => {
    const report = buildReport(
      [
        { path: 'm/0001_a.sql', status: 'new', findings: [], apply: { status: 'failed', reason: 'm/0001_a.sql:1: boom' }, rollback: { status: 'skipped' }, locks: [] },
        { path: 'm/0002_b.sql', status: 'new', findings: [], apply: { status: 'applied', without: ['m/0001_a.sql'] }, rollback: { status: 'verified' }, locks: [] },
      ],
      { status: 'ran', server: 'PostgreSQL 16.4' },
    );
    const markdown = formatMarkdown(report);
    expect(markdown).toContain('| m/0002\\_b\\.sql | 🟢 None | none | ✅ yes, without 1 failed migration | ✅ verified | none |');
    expect(markdown).toContain('#### m/0002\\_b\\.sql\n\n**Applied without** `m/0001_a.sql`: it does not apply, so this migration ran on the schema without it.');
  });

  it('shows how a lock was held: across later statements, seen while a statement ran outside a transaction, waited for', () => {
    const base = { statement: 'x', relationKind: 'table', blocks: 'b', rewrite: false };
    const report = buildReport([
      {
        path: 'migrations/0002_x.sql',
        status: 'new',
        findings: [],
        apply: { status: 'applied' },
        rollback: { status: 'no-rollback' },
        locks: [
          { ...base, line: 2, relation: 'accounts', mode: 'AccessExclusiveLock', heldDuring: { fromLine: 3, toLine: 5, statements: 3 } },
          { ...base, line: 7, relation: 'other transactions', relationKind: 'transaction', mode: 'ShareLock', observed: 'polled', waited: true },
          { ...base, line: 7, relation: 'users', mode: 'ShareUpdateExclusiveLock', observed: 'polled', waited: true },
        ],
      },
    ], { status: 'ran' });
    const markdown = formatMarkdown(report);
    expect(markdown).toContain('| ACCESS EXCLUSIVE on accounts<br>SHARE UPDATE EXCLUSIVE on users (waited)<br>waited for other transactions |');
    expect(markdown).toContain('| ACCESS EXCLUSIVE \\(held while lines 3\\-5 ran\\) |');
    expect(markdown).toContain('| SHARE UPDATE EXCLUSIVE \\(waited for it; seen while the statement ran\\) |');
    // Too fast for any poll: the lock the manual documents, said so.
    const documented = buildReport([
      {
        path: 'migrations/0003_y.sql',
        status: 'new',
        findings: [],
        apply: { status: 'applied' },
        rollback: { status: 'no-rollback' },
        locks: [{ ...base, line: 1, relation: 'orders', mode: 'ShareUpdateExclusiveLock', observed: 'documented' }],
      },
    ], { status: 'ran' });
    expect(formatMarkdown(documented)).toContain('| SHARE UPDATE EXCLUSIVE \\(as the manual documents it; too fast to be seen\\) |');
  });

  it('says "not run" and why when the database stage was skipped', async () => {
    const markdown = formatMarkdown(
      fullReport({ status: 'skipped', reason: 'no PostgreSQL server binaries on this machine; add a postgres service container and pass its URL as database-url' }),
      { lineUrl: LINE_URL },
    );
    await expect(markdown).toMatchFileSnapshot('__snapshots__/markdown-database-skipped.md');
    expect(markdown).toContain('> ⚠️ **Not verified: apply, lock trace and rollback not run:** no PostgreSQL server binaries');
    expect(markdown).toContain('| ❌ 1 ℹ️ 1 | not run | not run | not applied |');
    expect(markdown).not.toContain('Lock trace');
  });

  it('a lint report (no database stage at all) has no database columns; an empty one says so', () => {
    const lint = buildReport(fullReport().migrations.map((m) => ({ path: m.path, status: m.status, findings: [] })));
    expect(formatMarkdown(lint)).toContain('| Migration | Risk | Findings |\n| --- | --- | --- |\n');
    expect(formatMarkdown(buildReport([]))).toContain('No migration files to check.');
  });

  it('links every finding to its rule doc and its line', () => {
    const markdown = formatMarkdown(fullReport(), { lineUrl: LINE_URL });
    expect(markdown).toContain(
      `[\`require-concurrent-index-creation\`](https://github.com/pg-migration-gate/pg-migration-gate/blob/main/docs/rules/require-concurrent-index-creation.md) · [line 3](https://github.com/octo-org/shop/blob/${'a'.repeat(40)}/migrations/0003_add_email.sql#L3)`,
    );
    expect(formatMarkdown(fullReport())).toContain('· line 3:');
  });

  it('escapes everything a migration controls: no HTML, links, images, mentions or table breaks get through', async () => {
    const markdown = formatMarkdown(hostileReport(), { lineUrl: LINE_URL, showStatements: true });
    await expect(markdown).toMatchFileSnapshot('__snapshots__/markdown-hostile.md');
    const outsideFences = markdown.replace(/^( *)(`{3,})sql\n[\s\S]*?\n\1\2$/gm, '');
    expect(outsideFences).not.toMatch(/<(img|script|b|i)\b|<\/details><script|<!--/);
    expect(outsideFences).not.toMatch(/(^|[^\\])@(octocat|team|everyone)/m);
    expect(outsideFences).not.toMatch(/[^\\]!\[img\]|[^\\]\[x\]\(javascript/);
    expect(outsideFences).not.toMatch(/^# heading/m);
    // Each table row keeps its column count: no unescaped pipe from a file name or relation.
    for (const row of markdown.split('\n').filter((line) => line.startsWith('| '))) {
      const columns = row.replace(/\\\|/g, '').split('|').length - 2;
      expect([3, 6]).toContain(columns);
    }
    // The statement's own ``` cannot close the fence around it.
    expect(markdown).toContain('  ````sql\n  ALTER TABLE t DROP COLUMN "```\n</details>"\n  ````'.replace('\n</details>', '\n  </details>'));
  });
});
