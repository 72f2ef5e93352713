// Terminal output: `file:line:col  severity  rule  message`, the help line under it, and a summary.
// Colour only when asked (a TTY without NO_COLOR), so logs and pipes get plain text.

import { appliedAsText, lockWords } from './database-cells.js';
import type { MigrationReport, Report } from './report.js';

export interface TextOptions {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 } as const;

export function formatText(report: Report, options: TextOptions): string {
  const paint = (code: keyof typeof CODES, text: string): string =>
    options.color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text;
  const severityColor = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
  const lines: string[] = [];
  for (const migration of report.migrations) {
    for (const finding of migration.findings) {
      lines.push(
        `${migration.path}:${finding.line}:${finding.column}  ${paint(severityColor[finding.severity], finding.severity)}  ${paint('dim', finding.rule)}  ${finding.message}`,
      );
      lines.push(`    ${paint('dim', 'help:')} ${finding.help}`);
    }
  }
  const notVerified = report.verification?.status === 'not-verified';
  if (report.database && report.database.status !== 'ran') {
    if (!report.database.nothingToApply) lines.push(paint('yellow', `not verified: database stage ${report.database.status}: ${report.database.reason ?? ''}`.trimEnd()));
  } else if (report.database?.server) {
    const target = report.database.targetVersion;
    const versions = target !== undefined && report.database.serverVersion !== undefined && target !== report.database.serverVersion ? ` (the target is PostgreSQL ${target})` : '';
    lines.push(paint('dim', `database stage ran on ${report.database.server}${versions}`));
    const appliedAs = appliedAsText(report.database);
    if (appliedAs) lines.push(paint('dim', `  ${appliedAs}`));
    for (const note of report.database.notes ?? []) lines.push(paint('dim', `  note: ${note}`));
    if (notVerified) lines.push(paint('yellow', `not verified: ${report.verification!.reason ?? ''}`));
    for (const migration of report.migrations) {
      const status = databaseStatus(migration);
      if (status) lines.push(`  ${migration.path}: ${status}`);
    }
  }
  const { errors, warnings, infos, files, findings } = report.summary;
  const fileWord = files === 1 ? 'file' : 'files';
  if (findings === 0 && notVerified) {
    // No ✔: the static rules found nothing, but nothing was applied to prove it.
    lines.push(paint('yellow', `no findings from the static checks in ${files} ${fileWord}, but not verified on a database`));
  } else if (findings === 0) {
    lines.push(paint('green', `✔ no findings in ${files} ${fileWord}`));
  } else {
    if (lines.length > 0) lines.push('');
    const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info`;
    lines.push(paint('bold', `${findings} finding${findings === 1 ? '' : 's'} (${counts}) in ${files} ${fileWord} · risk: ${report.risk}${notVerified ? ' · not verified' : ''}`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `applied, rollback verified, locks: orders AccessExclusiveLock` for one migration of `check`;
 * `applied without migrations/0002_x.sql, ...` when migrations before it that fail were left out.
 */
function databaseStatus(migration: MigrationReport): string | undefined {
  if (!migration.apply) return undefined;
  const without = migration.apply.without?.length ? ` without ${migration.apply.without.join(', ')}` : '';
  const parts = [migration.apply.status === 'applied' ? `applied${without}` : `apply ${migration.apply.status}${without ? ` (on the schema${without})` : ''}`];
  const rollback = migration.rollback?.status;
  if (rollback && rollback !== 'skipped') parts.push(rollback === 'no-rollback' ? 'no rollback' : `rollback ${rollback}`);
  const locks = [...new Set((migration.locks ?? []).map((lock) => `${lock.relation} ${lockWords(lock.mode)}${lock.rewrite ? ' (rewrite)' : ''}${lock.waited ? ' (waited)' : ''}`))];
  parts.push(locks.length > 0 ? `locks on existing objects: ${locks.join(', ')}` : 'no locks on existing objects');
  return parts.join(', ');
}
