// The action's job summary in deploy-gate mode (`target-database-url`): the plan as the text form
// reads it (what the target is, the steps in the runner's order, what stands in the way), in
// markdown, with the verdict as the step decides it by `fail-on`. Everything read from the target
// or the repository is escaped (markdown-escape.ts).

import { escapeKeepingCode, codeSpan, RISK_BADGE, SEVERITY_ICON } from '../report/format-markdown.js';
import { escapeMarkdown } from '../report/markdown-escape.js';
import { failsGate, type Report } from '../report/report.js';
import { docsUrl } from '../rules/rule.js';
import { SEVERITY_RANK, type Severity } from '../types.js';
import { TOOL_NAME } from '../version.js';
import { driftLine, lockLine, rehearsalLine, rehearsalWords } from './format-plan-text.js';
import type { PlanStep } from './plan-section.js';
import { formatTableSize, type TableSize } from './table-sizes.js';

export interface PlanMarkdownOptions {
  failOn: Severity | 'never';
  /** Plain-text notes about the run, under the plan. */
  notes?: readonly string[];
}

export function formatPlanMarkdown(report: Report, options: PlanMarkdownOptions): string {
  const lines = [`## ${TOOL_NAME}`, '', verdictLine(report, options.failOn), ''];
  const plan = report.plan;
  if (plan) {
    lines.push(`Target PostgreSQL ${escapeMarkdown(plan.serverVersion)} · risk ${RISK_BADGE[report.risk]}`, '');
    for (const set of plan.sets) {
      lines.push(
        `**${codeSpan(set.dir)}**: ${escapeMarkdown(set.runner)}, tracking table ${codeSpan(set.trackingTable)}, ${set.applied} applied, ${set.pending.length} pending`,
        '',
      );
      if (set.pending.length === 0) lines.push('Nothing to apply.', '');
      else lines.push(...set.pending.flatMap(stepLines), '');
      if (set.skipped.length > 0) lines.push(...set.skipped.map((path) => `- ❌ ${codeSpan(path)}: the runner will not apply it`), '');
      if (set.notes.length > 0) lines.push(...set.notes.map((note) => `- ${escapeKeepingCode(note)}`), '');
    }
    const drift = driftLine(plan.drift);
    if (drift) lines.push(`${drift.ok ? '✅' : '❌'} ${escapeMarkdown(drift.text)}`, '');
    const rehearsed = rehearsalLine(plan.rehearsal);
    if (rehearsed) lines.push(escapeMarkdown(rehearsed), '');
  }
  const blockers = report.migrations.flatMap((m) => m.findings.filter((f) => f.rule !== 'pending-migration').map((f) => ({ path: m.path, ...f })));
  if (blockers.length > 0) {
    lines.push('### Before the migrate step', '');
    for (const finding of blockers) {
      lines.push(
        `- ${SEVERITY_ICON[finding.severity]} [\`${finding.rule}\`](${docsUrl(finding.rule)}) ${codeSpan(`${finding.path}:${finding.line}`)}: ${escapeMarkdown(finding.message)}`,
        `  ${escapeMarkdown(finding.help)}`,
      );
    }
    lines.push('');
  }
  const notes = [...(plan?.notes ?? []), ...(plan?.rehearsal.notes ?? []), ...(options.notes ?? [])];
  if (notes.length > 0) lines.push(...notes.map((note) => `- ${escapeKeepingCode(note)}`), '');
  return `${lines.join('\n')}`;
}

/** A step, its rehearsal and each lock with the target's size; the tables it touches otherwise. */
function stepLines(step: PlanStep): string[] {
  const locked = new Set(step.locks.map((lock) => lock.table));
  const unlocked = step.tables.filter((size) => !locked.has(size.table));
  const risk = step.apply && step.apply.status !== 'skipped' ? ` · risk ${RISK_BADGE[step.risk]}` : '';
  return [
    `${step.step}. ${codeSpan(step.path)}${risk}${sizesText(unlocked)}`,
    ...(step.apply ? [`   - rehearsal: ${escapeMarkdown(rehearsalWords(step))}`] : []),
    ...step.locks.map((lock) => `   - ${escapeMarkdown(lockLine(lock))}`),
  ];
}

/** ` — orders: 1.2M rows, 3.4 GB; users: 200 rows, 48 kB` (the target's sizes, no durations). */
function sizesText(sizes: readonly TableSize[]): string {
  return sizes.length === 0 ? '' : ` — ${escapeMarkdown(sizes.map(formatTableSize).join('; '))}`;
}

/** The verdict as the step decides it: what fails at `fail-on`, else ready. */
function verdictLine(report: Report, failOn: Severity | 'never'): string {
  if (!failsGate(report, failOn)) return '### Deploy plan: ✅ Ready to deploy';
  const failing = failOn === 'never' ? 0 : report.migrations.flatMap((m) => m.findings).filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]).length;
  return `### Deploy plan: ❌ Blocks the deploy (${failing} finding${failing === 1 ? '' : 's'} at or above \`${failOn}\`)`;
}
