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
        finding(path, { rule: i % 2 ? 'ban-drop-column' : 'require-lock-timeout', line: i + 1, message: 'x'.repeat(300) }),
      ),
    };
  });
  return buildReport(entries, { status: 'skipped', reason: 'no database' });
}

describe('formatComment', () => {
  it('starts with the marker and ends with the footer linking the run', async () => {
    const body = formatComment(fullReport(), { marker, runUrl, lineUrl: LINE_URL, directory: 'db/migrations' });
    expect(body.startsWith(`${marker}\n### Migration risk: 🔴 High`)).toBe(true);
    expect(body.trimEnd().endsWith(`<sub>pg-migration-gate 0.1.0 · [workflow run](${runUrl})</sub>`)).toBe(true);
    await expect(body).toMatchFileSnapshot('__snapshots__/comment-full.md');
  });

  it('over 65,536 characters: the compact form, every finding by rule and line, and a pointer to the job summary', () => {
    const report = hugeReport(40, 10);
    const body = formatComment(report, { marker, runUrl, lineUrl: LINE_URL, directory: 'db/migrations' });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.startsWith(marker)).toBe(true);
    expect(body).toContain(`it is in the [job summary](${runUrl})`);
    for (const migration of report.migrations) {
      const line = body.split('\n').find((text) => text.startsWith(`- ${migration.path.replace(/[_.]/g, (c) => `\\${c}`)} `));
      expect(line).toBe(
        `- ${migration.path.replace(/[_.]/g, (c) => `\\${c}`)} (🔴 High, ❌ 10): \`require-lock-timeout\` L1, L3, L5, L7, L9 · \`ban-drop-column\` L2, L4, L6, L8, L10`,
      );
    }
    expect(body).not.toContain('more file');
  });

  it('cuts the compact form at a file boundary, saying how much is left out, when even that is too long', () => {
    const report = hugeReport(3000, 4);
    const body = formatComment(report, { marker, runUrl });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const listed = body.split('\n').filter((line) => line.startsWith('- db/migrations/')).length;
    expect(listed).toBeGreaterThan(100);
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
