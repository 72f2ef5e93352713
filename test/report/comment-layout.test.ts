// The PR comment rendered to HTML (GFM, as GitHub renders it) and held to the 400 px phone layout
// rule of phone-layout.ts: no table wider than two columns, code wider than a phone only in blocks
// that scroll, the verdict first and short, and a visible part that a reviewer reads without
// scrolling far (the folds hold the rest). The reports: a blocking PR, a clean one, a not-verified
// one, 400 findings, and a real lint of a Prisma migration whose fixes are long lines of SQL.

import { describe, expect, it } from 'vitest';
import { commentMarker } from '../../src/github/comments.js';
import { formatComment } from '../../src/report/format-comment.js';
import { buildReport, type FileFindings, type Report } from '../../src/report/report.js';
import { lintSql } from '../lint-helpers.js';
import { renderForPhone } from './phone-layout.js';
import { finding, fullReport, LINE_URL } from './reports.js';

const marker = commentMarker('prisma/migrations');
const runUrl = 'https://github.com/octo-org/shop/actions/runs/4242';
const comment = (report: Report) => formatComment(report, { marker, runUrl, lineUrl: LINE_URL, directory: 'prisma/migrations' });

function manyFindings(files: number, perFile: number): Report {
  const entries: FileFindings[] = Array.from({ length: files }, (_, f) => {
    const path = `prisma/migrations/2024010112${String(f).padStart(4, '0')}_change/migration.sql`;
    return {
      path,
      status: 'new',
      findings: Array.from({ length: perFile }, (_, i) =>
        finding(path, { rule: i % 2 ? 'ban-drop-column' : 'require-lock-timeout', severity: i % 2 ? 'error' : 'warning', line: i + 1 }),
      ),
    };
  });
  return buildReport(entries, { status: 'ran', server: 'PostgreSQL 16.4' });
}

async function prismaReport(): Promise<Report> {
  const path = 'prisma/migrations/20240312094500_order_customer/migration.sql';
  const sql = [
    '-- CreateIndex',
    'CREATE INDEX "Order_customerId_createdAt_idx" ON "public"."Order"("customerId", "createdAt");',
    '',
    '-- AddForeignKey',
    'ALTER TABLE "public"."Order" ADD CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "public"."Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;',
    '',
  ].join('\n');
  return buildReport([{ path, status: 'new', findings: (await lintSql(sql, { path })).findings }], { status: 'ran', server: 'PostgreSQL 16.4' });
}

describe('the PR comment on a 400 px phone', () => {
  it('keeps the layout rule for a blocking, a clean, a not-verified PR, 400 findings and long Prisma fixes', async () => {
    const reports: Record<string, Report> = {
      blocking: fullReport(),
      clean: buildReport([{ path: 'prisma/migrations/20240101000000_init/migration.sql', status: 'new', findings: [] }], { status: 'ran', server: 'PostgreSQL 16.4' }),
      'not verified': buildReport([{ path: 'migrations/0002_users_email.sql', status: 'new', findings: [] }], { status: 'skipped', reason: 'no PostgreSQL server binaries found' }),
      '400 findings': manyFindings(40, 10),
      prisma: await prismaReport(),
    };
    const problems = Object.entries(reports).flatMap(([name, report]) => renderForPhone(comment(report)).problems.map((problem) => `${name}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('the long fix SQL is in a <pre> block, which scrolls by itself', async () => {
    const { html } = renderForPhone(comment(await prismaReport()));
    expect(html).toContain('<pre><code class="language-sql">ALTER TABLE &quot;public&quot;.&quot;Order&quot; ADD CONSTRAINT');
    expect(html).toContain('ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;');
  });

  it('400 findings show as much as 5 do: the visible part stays within a short scroll (about 40 lines at 400 px)', () => {
    const few = renderForPhone(comment(manyFindings(1, 5))).visibleLines;
    const many = renderForPhone(comment(manyFindings(40, 10))).visibleLines;
    expect(many).toBeLessThanOrEqual(40);
    expect(many - few).toBeLessThanOrEqual(4);
  });

  it('the rule catches a wide table, unwrappable inline code, and a verdict that is not first', () => {
    const wide = [
      '**Findings**',
      '',
      '| File | Line | Rule |',
      '| --- | --- | --- |',
      '| 0003_add_email.sql | 3 | require-concurrent-index-creation |',
      '',
      'Use `CREATE_INDEX_CONCURRENTLY_orders_customer_id_created_at_idx_on_orders` instead.',
    ].join('\n');
    expect(renderForPhone(wide).problems).toEqual([
      'a table of 3 columns: File Line Rule',
      'inline code with 69 characters that cannot wrap: CREATE_INDEX_CONCURRENTLY_orders_customer_id_created_at_idx_on_orders',
      'the first thing is not a verdict heading: Findings',
    ]);
  });

  it('counts only what is shown: a closed fold is its summary line, an open one is shown whole', () => {
    const folded = renderForPhone('### ✅ Safe to merge\n\n<details><summary>1 note</summary>\n\n' + '- a note\n'.repeat(50) + '\n</details>\n');
    const open = renderForPhone('### ✅ Safe to merge\n\n<details open><summary>1 note</summary>\n\n' + '- a note\n'.repeat(50) + '\n</details>\n');
    expect(folded.visibleLines).toBe(2);
    expect(open.visibleLines).toBe(52);
  });
});
