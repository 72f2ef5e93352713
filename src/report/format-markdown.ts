// The markdown report behind the PR comment, the job summary and `--format markdown`: a headline with
// the overall risk and counts, one table row per migration (risk, findings, and what the database
// stage saw: applied?, rollback verified?, locks on existing tables), then per file each finding with
// its rule (linked to its doc), a link to the line, the problem and the safe alternative, and the
// lock trace collapsed. Everything that comes from a migration is escaped (markdown-escape.ts).

import { docsUrl } from '../rules/rule.js';
import { SEVERITY_RANK, type OverallRisk } from '../types.js';
import { applyCell, appliedAsText, databaseRan, lockModeDetail, locksCell, rollbackCell } from './database-cells.js';
import { escapeMarkdown, fencedCode } from './markdown-escape.js';
import type { LockTraceEntry, MigrationReport, Report, ReportFinding } from './report.js';

export interface MarkdownOptions {
  /** A link to a line of a migration (at the PR's head), when known. */
  lineUrl?: (migration: MigrationReport, line: number) => string | undefined;
  /** Show each finding's SQL statement (collapsed): the job summary and the CLI, not the comment. */
  showStatements?: boolean;
  /** The migrations directory the report covers, named in the headline. */
  directory?: string;
}

export const RISK_BADGE: Record<OverallRisk, string> = { high: '🔴 High', medium: '🟠 Medium', low: '🟡 Low', none: '🟢 None' };
export const SEVERITY_ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;
const STATEMENT_PREVIEW_CHARS = 80;

export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const parts = [...headline(report, options.directory), ''];
  parts.push(...databaseNote(report));
  if (report.migrations.length === 0) {
    parts.push('No migration files to check.');
    return `${parts.join('\n')}\n`;
  }
  parts.push(...migrationTable(report));
  for (const migration of report.migrations) {
    if (migration.findings.length === 0 && !migration.locks?.length && databaseProblems(migration).length === 0) continue;
    parts.push('', ...fileSection(migration, options));
  }
  return `${parts.join('\n')}\n`;
}

export function headline(report: Report, directory?: string): string[] {
  const { files, errors, warnings, infos } = report.summary;
  const counts = `${plural(errors, 'error')} · ${plural(warnings, 'warning')} · ${infos} info`;
  const where = directory ? ` in ${codeSpan(directory)}` : '';
  // A risk the database stage did not confirm is the static rules' guess: never a plain green.
  const notVerified = report.verification?.status === 'not-verified' ? ' · ⚠️ Not verified (static checks only)' : '';
  return [`### Migration risk: ${RISK_BADGE[report.risk]}${notVerified}`, '', `**${counts}** · ${plural(files, 'migration file')} checked${where}`];
}

/**
 * Text from anywhere as inline code: nothing inside a code span is markup (no HTML, links or
 * mentions), so only a backtick or a line break, which could end the span, forces plain escaping.
 */
export function codeSpan(text: string): string {
  return /^[^`\r\n]+$/.test(text) ? `\`${text}\`` : escapeMarkdown(text);
}

/** Escaped text in which `quoted` parts stay inline code (log lines and notes quote names that way). */
export function escapeKeepingCode(text: string): string {
  return text
    .split(/(`[^`\r\n]+`)/)
    .map((part) => (/^`[^`\r\n]+`$/.test(part) ? part : escapeMarkdown(part)))
    .join('');
}

function databaseNote(report: Report): string[] {
  const database = report.database;
  if (!database) return [];
  const notes = (database.notes ?? []).map((note) => `- ${escapeMarkdown(note)}`);
  if (database.status === 'ran') {
    const unapplied = report.verification?.status === 'not-verified' ? [`> ⚠️ **Not verified:** ${escapeMarkdown(report.verification.reason ?? '')}`, ''] : [];
    const ranOn = [...unapplied, ...(database.server ? [`Database checks ran on ${escapeMarkdown(database.server)}${versionSuffix(database)}.${appliedAs(database)}`] : [])];
    return ranOn.length + notes.length > 0 ? [...ranOn, ...(ranOn.length && notes.length ? [''] : []), ...notes, ''] : [];
  }
  if (database.nothingToApply) return notes.length ? [...notes, ''] : [];
  const what = database.status === 'failed' ? 'failed' : 'not run';
  return [`> ⚠️ **Not verified: apply, lock trace and rollback ${what}:** ${escapeMarkdown(database.reason ?? 'no reason given')}`, '', ...(notes.length ? [...notes, ''] : [])];
}

/** `, target PostgreSQL 16` when the target is another major than the server's. */
function appliedAs(database: NonNullable<Report['database']>): string {
  const sentence = appliedAsText(database);
  return sentence ? ` ${escapeMarkdown(sentence)}` : '';
}

function versionSuffix(database: NonNullable<Report['database']>): string {
  const { serverVersion, targetVersion } = database;
  return targetVersion !== undefined && serverVersion !== undefined && targetVersion !== serverVersion ? ` (the target is PostgreSQL ${targetVersion})` : '';
}

function migrationTable(report: Report): string[] {
  // `lint` never touches a database: its table has no database columns at all.
  if (!report.database) {
    return [
      '| Migration | Risk | Findings |',
      '| --- | --- | --- |',
      ...report.migrations.map((m) => `| ${pathCell(m)} | ${RISK_BADGE[m.risk]} | ${countText(m.findings)} |`),
    ];
  }
  const ran = databaseRan(report);
  return [
    '| Migration | Risk | Findings | Applied | Rollback | Locks on existing tables |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.migrations.map(
      (m) => `| ${pathCell(m)} | ${RISK_BADGE[m.risk]} | ${countText(m.findings)} | ${applyCell(m, ran)} | ${rollbackCell(m, ran)} | ${locksCell(m, ran)} |`,
    ),
  ];
}

function pathCell(migration: MigrationReport): string {
  const status = migration.status === 'new' ? '' : ` (${migration.status})`;
  return `${escapeMarkdown(migration.path)}${status}`;
}

export function countText(findings: readonly ReportFinding[]): string {
  if (findings.length === 0) return 'none';
  return (['error', 'warning', 'info'] as const)
    .map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${SEVERITY_ICON[severity]} ${count}`)
    .join(' ');
}

function fileSection(migration: MigrationReport, options: MarkdownOptions): string[] {
  const lines = [`#### ${escapeMarkdown(migration.path)}`, ''];
  const problems = databaseProblems(migration);
  if (problems.length > 0) lines.push(...problems, '');
  // In file order; on one line the most severe first, so an error is never below advice.
  const findings = [...migration.findings].sort((a, b) => a.line - b.line || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  for (const finding of findings) {
    lines.push(
      `- ${SEVERITY_ICON[finding.severity]} **${finding.severity}** ${ruleLink(finding.rule)} · ${lineLink(migration, finding.line, options)}: ${escapeMarkdown(finding.message)}`,
      `  <br>**Safe alternative:** ${escapeMarkdown(finding.help)}`,
    );
    if (options.showStatements && finding.statement) {
      lines.push('', '  <details><summary>Statement</summary>', '', indent(fencedCode(finding.statement), '  '), '', '  </details>', '');
    }
  }
  if (migration.locks?.length) lines.push('', ...lockTrace(migration, migration.locks, options));
  while (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Why applying or rolling back did not succeed, in the database's words (escaped). */
function databaseProblems(migration: MigrationReport): string[] {
  const lines: string[] = [];
  const { apply, rollback } = migration;
  if (apply && apply.status !== 'applied' && apply.reason) lines.push(`**Apply ${apply.status}:** ${escapeMarkdown(apply.reason)}`);
  if (apply?.without?.length) {
    const one = apply.without.length === 1;
    lines.push(`**Applied without** ${apply.without.map(codeSpan).join(', ')}: ${one ? 'it does' : 'they do'} not apply, so this migration ran on the schema without ${one ? 'it' : 'them'}.`);
  }
  if (rollback && ['mismatch', 'failed', 'reapply-failed'].includes(rollback.status) && (rollback.reason || rollback.differences?.length)) {
    const label = rollback.status === 'reapply-failed' ? 're-apply failed' : rollback.status;
    lines.push(`**Rollback ${label}:** ${escapeMarkdown(rollback.reason ?? `${plural(rollback.differences!.length, 'schema difference')}`)}`);
  }
  // Lines of one markdown paragraph would run together.
  const paragraph = lines.map((line, index) => (index < lines.length - 1 ? `${line}<br>` : line));
  const differences = rollback?.differences ?? [];
  if (differences.length === 0) return paragraph;
  return [
    ...paragraph,
    '',
    `<details><summary>${plural(differences.length, 'schema difference')}</summary>`,
    '',
    ...differences.map((difference) => `- ${escapeMarkdown(difference)}`),
    '',
    '</details>',
  ];
}

/** Rule ids are ours (kebab-case); anything else is shown as escaped text, never as markup. */
export function ruleLink(rule: string): string {
  return /^[a-z][a-z0-9-]*$/.test(rule) ? `[\`${rule}\`](${docsUrl(rule)})` : escapeMarkdown(rule);
}

function lineLink(migration: MigrationReport, line: number, options: MarkdownOptions): string {
  const url = options.lineUrl?.(migration, line);
  return url ? `[line ${line}](${url})` : `line ${line}`;
}

function lockTrace(migration: MigrationReport, locks: readonly LockTraceEntry[], options: MarkdownOptions): string[] {
  return [
    `<details><summary>Lock trace: ${plural(locks.length, 'lock')} on existing objects</summary>`,
    '',
    '| Line | Statement | Relation | Lock | Blocks | Rewrite |',
    '| --- | --- | --- | --- | --- | --- |',
    ...locks.map(
      (lock) =>
        `| ${lineLink(migration, lock.line, options)} | ${escapeMarkdown(preview(lock.statement))} | ${escapeMarkdown(lock.relation)} (${escapeMarkdown(lock.relationKind)}) | ${escapeMarkdown(lockModeDetail(lock))} | ${escapeMarkdown(lock.blocks)} | ${lock.rewrite ? 'yes' : 'no'} |`,
    ),
    '',
    '</details>',
  ];
}

function preview(statement: string): string {
  // By code point, so a cut never splits a character in two.
  const characters = Array.from(statement.replace(/\s+/g, ' ').trim());
  return characters.length > STATEMENT_PREVIEW_CHARS ? `${characters.slice(0, STATEMENT_PREVIEW_CHARS - 1).join('')}…` : characters.join('');
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
