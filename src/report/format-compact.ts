// The compact report for when the full one is too long for its place (a PR comment: 65,536
// characters; a job summary: 1 MiB): the headline, then every finding's rule and line grouped by file
// and rule, and a pointer to where the full report is. It is cut at a file boundary, saying how much
// is left out, only if even this form does not fit (thousands of findings).

import { escapeMarkdown } from './markdown-escape.js';
import { countText, headline, plural, RISK_BADGE } from './format-markdown.js';
import type { MigrationReport, Report } from './report.js';

export interface CompactOptions {
  /** Hard limit in UTF-16 code units (what String#length counts; never fewer than GitHub's characters). */
  limit: number;
  /** Text placed first, e.g. the comment's hidden marker. */
  prefix?: string;
  /** Placed last, always kept, e.g. a footer. */
  suffix?: string;
  /** Why the full report is not shown and where it is, as markdown (not escaped). */
  pointer: string;
  directory?: string;
}

export function formatCompact(report: Report, options: CompactOptions): string {
  const head = [options.prefix ?? '', ...headline(report, options.directory), '', `> ${options.pointer}`, ''].join('\n').replace(/^\n/, '');
  const tail = options.suffix ? `\n${options.suffix}` : '';
  const withFindings = report.migrations.filter((m) => m.findings.length > 0);
  const fileLines = withFindings.map(fileLine);
  // findingsFrom[i]: findings in files i and after, for the cut notice.
  const findingsFrom = new Array<number>(withFindings.length + 1).fill(0);
  for (let i = withFindings.length - 1; i >= 0; i--) findingsFrom[i] = findingsFrom[i + 1]! + withFindings[i]!.findings.length;

  let body = head;
  for (const [index, line] of fileLines.entries()) {
    const cut = `\n… ${plural(fileLines.length - index, 'more file')} with ${plural(findingsFrom[index]!, 'finding')}: see the full report.\n`;
    // Room is kept for the cut notice (unless this is the last line), so the result stays in the limit.
    const reserve = index === fileLines.length - 1 ? 0 : cut.length;
    if (body.length + line.length + 1 + reserve + tail.length > options.limit) return clip(`${body}${cut}${tail}`, options.limit);
    body += `${line}\n`;
  }
  return clip(`${body}${tail}`, options.limit);
}

/** Last resort for limits smaller than the headline itself: a cut body beats a rejected one. */
function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${Array.from(text.slice(0, limit - 1)).slice(0, -1).join('')}…`;
}

/** `- path (🔴 High, ❌ 2): `rule` L3, L9 · `other-rule` L1` */
function fileLine(migration: MigrationReport): string {
  const byRule = new Map<string, number[]>();
  for (const finding of migration.findings) {
    byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), finding.line]);
  }
  const rules = [...byRule].map(([rule, lines]) => `${ruleName(rule)} ${lines.map((line) => `L${line}`).join(', ')}`);
  return `- ${escapeMarkdown(migration.path)} (${RISK_BADGE[migration.risk]}, ${countText(migration.findings)}): ${rules.join(' · ')}`;
}

function ruleName(rule: string): string {
  return /^[a-z][a-z0-9-]*$/.test(rule) ? `\`${rule}\`` : escapeMarkdown(rule);
}
