// The PR comment's body, laid out for a reviewer who gives it five seconds, on a phone as on a desk:
// the verdict as the step decides it, then what to fix, most severe first (at most five shown), then
// folded: the notes once per file, the locks on existing tables in the findings' words, and per file
// whether it applied and its rollback held. Lists, never tables, so nothing is cut at 400 px. The job
// summary keeps every detail (statements, all locks); the comment links to it.

import { lockRank } from '../db/lock-modes.js';
import { RISK_RANK, SEVERITY_RANK, type Severity } from '../types.js';
import { codeSpan, plural, RISK_BADGE, ruleLink, SEVERITY_ICON, type MarkdownOptions } from './format-markdown.js';
import { lockWords } from './database-cells.js';
import { escapeMarkdown, fencedCode } from './markdown-escape.js';
import { effectiveRisk, failsGate, type LockTraceEntry, type MigrationReport, type Report, type ReportFinding } from './report.js';

export interface CommentBodyOptions extends MarkdownOptions {
  /** The step's threshold: the verdict is the step's own. */
  failOn: Severity | 'never';
  /** Where the full report is (the job summary of the run). */
  runUrl?: string;
}

/** Items of the ranked list shown before the fold. */
const SHOWN_ITEMS = 5;
/** Items listed in the fold at most, one line each; the rest are counted and left to the job summary. */
const FOLDED_ITEMS = 30;
/** Lock lines shown at most. */
const LOCK_LINES = 30;

export function formatCommentBody(report: Report, options: CommentBodyOptions): string {
  const parts = [...verdict(report, options), ''];
  const ranked = rankedFindings(report, options.failOn);
  if (ranked.length > 0) parts.push(...rankedList(ranked, report, options), '');
  const notes = notesSection(report, options);
  if (notes.length > 0) parts.push(...notes, '');
  const locks = locksSection(report, options);
  if (locks.length > 0) parts.push(...locks, '');
  const files = filesSection(report);
  if (files.length > 0) parts.push(...files, '');
  const summary = options.runUrl ? `[job summary](${options.runUrl})` : 'job summary';
  parts.push(`Every statement, lock and note is in the ${summary}.`);
  return `${parts.join('\n')}\n`;
}

/** The headline: what the step decides (blocks, safe, not verified), then one line of context. */
function verdict(report: Report, options: CommentBodyOptions): string[] {
  const findings = report.migrations.flatMap((m) => m.findings.map((finding) => ({ finding, path: m.path })));
  const where = options.directory ? ` in ${codeSpan(options.directory)}` : '';
  const context = [`risk ${RISK_BADGE[report.risk]}`, `${plural(report.summary.files, 'file')}${where}`, ...serverLine(report), `fail-on: ${options.failOn}`];
  const subline = `<sub>${context.join(' · ')}</sub>`;
  const notVerified = report.verification?.status === 'not-verified' ? [`> ⚠️ **Not verified:** ${escapeMarkdown(report.verification.reason ?? '')}`] : [];
  if (failsGate(report, options.failOn)) {
    const threshold = SEVERITY_RANK[options.failOn as Severity];
    const blocking = findings.filter(({ finding }) => SEVERITY_RANK[finding.severity] >= threshold);
    const files = new Set(blocking.map(({ path }) => path)).size;
    const counts = (['error', 'warning', 'info'] as const)
      .map((severity) => [severity, blocking.filter(({ finding }) => finding.severity === severity).length] as const)
      .filter(([, count]) => count > 0)
      .map(([severity, count]) => plural(count, severity === 'info' ? 'note' : severity));
    return [`### ❌ Blocks merge — ${counts.join(' and ')} in ${plural(files, 'file')}`, subline, ...(notVerified.length ? ['', ...notVerified] : [])];
  }
  const below = [plural(report.summary.errors, 'error'), plural(report.summary.warnings, 'warning'), plural(report.summary.infos, 'note')].filter((text) => !text.startsWith('0 '));
  if (notVerified.length > 0) {
    const found = below.length > 0 ? `the static checks found ${below.join(', ')} below fail-on` : 'the static checks found nothing';
    return [`### ⚠️ Not verified — ${found}`, subline, '', ...notVerified];
  }
  return [`### ✅ Safe to merge${below.length > 0 ? ` — ${below.join(', ')}` : ''}`, subline];
}

function serverLine(report: Report): string[] {
  const database = report.database;
  if (database?.status !== 'ran' || database.serverVersion === undefined) return [];
  const target = database.targetVersion !== undefined && database.targetVersion !== database.serverVersion ? ` (target ${database.targetVersion})` : '';
  return [`applied on PostgreSQL ${database.serverVersion}${target}`];
}

interface Ranked {
  migration: MigrationReport;
  finding: ReportFinding;
}

/** Errors and warnings, most severe first, then the highest risk, then in file and line order. */
function rankedFindings(report: Report, failOn: Severity | 'never'): Ranked[] {
  const floor = failOn === 'info' ? SEVERITY_RANK.info : SEVERITY_RANK.warning;
  const ranked: Ranked[] = [];
  for (const migration of report.migrations) {
    for (const finding of migration.findings) if (SEVERITY_RANK[finding.severity] >= floor) ranked.push({ migration, finding });
  }
  return ranked.sort(
    (a, b) =>
      SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
      RISK_RANK[effectiveRisk(b.finding)] - RISK_RANK[effectiveRisk(a.finding)] ||
      0,
  );
}

function rankedList(ranked: readonly Ranked[], report: Report, options: CommentBodyOptions): string[] {
  const blocking = failsGate(report, options.failOn);
  const heading = blocking ? '**Fix before merging**' : '**Worth a look**';
  const lines = [heading, ''];
  ranked.slice(0, SHOWN_ITEMS).forEach((item, index) => lines.push(...itemLines(item, index + 1, options)));
  const rest = ranked.slice(SHOWN_ITEMS);
  if (rest.length > 0) {
    const listed = rest.slice(0, FOLDED_ITEMS);
    lines.push('', `<details><summary>${plural(rest.length, 'more finding')}</summary>`, '');
    listed.forEach((item, index) => lines.push(foldedLine(item, SHOWN_ITEMS + index + 1, options)));
    if (rest.length > listed.length) lines.push('', `… and ${rest.length - listed.length} more in the job summary.`);
    lines.push('', '</details>');
  }
  return lines;
}

/** `1. ❌ **what goes wrong** — [file:line](link) · rule` and the fix under it. */
function itemLines({ migration, finding }: Ranked, number: number, options: CommentBodyOptions): string[] {
  const lines = [
    `${number}. ${SEVERITY_ICON[finding.severity]} **${escapeMarkdown(finding.message)}** — ${location(migration, finding.line, options)} · ${ruleLink(finding.rule)}`,
    `   <br>→ ${escapeMarkdown(finding.help)}`,
  ];
  // A mechanical fix as a block to copy, indented into the list item.
  if (finding.fix) lines.push('', ...fencedCode(`${finding.fix.trim()};`, 'sql').split('\n').map((line) => `   ${line}`));
  return lines;
}

/** In the fold, one line without the fix: the job summary has it. */
function foldedLine({ migration, finding }: Ranked, number: number, options: CommentBodyOptions): string {
  return `${number}. ${SEVERITY_ICON[finding.severity]} ${location(migration, finding.line, options)} · ${ruleLink(finding.rule)}: ${escapeMarkdown(finding.message)}`;
}

function location(migration: MigrationReport, line: number, options: MarkdownOptions): string {
  const label = escapeMarkdown(`${baseName(migration.path)}:${line}`);
  const url = options.lineUrl?.(migration, line);
  return url ? `[${label}](${url})` : label;
}

/** A Prisma folder's file is named by its folder: `20240101_init/migration.sql`. */
function baseName(path: string): string {
  const parts = path.split('/');
  const file = parts.at(-1) ?? path;
  return parts.length > 1 && /^(migration|up|down)\.sql$/.test(file) ? `${parts.at(-2)}/${file}` : file;
}

/** Info findings, once per file and rule: advice, folded. */
function notesSection(report: Report, options: CommentBodyOptions): string[] {
  if (options.failOn === 'info') return [];
  const lines: string[] = [];
  let count = 0;
  for (const migration of report.migrations) {
    const byRule = new Map<string, number[]>();
    for (const finding of migration.findings) {
      if (finding.severity !== 'info') continue;
      count++;
      byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), finding.line]);
    }
    if (byRule.size === 0) continue;
    const parts = [...byRule].map(([rule, lines]) => `${noteText(migration, rule)} (${ruleLink(rule)}, ${lines.length === 1 ? 'line' : 'lines'} ${[...new Set(lines)].join(', ')})`);
    lines.push(`- ${escapeMarkdown(baseName(migration.path))}: ${parts.join('; ')}`);
  }
  if (lines.length === 0) return [];
  return [`<details><summary>ℹ️ ${plural(count, 'note')}</summary>`, '', ...lines, '', '</details>'];
}

/** What a note says, in a few words: the tables an ACCESS EXCLUSIVE lock is on, else the rule's own name. */
function noteText(migration: MigrationReport, rule: string): string {
  if (rule === 'access-exclusive-lock') {
    const tables = [...new Set((migration.locks ?? []).filter((lock) => lock.mode === 'AccessExclusiveLock' && lock.relationKind !== 'index').map((lock) => lock.relation))];
    if (tables.length > 0) return `takes ACCESS EXCLUSIVE on ${tables.map((table) => codeSpan(table)).join(', ')}`;
  }
  return escapeMarkdown(rule.replace(/-/g, ' '));
}

/**
 * Per statement, the strongest lock per table; an index's lock that follows from its table's lock
 * in the same statement is not listed.
 */
function locksSection(report: Report, options: CommentBodyOptions): string[] {
  const lines: string[] = [];
  for (const migration of report.migrations) {
    const byStatement = new Map<number, LockTraceEntry[]>();
    for (const lock of migration.locks ?? []) byStatement.set(lock.line, [...(byStatement.get(lock.line) ?? []), lock]);
    for (const [line, locks] of byStatement) {
      const tables = locks.filter((lock) => lock.relationKind !== 'index' || !locks.some((other) => other.relationKind !== 'index' && lockRank(other.mode) >= lockRank(lock.mode)));
      const strongest = new Map<string, LockTraceEntry>();
      for (const lock of tables) {
        const current = strongest.get(lock.relation);
        if (!current || lockRank(lock.mode) > lockRank(current.mode)) strongest.set(lock.relation, { ...lock, rewrite: lock.rewrite || (current?.rewrite ?? false) });
      }
      for (const lock of strongest.values()) {
        if (lock.relationKind === 'transaction') {
          lines.push(`- ${location(migration, line, options)} · waited for other transactions to end`);
          continue;
        }
        const held = lock.heldDuring ? ` · held while ${lock.heldDuring.fromLine === lock.heldDuring.toLine ? `line ${lock.heldDuring.fromLine}` : `lines ${lock.heldDuring.fromLine}–${lock.heldDuring.toLine}`} ran` : '';
        const waited = lock.waited ? ' · waited for it' : '';
        lines.push(`- ${location(migration, line, options)} · ${codeSpan(lock.relation)} · ${lockWords(lock.mode)} (blocks ${escapeMarkdown(lock.blocks)})${lock.rewrite ? ' · **rewrite**' : ''}${held}${waited}`);
      }
    }
  }
  if (lines.length === 0) return [];
  const shown = lines.slice(0, LOCK_LINES);
  const more = lines.length > shown.length ? ['', `… and ${lines.length - shown.length} more in the job summary.`] : [];
  return [`<details><summary>🔒 ${plural(lines.length, 'lock')} on existing tables</summary>`, '', ...shown, ...more, '', '</details>'];
}

/** Per file: applied? rollback proven? One line each, folded unless something went wrong. */
function filesSection(report: Report): string[] {
  if (!report.database) return [];
  const lines = report.migrations.filter((m) => m.status !== 'deleted' && m.apply).map((m) => `- ${escapeMarkdown(baseName(m.path))}: ${applyWords(m)}${rollbackWords(m)}`);
  if (lines.length === 0) return [];
  const trouble = report.migrations.some((m) => (m.apply && m.apply.status !== 'applied') || ['mismatch', 'failed', 'reapply-failed'].includes(m.rollback?.status ?? ''));
  return [`<details${trouble ? ' open' : ''}><summary>🧪 Applied and rolled back on a real PostgreSQL</summary>`, '', ...lines, '', '</details>'];
}

function applyWords(migration: MigrationReport): string {
  const apply = migration.apply!;
  if (apply.status === 'applied') return apply.without?.length ? `✅ applied without ${plural(apply.without.length, 'failed migration')}` : '✅ applied';
  return apply.status === 'failed' ? '❌ does not apply' : `⏭️ not applied${apply.reason ? ` (${escapeMarkdown(apply.reason)})` : ''}`;
}

function rollbackWords(migration: MigrationReport): string {
  switch (migration.rollback?.status) {
    case 'verified':
      return ' · ✅ rollback verified';
    case 'mismatch':
      return ' · ❌ rollback leaves the schema different';
    case 'failed':
      return ' · ❌ rollback fails';
    case 'reapply-failed':
      return ' · ❌ applying again after the rollback fails';
    case 'no-rollback':
      return ' · ➖ no rollback';
    default:
      return '';
  }
}
