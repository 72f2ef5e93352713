// The job summary: the full report with each finding's SQL, the run's notes, the compact form past
// GitHub's 1 MiB, and an error summary when the gate could not run.

import { describe, expect, it } from 'vitest';
import { annotationsFor } from '../../src/report/annotations.js';
import { formatErrorSummary, formatSummary } from '../../src/report/format-summary.js';
import { buildReport } from '../../src/report/report.js';
import { finding, fullReport, hostileReport, LINE_URL } from './reports.js';

describe('formatSummary', () => {
  it('is the markdown report with statements and the notes, escaped except for `quoted` names', async () => {
    const summary = formatSummary(fullReport(), {
      lineUrl: LINE_URL,
      directory: 'migrations',
      notes: ["could not post the pull request comment: the token may not write (HTTP 403: <denied>); add `pull-requests: write` to the job's `permissions:` block"],
    });
    await expect(summary).toMatchFileSnapshot('__snapshots__/summary.md');
    expect(summary.startsWith('## pg-migration-gate\n\n### Migration risk: 🔴 High')).toBe(true);
    expect(summary).toContain('<details><summary>Statement</summary>');
    expect(summary).toContain('\\(HTTP 403: &lt;denied&gt;\\); add `pull-requests: write` to the job');
  });

  it('past the byte limit, the compact form (every finding by rule and line) with the notes', () => {
    const summary = formatSummary(fullReport(), { notes: ['posted the comment'], limitBytes: 1500 });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1500);
    expect(summary).toContain('longer than a job summary may be');
    expect(summary).toContain('`require-concurrent-index-creation` L3');
    expect(summary).toContain('- posted the comment');
  });

  it('an error summary says the gate could not run, escaped', () => {
    expect(formatErrorSummary('migrations/<x>.sql: cannot read', ['no comment'])).toBe(
      '## pg-migration-gate\n\n### ❌ The gate could not run\n\nmigrations/&lt;x&gt;\\.sql: cannot read\n\n- no comment\n',
    );
  });
});

describe('annotationsFor', () => {
  it('one per finding, at its file, line and column, at the level of its severity', () => {
    const report = buildReport([
      {
        path: 'db/0002_x.sql',
        status: 'new',
        findings: [
          finding('db/0002_x.sql', { rule: 'ban-drop-column', line: 4, column: 3, message: 'Drops data.', help: 'Stop using it first.' }),
          finding('db/0002_x.sql', { rule: 'renaming-column', line: 6, severity: 'warning', risk: 'medium' }),
          finding('db/0002_x.sql', { rule: 'prefer-text-field', line: 7, severity: 'info', risk: 'low' }),
        ],
      },
    ]);
    expect(annotationsFor(report)).toEqual([
      { level: 'error', message: 'Drops data.\nSafe alternative: Stop using it first.', properties: { file: 'db/0002_x.sql', startLine: 4, startColumn: 3, title: 'ban-drop-column (high risk)' } },
      { level: 'warning', message: 'renaming-column problem.\nSafe alternative: renaming-column remedy.', properties: { file: 'db/0002_x.sql', startLine: 6, startColumn: 1, title: 'renaming-column (medium risk)' } },
      { level: 'notice', message: 'prefer-text-field problem.\nSafe alternative: prefer-text-field remedy.', properties: { file: 'db/0002_x.sql', startLine: 7, startColumn: 1, title: 'prefer-text-field (low risk)' } },
    ]);
    expect(annotationsFor(hostileReport())).toHaveLength(1);
  });
});
