// The sticky comment body: marker first, the full report when it fits, and a compact form that still
// names every finding's rule and line when it does not (GitHub rejects bodies over 65,536 characters).

import { describe, expect, it } from 'vitest';
import { commentMarker } from '../../src/github/comments.js';
import { COMMENT_LIMIT, formatComment, formatErrorComment, formatNoChangesComment } from '../../src/report/format-comment.js';
import { buildReport, type FileFindings } from '../../src/report/report.js';
import { finding, fullReport, LINE_URL } from './reports.js';

const marker = commentMarker('db/migrations');
const runUrl = 'https://github.com/octo-org/shop/actions/runs/4242';

/** `files` migrations with `perFile` findings each, messages long enough to blow the limit. */
function hugeReport(files: number, perFile: number) {
  const entries: FileFindings[] = Array.from({ length: files }, (_, f) => {
    const path = `db/migrations/${String(f + 1).padStart(4, '0')}_change.sql`;
    return {
      path,
      status: 'new',
      findings: Array.from({ length: perFile }, (_, i) =>
        finding(path, { rule: i % 2 ? 'ban-drop-column' : 'require-lock-timeout', severity: i % 2 ? 'error' : 'warning', line: i + 1, message: 'x'.repeat(300) }),
      ),
    };
  });
  return buildReport(entries, { status: 'skipped', reason: 'no database' });
}

describe('formatComment', () => {
  it('starts with the marker and ends with the footer linking the run', async () => {
    const body = formatComment(fullReport(), { marker, runUrl, lineUrl: LINE_URL, directory: 'db/migrations' });
    expect(body.startsWith(`${marker}\n### ❌ Blocks merge — 3 errors in 3 files`)).toBe(true);
    expect(body.trimEnd().endsWith(`<sub>pg-migration-gate 0.1.0 · [workflow run](${runUrl})</sub>`)).toBe(true);
    await expect(body).toMatchFileSnapshot('__snapshots__/comment-full.md');
  });

  it('400 findings: five shown, thirty more folded, the rest counted and left to the job summary; far under the limit', () => {
    const report = hugeReport(40, 10);
    const body = formatComment(report, { marker, runUrl, lineUrl: LINE_URL, directory: 'db/migrations' });
    expect(body.length).toBeLessThan(COMMENT_LIMIT / 3);
    expect(body.startsWith(`${marker}\n### ❌ Blocks merge — 200 errors in 40 files`)).toBe(true);
    const items = body.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(items).toHaveLength(35);
    // Errors before warnings, whatever the file order.
    expect(items.slice(0, 5).every((line) => line.includes('ban-drop-column'))).toBe(true);
    expect(body).toContain('<details><summary>395 more findings</summary>');
    expect(body).toContain('… and 365 more in the job summary.');
    expect(body).toContain(`Every statement, lock and note is in the [job summary](${runUrl}).`);
  });

  it('falls back to the compact form, every finding by rule and line, when even the short layout is over the limit', () => {
    const report = hugeReport(40, 10);
    const body = formatComment(report, { marker, runUrl, limit: 12_000 });
    expect(body.length).toBeLessThanOrEqual(12_000);
    expect(body).toContain(`it is in the [job summary](${runUrl})`);
    expect(body).toContain('- db/migrations/0001\\_change\\.sql (🔴 High, ❌ 5 ⚠️ 5): `require-lock-timeout` L1, L3, L5, L7, L9 · `ban-drop-column` L2, L4, L6, L8, L10');
  });

  it('cuts the compact form at a file boundary, saying how much is left out, when even that is too long', () => {
    const report = hugeReport(3000, 4);
    const body = formatComment(report, { marker, runUrl, limit: 12_000 });
    expect(body.length).toBeLessThanOrEqual(12_000);
    const listed = body.split('\n').filter((line) => line.startsWith('- db/migrations/')).length;
    expect(listed).toBeGreaterThan(20);
    expect(body).toContain(`… ${3000 - listed} more files with ${(3000 - listed) * 4} findings: see the full report.`);
    expect(body.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('honours a smaller limit exactly', () => {
    for (const limit of [600, 1000, 5000]) {
      expect(formatComment(hugeReport(20, 3), { marker, limit }).length).toBeLessThanOrEqual(limit);
    }
  });
});

describe('formatNoChangesComment', () => {
  it('keeps the marker and says the PR no longer touches migrations', () => {
    expect(formatNoChangesComment({ marker, directory: 'db/migrations', runUrl })).toBe(
      `${marker}\n### Migration risk: 🟢 None\n\nThis pull request no longer adds, changes or deletes any migration in \`db/migrations\`.\n\n<sub>pg-migration-gate 0.1.0 · [workflow run](${runUrl})</sub>\n`,
    );
  });
});

describe('formatErrorComment', () => {
  it('keeps the marker, says the migrations are not checked, and quotes the reason escaped', () => {
    const body = formatErrorComment({ marker, directory: 'db/migrations', runUrl, message: 'base <b>x</b> not found; ask @octocat\nsecond line' });
    expect(body.startsWith(`${marker}\n### Migration risk: ❌ not checked\n`)).toBe(true);
    expect(body).toContain('so the migrations in `db/migrations` are not checked:');
    expect(body).toContain('> base &lt;b&gt;x&lt;/b&gt; not found; ask @&#8203;octocat second line');
    expect(body).toContain(`Details are in the [job summary](${runUrl}).`);
    expect(body.endsWith(`<sub>pg-migration-gate 0.1.0 · [workflow run](${runUrl})</sub>\n`)).toBe(true);
  });
});

describe('the comment a reviewer reads in five seconds', () => {
  const ran = { status: 'ran' as const, server: 'PostgreSQL 18.4 (temporary server)', serverVersion: 18, targetVersion: 16 };
  const clean = buildReport(
    [
      {
        path: 'prisma/migrations/20240101000000_add_user_name/migration.sql',
        status: 'new',
        findings: [finding('prisma/migrations/20240101000000_add_user_name/migration.sql', { rule: 'prefer-text-field', line: 1, severity: 'info', risk: 'medium' })],
        apply: { status: 'applied' },
        rollback: { status: 'no-rollback' },
        locks: [],
      },
    ],
    ran,
  );

  it('a clean PR is a green verdict that counts its notes, and names where it was applied', async () => {
    const body = formatComment(clean, { marker, runUrl, directory: 'prisma/migrations' });
    expect(body.split('\n')[1]).toBe('### ✅ Safe to merge — 1 note');
    expect(body).toContain('<sub>risk 🟡 Low · 1 file in `prisma/migrations` · applied on PostgreSQL 18 (target 16) · fail-on: error</sub>');
    expect(body).not.toContain('Fix before merging');
    await expect(body).toMatchFileSnapshot('__snapshots__/comment-clean.md');
  });

  it('a PR whose migrations were not applied says "Not verified" first, with the reason, never green', async () => {
    const report = buildReport([{ path: 'migrations/0002_users_email.sql', status: 'new', findings: [] }], { status: 'skipped', reason: 'no PostgreSQL server binaries found' });
    const body = formatComment(report, { marker, runUrl, directory: 'migrations' });
    expect(body.split('\n')[1]).toBe('### ⚠️ Not verified — the static checks found nothing');
    expect(body).toContain('> ⚠️ **Not verified:** no PostgreSQL server binaries found');
    expect(body).not.toContain('✅');
    await expect(body).toMatchFileSnapshot('__snapshots__/comment-not-verified.md');
  });

  it('blocks with the step\'s own threshold: fail-on warning counts the warnings', () => {
    const report = buildReport([{ path: 'migrations/0002_x.sql', status: 'new', findings: [finding('migrations/0002_x.sql', { rule: 'require-lock-timeout', line: 1, severity: 'warning', risk: 'medium' })] }], ran);
    expect(formatComment(report, { marker, failOn: 'warning' }).split('\n')[1]).toBe('### ❌ Blocks merge — 1 warning in 1 file');
    expect(formatComment(report, { marker, failOn: 'error' }).split('\n')[1]).toBe('### ✅ Safe to merge — 1 warning');
  });

  it('has no tables at all, so nothing is cut at a 400 px phone width; each folded part is balanced', () => {
    for (const report of [fullReport(), clean, hugeReport(40, 10)]) {
      const body = formatComment(report, { marker, runUrl, lineUrl: LINE_URL });
      expect(body.split('\n').filter((line) => line.trimStart().startsWith('|'))).toEqual([]);
      expect(body.match(/<details/g)?.length ?? 0).toBe(body.match(/<\/details>/g)?.length ?? 0);
    }
  });

  it('an info finding counts as low risk in the annotations as in the comment (one risk scale)', async () => {
    const { annotationsFor } = await import('../../src/report/annotations.js');
    expect(annotationsFor(clean)[0]!.properties.title).toBe('prefer-text-field (low risk)');
  });
});
