// `plan --format text`: the report read as a deploy plan. First what the target is and what it has
// applied, then the steps the runner will take, in order, then what stands in the way (each
// finding with its help), then one verdict line.

import type { Report } from '../report/report.js';
import { lockWords } from '../report/database-cells.js';
import type { PlanDrift, PlanRehearsal, PlanStep } from './plan-section.js';
import type { PlanLock } from './size-risk.js';
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
        // A step the rehearsal could not apply (the history before it does not replay) has no risk of its own to show.
        const rehearsed = step.apply !== undefined && step.apply.status !== 'skipped';
        lines.push(`  ${step.step}. ${step.path}${rehearsed ? `  ${paint(RISK_COLOR[step.risk], `risk ${step.risk}`)}` : ''}`);
        if (step.apply) lines.push(paint('dim', `     rehearsal: ${rehearsalWords(step)}`));
        for (const lock of step.locks) lines.push(`     ${lockLine(lock)}`);
        const locked = new Set(step.locks.map((lock) => lock.table));
        for (const size of step.tables) if (!locked.has(size.table)) lines.push(paint('dim', `     ${formatTableSize(size)}`));
      }
      for (const path of set.skipped) lines.push(paint('red', `  ✗ ${path} (the runner will not apply it)`));
      for (const note of set.notes) lines.push(paint('dim', `  note: ${note}`));
    }
    const drift = driftLine(plan.drift);
    if (drift) lines.push(drift.ok ? drift.text : paint('red', drift.text));
    const rehearsed = rehearsalLine(plan.rehearsal);
    if (rehearsed) lines.push(rehearsed);
    for (const note of [...plan.notes, ...(plan.rehearsal.notes ?? [])]) lines.push(paint('dim', `note: ${note}`));
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

const RISK_COLOR = { none: 'dim', low: 'dim', medium: 'yellow', high: 'red' } as const;

/** `applied, rollback verified` / `failed: <reason>` for one rehearsed step. */
export function rehearsalWords(step: Pick<PlanStep, 'apply' | 'rollback'>): string {
  const apply = step.apply!;
  if (apply.status !== 'applied') return `${apply.status === 'failed' ? 'fails to apply' : 'not applied'}${apply.reason ? `: ${apply.reason}` : ''}`;
  const without = apply.without?.length ? ` without ${apply.without.join(', ')}` : '';
  const rollback = step.rollback?.status;
  const words: Record<NonNullable<typeof rollback>, string> = {
    verified: ', rollback verified',
    mismatch: ', the rollback does not restore the schema',
    failed: ', the rollback fails',
    'reapply-failed': ', applying it again after the rollback fails',
    'no-rollback': ', no rollback',
    skipped: '',
  };
  return `applied${without}${rollback ? words[rollback] : ''}`;
}

/** `line 2: ACCESS EXCLUSIVE, rewrite, on orders: 5k rows, 1.1 MB (large table): high risk`. */
export function lockLine(lock: PlanLock): string {
  return `line ${lock.line}: ${lockWords(lock.mode)}${lock.rewrite ? ', rewrite,' : ''} on ${formatTableSize(lock)} (${lock.size} table): ${lock.risk} risk`;
}

/** Where the pending migrations were rehearsed, when they were (why not is among the notes). */
export function rehearsalLine(rehearsal: PlanRehearsal): string | undefined {
  if (rehearsal.status !== 'ran') return undefined;
  return `rehearsed on ${rehearsal.server ?? "the gate's PostgreSQL"}, from the applied migrations: sizes are the target's, no durations are guessed`;
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
