// Every markdown output (the PR comment, its compact form, the job summary, the "not checked" and
// "no changes" comments, the error summary) against a report whose every repository-controlled
// string is hostile: file names, SQL, identifiers in messages, server and apply errors, rollback
// differences, notes, the directory. Checked with liveMarkup (see live-markdown.ts for why not a
// renderer): no live tag, no live @-mention, no image, <details> balanced.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { commentMarker } from '../../src/github/comments.js';
import { formatComment, formatErrorComment, formatNoChangesComment } from '../../src/report/format-comment.js';
import { formatPlanMarkdown } from '../../src/plan/format-plan-markdown.js';
import { formatCompact } from '../../src/report/format-compact.js';
import { formatMarkdown } from '../../src/report/format-markdown.js';
import { formatErrorSummary, formatSummary } from '../../src/report/format-summary.js';
import { buildReport, type Report } from '../../src/report/report.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { git as runGit } from '../git.js';
import { liveMarkup } from './live-markdown.js';
import { finding, hostileReport, LINE_URL } from './reports.js';

const EVIL = '<img src=x onerror=alert(1)> @octocat </details><details> ![i](http://evil.example/x.png) `tick` ``';
const DIRECTORY = 'db/`<img src=x onerror=alert(1)>`@octocat</details>';

/** The hostile report of the snapshot test, and a second file whose apply and rollback failed in hostile words. */
function worstReport(): Report {
  const base = hostileReport();
  const path = `migrations/0010_${EVIL.replace(/\//g, '_')}.sql`;
  const more = buildReport(
    [
      {
        path,
        status: 'new',
        findings: [finding(path, { rule: 'apply-failed', line: 1, message: `relation "${EVIL}" does not exist`, help: EVIL, statement: `SELECT '${EVIL}'` })],
        apply: { status: 'failed', reason: `relation "${EVIL}" does not exist (42P01) at line 1`, without: [EVIL, 'a`b', '@octocat'] },
        rollback: { status: 'mismatch', reason: EVIL, differences: [`column ${EVIL}: type changed`] },
        locks: [{ line: 1, statement: EVIL, relation: `public."${EVIL}"`, relationKind: 'table', mode: 'AccessExclusiveLock', blocks: 'reads and writes', rewrite: true }],
      },
    ],
    { status: 'ran', server: `PostgreSQL 16 ${EVIL}`, notes: [`note about ${EVIL}`, 'a `quoted <b>` name and @octocat'] },
  );
  return { ...more, migrations: [...base.migrations, ...more.migrations] };
}

/** A deploy plan whose every string from the repository, the target or the rehearsal is hostile. */
function worstPlanReport(): Report {
  const report = worstReport();
  const path = `${DIRECTORY}/000002_${EVIL.replace(/\//g, '_')}.up.sql`;
  const size = { table: `public.${EVIL}`, rows: 5000, bytes: 420_000 };
  return {
    ...report,
    plan: {
      serverVersion: `16.4 ${EVIL}`,
      serverMajor: 16,
      notes: [`rehearsal failed: relation "${EVIL}" does not exist`],
      drift: { status: 'compared', replayed: 1, server: `PostgreSQL ${EVIL}`, objects: [{ object: `index ${EVIL}`, change: 'extra' }] },
      rehearsal: { status: 'ran', server: `PostgreSQL 16 ${EVIL}`, notes: [EVIL] },
      sizeLimits: { large: { rows: 1000, bytes: 1024 ** 3 }, small: { rows: 10, bytes: 1024 } },
      sets: [
        {
          dir: DIRECTORY,
          layout: 'golang-migrate',
          runner: `golang-migrate ${EVIL}`,
          trackingTable: `public.${EVIL}`,
          applied: 1,
          pending: [
            {
              step: 1,
              path,
              tables: [size],
              risk: 'high',
              apply: { status: 'failed', reason: `${path}:2: relation "${EVIL}" does not exist (SQLSTATE 42P01)`, without: [EVIL] },
              locks: [{ line: 2, table: size.table, mode: 'AccessExclusiveLock', blocks: EVIL, rewrite: true, rows: 5000, bytes: 420_000, size: 'large', risk: 'high' }],
            },
          ],
          skipped: [EVIL],
          notes: [EVIL],
        },
      ],
    },
  };
}

const marker = commentMarker(DIRECTORY);
const outputs: Array<[string, () => string]> = [
  ['the comment', () => formatComment(worstReport(), { marker, directory: DIRECTORY, lineUrl: LINE_URL, runUrl: 'https://github.com/o/r/actions/runs/1' })],
  ['the compact comment', () => formatComment(worstReport(), { marker, directory: DIRECTORY, lineUrl: LINE_URL, limit: 2_000 })],
  ['the compact form', () => formatCompact(worstReport(), { limit: 100_000, directory: DIRECTORY, pointer: 'Every finding:' })],
  ['the markdown report with statements', () => formatMarkdown(worstReport(), { lineUrl: LINE_URL, showStatements: true, directory: DIRECTORY })],
  ['the job summary', () => formatSummary(worstReport(), { lineUrl: LINE_URL, directory: DIRECTORY, notes: [`could not post: ${EVIL}`, 'see `a <b> c` @octocat'] })],
  ['the compact job summary', () => formatSummary(worstReport(), { lineUrl: LINE_URL, directory: DIRECTORY, limitBytes: 6_000, notes: [EVIL] })],
  ['the error summary', () => formatErrorSummary(`cannot apply ${EVIL}`, [EVIL])],
  ['the "not checked" comment', () => formatErrorComment({ marker, message: `file ${EVIL}:3: ${EVIL}`, directory: DIRECTORY, runUrl: 'https://github.com/o/r/actions/runs/1' })],
  ['the "no changes" comment', () => formatNoChangesComment({ marker, directory: DIRECTORY })],
  ['the deploy plan summary', () => formatPlanMarkdown(worstPlanReport(), { failOn: 'error', notes: [EVIL] })],
];

describe('markdown outputs', () => {
  it.each(outputs)('%s has no live tag, mention or image, and balanced <details>', (_name, render) => {
    const markdown = render();
    expect(markdown.length).toBeGreaterThan(100);
    expect(liveMarkup(markdown)).toEqual([]);
  });
});

describe('liveMarkup (so that the tests above can fail)', () => {
  it.each([
    ['a tag', 'see <img src=x onerror=alert(1)>', [{ kind: 'tag', text: '<img src=x onerror=alert(1)>' }]],
    ['a mention', 'thanks @octocat!', [{ kind: 'mention', text: '@octocat' }]],
    ['an image', 'look ![x](http://e/x.png)', [{ kind: 'image', text: '![x](http://e/x.png)' }]],
    ['an extra </details>', '<details><summary>x</summary>\n\n</details></details>', [{ kind: 'details', text: 'a </details> closes more than was opened' }]],
    ['an unclosed <details>', '<details><summary>x</summary>', [{ kind: 'details', text: '1 <details> left open' }]],
    ['a span ended early by a backtick', '`a` <b> `c`', [{ kind: 'tag', text: '<b>' }]],
  ])('finds %s', (_name, markdown, expected) => {
    expect(liveMarkup(markdown)).toEqual(expected);
  });

  it.each([
    ['escaped text', '&lt;img&gt; @&#8203;octocat \\!\\[x\\] \\<b>'],
    ['code spans and fences', '`<img>` ``a ` @b`` \n```sql\n<script> @x </details>\n```\n'],
    ['e-mail-like text and our own markup', 'a@b.c <br> <sub>x</sub> <!-- pg-migration-gate:dir=db%2Fm -->'],
  ])('passes %s', (_name, markdown) => {
    expect(liveMarkup(markdown)).toEqual([]);
  });
});

describe('markdown from a real run over hostile files', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('the CLI markdown, the comment and the summary of a checked PR have nothing live', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'pgmg-hostile-'));
    cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
    const git = (...args: string[]) => runGit(repo, ...args);
    git('init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'migrations'));
    writeFileSync(join(repo, 'migrations/0001_users.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, score int);\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD');
    const name = 'migrations/0002_<img src=x onerror=alert(1)>_@octocat_`tick`.sql';
    writeFileSync(
      join(repo, name),
      [
        'CREATE TABLE "<img src=x onerror=alert(1)>" (id bigint PRIMARY KEY, "@octocat" text);',
        'ALTER TABLE users DROP COLUMN score; -- @octocat <b>hi</b>',
        'ALTER TABLE users ADD COLUMN "a`b</details>@team" text NOT NULL;',
        'SELECT * FROM "@octocat<details>";',
        '',
      ].join('\n'),
    );
    let stdout = '';
    const args = ['check', '--base', base, '--database-url', testDatabaseUrl()];
    const io = { cwd: repo, stdout: (t: string) => (stdout += t), stderr: () => undefined, isTty: false, env: {} };
    expect(await runCli([...args, '--format', 'markdown'], io)).toBe(1);
    const markdown = stdout;
    stdout = '';
    await runCli([...args, '--format', 'json'], io);
    const report = JSON.parse(stdout) as Report;
    // The run saw what the files hold: the hostile names reached the report.
    expect(JSON.stringify(report)).toContain('onerror');
    expect(report.migrations.find((m) => m.path === name)?.apply?.status).toBe('failed');

    const rendered = {
      markdown,
      comment: formatComment(report, { marker: commentMarker('migrations'), directory: 'migrations', lineUrl: LINE_URL }),
      summary: formatSummary(report, { lineUrl: LINE_URL, directory: 'migrations' }),
    };
    for (const [output, text] of Object.entries(rendered)) expect({ output, live: liveMarkup(text) }).toEqual({ output, live: [] });
  });
});
