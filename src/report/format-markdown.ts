// The markdown body of the PR comment and the job summary: a headline with the overall risk, a table
// with one row per migration, then each file's findings with the rule (linked to its doc), the line,
// the problem and the safe alternative.

import { docsUrl } from '../rules/rule.js';
import type { OverallRisk } from '../types.js';
import { escapeMarkdown, fencedCode } from './markdown-escape.js';
import type { MigrationReport, Report, ReportFinding } from './report.js';

export interface MarkdownOptions {
  /** A link to a line of a file (at the PR's head), when known. */
  lineUrl?: (path: string, line: number) => string;
  /** Show each finding's SQL statement (collapsed). */
  showStatements?: boolean;
}

const RISK_BADGE: Record<OverallRisk, string> = { high: '🔴 High', medium: '🟠 Medium', low: '🟡 Low', none: '🟢 None' };
const SEVERITY_ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const parts = [headline(report), ''];
  if (report.database && report.database.status !== 'ran') {
    parts.push(`> **Database stage ${report.database.status}:** ${escapeMarkdown(report.database.reason ?? '')}`, '');
  }
  if (report.migrations.length === 0) {
    parts.push('No migration files to check.');
    return `${parts.join('\n')}\n`;
  }
  parts.push('| Migration | Risk | Findings |', '| --- | --- | --- |');
  for (const migration of report.migrations) {
    parts.push(`| ${escapeMarkdown(migration.path)} | ${RISK_BADGE[migration.risk]} | ${countText(migration.findings)} |`);
  }
  for (const migration of report.migrations.filter((m) => m.findings.length > 0)) {
    parts.push('', ...fileSection(migration, options));
  }
  return `${parts.join('\n')}\n`;
}

function headline(report: Report): string {
  const { files, errors, warnings, infos } = report.summary;
  const counts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`, `${infos} info`];
  return `### Migration risk: ${RISK_BADGE[report.risk]}\n\n${counts.join(' · ')} in ${files} migration file${files === 1 ? '' : 's'}`;
}

function countText(findings: ReportFinding[]): string {
  if (findings.length === 0) return 'none';
  const bySeverity = (['error', 'warning', 'info'] as const)
    .map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, count]) => count > 0);
  return bySeverity.map(([severity, count]) => `${SEVERITY_ICON[severity]} ${count}`).join(' ');
}

function fileSection(migration: MigrationReport, options: MarkdownOptions): string[] {
  const lines = [`#### ${escapeMarkdown(migration.path)}`, ''];
  for (const finding of migration.findings) {
    const where = options.lineUrl
      ? `[line ${finding.line}](${options.lineUrl(migration.path, finding.line)})`
      : `line ${finding.line}`;
    lines.push(
      `- ${SEVERITY_ICON[finding.severity]} **${finding.severity}** [\`${finding.rule}\`](${docsUrl(finding.rule)}) · ${where}: ${escapeMarkdown(finding.message)}`,
      `  <br>**Safe alternative:** ${escapeMarkdown(finding.help)}`,
    );
    if (options.showStatements && finding.statement) {
      lines.push('', '  <details><summary>Statement</summary>', '', indent(fencedCode(finding.statement), '  '), '', '  </details>');
    }
  }
  return lines;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
