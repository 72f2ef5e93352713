// `plan --format text`: the report read as a deploy plan. First what the target is and what it has
// applied, then the steps the runner will take, in order, then what stands in the way (each
// finding with its help), then one verdict line.

import type { Report } from '../report/report.js';
import type { PlanDrift } from './plan-section.js';
import { formatTableSize } from './table-sizes.js';

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 } as const;

export function formatPlanText(report: Report, options: { color: boolean }): string {
  const paint = (code: keyof typeof CODES, text: string): string => (options.color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
  const plan = report.plan;
  const lines: string[] = [];
  if (plan) {
    lines.push(paint('bold', `Deploy plan: target PostgreSQL ${plan.serverVersion}`));
    for (const set of plan.sets) {
      lines.push(`${set.dir}: ${set.runner}, tracking table ${set.trackingTable}, ${set.applied} applied, ${set.pending.length} pending`);
      if (set.pending.length === 0) lines.push(paint('dim', '  nothing to apply'));
      for (const step of set.pending) {
        lines.push(`  ${step.step}. ${step.path}`);
        for (const size of step.tables) lines.push(paint('dim', `     ${formatTableSize(size)}`));
      }
      for (const path of set.skipped) lines.push(paint('red', `  ✗ ${path} (the runner will not apply it)`));
      for (const note of set.notes) lines.push(paint('dim', `  note: ${note}`));
    }
    const drift = driftLine(plan.drift);
    if (drift) lines.push(drift.ok ? drift.text : paint('red', drift.text));
    for (const note of plan.notes) lines.push(paint('dim', `note: ${note}`));
  }
  const severityColor = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
  const blockers = report.migrations.flatMap((m) => m.findings.filter((f) => f.rule !== 'pending-migration').map((f) => ({ path: m.path, ...f })));
  if (blockers.length > 0) lines.push('', paint('bold', 'Before the migrate step:'));
  for (const finding of blockers) {
    lines.push(`${finding.path}:${finding.line}  ${paint(severityColor[finding.severity], finding.severity)}  ${paint('dim', finding.rule)}  ${finding.message}`);
    lines.push(`    ${paint('dim', 'help:')} ${finding.help}`);
  }
  const errors = blockers.filter((f) => f.severity === 'error').length;
  const warnings = blockers.filter((f) => f.severity === 'warning').length;
  lines.push(
    '',
    errors + warnings === 0
      ? paint('green', '✔ ready to deploy')
      : paint(errors > 0 ? 'red' : 'yellow', `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} before deploying`),
  );
  return `${lines.join('\n')}\n`;
}

/** One line on schema-drift when the schemas were compared (a reason not to is among the notes). */
export function driftLine(drift: PlanDrift | undefined): { ok: boolean; text: string } | undefined {
  if (!drift || drift.status !== 'compared') return undefined;
  const against = `its ${drift.replayed ?? 0} applied migration${drift.replayed === 1 ? '' : 's'} replayed${drift.server ? ` on ${drift.server}` : ''}`;
  const count = drift.objects.length;
  return count === 0
    ? { ok: true, text: `schema: matches ${against}` }
    : { ok: false, text: `schema: ${count} object${count === 1 ? '' : 's'} differ${count === 1 ? 's' : ''} from ${against}` };
}
