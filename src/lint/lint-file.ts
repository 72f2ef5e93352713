// The static lint of one file: parse, build the file model, run every enabled statement rule,
// then apply inline ignores and report the ones that were of no use.

import type { Node } from 'libpg-query';
import { RULES_BY_ID } from '../rules/index.js';
import type { StatementRule } from '../rules/rule.js';
import { readHeader, type Header } from '../sql/header.js';
import { readIgnoreDirectives, type IgnoreDirective } from '../sql/ignores.js';
import { parseSource, type ParsedFile } from '../sql/parse.js';
import { decodeSource, positionAt, sliceText, type SourceText } from '../sql/source.js';
import { PSQL_STYLE_SCOPE, type Finding, type SeveritySetting, type TransactionScope } from '../types.js';
import { createFinding, severityOf, type MessageData } from './findings.js';
import { buildFileModel, type FileContext, type FileModel, type StatementModel } from './file-model.js';
import { lineReplacement } from './line-replacement.js';
import { lastTokenEnd } from '../sql/statement-end.js';

export interface LintOptions {
  postgresVersion: number;
  /** Severity per rule id, already merged from defaults and config. */
  severities: ReadonlyMap<string, SeveritySetting>;
  /** How the file's runner scopes transactions; psql-style (explicit BEGIN only) by default. */
  scope?: TransactionScope;
  /** What earlier files established (new tables of the change, the runner's session settings). */
  context?: FileContext;
}

export interface FileLint {
  /** The leading comment block's metadata (empty for an unreadable file). */
  header: Header;
  /**
   * Rules the file ignores as a whole (`-- pg-migration-gate-ignore-file`) that later stages decide
   * (set and database rules): those stages drop their findings for this file.
   */
  laterStageIgnores: ReadonlySet<string>;
  source: SourceText | undefined;
  parsed: ParsedFile | undefined;
  model: FileModel | undefined;
  findings: Finding[];
}

const EMPTY_HEADER: Header = { fields: new Map(), endLine: 1 };

/** A finding before ignores are applied: it remembers which top-level statement it belongs to. */
interface PendingFinding {
  finding: Finding;
  /** Byte offset of the top-level statement (a DO block's inner statements use the DO's). */
  anchor: number;
}

export function lintBuffer(path: string, raw: Buffer, options: LintOptions): FileLint {
  const decoded = decodeSource(path, raw);
  if (!decoded.ok) {
    const finding = createFinding(options.severities, {
      rule: 'syntax-error',
      messageId: 'unreadable',
      path,
      line: decoded.error.line,
      column: decoded.error.column,
      data: { detail: decoded.error.message },
    });
    return { header: EMPTY_HEADER, laterStageIgnores: new Set(), source: undefined, parsed: undefined, model: undefined, findings: finding ? [finding] : [] };
  }
  return lintSource(decoded.source, options);
}

export function lintSource(source: SourceText, options: LintOptions): FileLint {
  const parsed = parseSource(source);
  const model = buildFileModel(parsed.statements, options.scope ?? PSQL_STYLE_SCOPE, options.context);
  const pending: PendingFinding[] = [];
  const topLevelStart = (statement: StatementModel): number =>
    statement.parsed.parentIndex === undefined
      ? statement.parsed.start
      : model.statements[statement.parsed.parentIndex]!.parsed.start;

  const push = (ruleId: string, messageId: string, offset: number, anchor: number, data: MessageData, about?: StatementFinding): void => {
    const finding = createFinding(options.severities, {
      rule: ruleId,
      messageId,
      path: source.path,
      data,
      ...positionAt(source, offset),
      ...(about ? statementFields(source, about) : {}),
    });
    if (finding) pending.push({ anchor, finding });
  };

  for (const error of parsed.syntaxErrors) {
    if (error.tooLarge) {
      push('syntax-error', 'too-large', error.statementStart, error.statementStart, { detail: error.message });
      continue;
    }
    // At the token the parser stopped at (the line and column its message names); ignores still
    // anchor at the statement's start.
    push('syntax-error', 'syntax', Math.max(error.errorOffset, error.statementStart), error.statementStart, {
      detail: error.message,
      where: describeErrorPosition(source, error.statementStart, error.errorOffset),
    });
  }
  if (parsed.statements.length === 0 && parsed.syntaxErrors.length === 0) {
    push('syntax-error', 'empty', 0, 0, {});
  }

  for (const rule of RULES_BY_ID.values()) {
    if (rule.meta.kind !== 'statement' || !('check' in rule) || severityOf(rule.meta.id, options.severities) === 'off') continue;
    runRule(rule as StatementRule, model, options, source, (messageId, statement, offset, data, fix) => {
      push(rule.meta.id, messageId, offset, topLevelStart(statement), data, { statement, fix });
    });
  }

  const directives = readIgnoreDirectives(source, parsed.gaps);
  const findings = applyIgnores(pending, directives, parsed, source, push);
  const laterStageIgnores = new Set(
    directives.filter((d) => d.scope === 'file').flatMap((d) => d.rules.filter((rule) => decidedLater(rule))),
  );
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  const firstStatement = parsed.statements[0]?.start ?? source.bytes.length;
  const firstError = parsed.syntaxErrors[0]?.statementStart ?? source.bytes.length;
  return { header: readHeader(source, Math.min(firstStatement, firstError)), laterStageIgnores, source, parsed, model, findings };
}

function runRule(
  rule: StatementRule,
  model: FileModel,
  options: LintOptions,
  source: SourceText,
  emit: (messageId: string, statement: StatementModel, offset: number, data: Record<string, string | number>, fix: StatementFinding['fix']) => void,
): void {
  rule.check({
    model,
    postgresVersion: options.postgresVersion,
    report({ messageId, statement, at, data, fix, fixInPlace }) {
      emit(messageId, statement, locationOf(statement, at), data ?? {}, fix && { rewrite: fix, inPlace: fixInPlace ?? true });
    },
    lineOf: (statement) => positionAt(source, statement.parsed.start).line,
  });
}

/** Byte offset in the file of the clause `at` points to, or of the statement when unknown. */
function locationOf(statement: StatementModel, at: { location?: number } | Node | undefined): number {
  const { start, locationBase } = statement.parsed;
  if (!at || locationBase < 0) return start;
  let location = (at as { location?: number }).location;
  if (location === undefined) {
    const body = Object.values(at)[0] as { location?: number } | undefined;
    location = typeof body === 'object' && body !== null ? body.location : undefined;
  }
  return location === undefined || location < 0 ? start : locationBase + location;
}

function applyIgnores(
  pending: PendingFinding[],
  directives: IgnoreDirective[],
  parsed: ParsedFile,
  source: SourceText,
  push: (ruleId: string, messageId: string, offset: number, anchor: number, data: MessageData) => void,
): Finding[] {
  const topLevelStarts = [
    ...parsed.statements.filter((s) => s.origin === 'file').map((s) => s.start),
    ...parsed.syntaxErrors.map((e) => e.statementStart),
  ].sort((a, b) => a - b);
  const targetOf = (directive: IgnoreDirective): number | undefined =>
    directive.scope === 'file' || directive.insideStatement ? undefined : topLevelStarts.find((start) => start >= directive.end);

  // Usage is tracked per rule name: a stale name in a directive hides the next real problem.
  const used = new Map<IgnoreDirective, Set<string>>();
  const kept = pending.filter(({ finding, anchor }) => {
    const directive = directives.find(
      (d) => d.rules.includes(finding.rule) && (d.scope === 'file' || (targetOf(d) !== undefined && targetOf(d) === anchor)),
    );
    if (directive) {
      const rules = used.get(directive) ?? new Set<string>();
      rules.add(finding.rule);
      used.set(directive, rules);
    }
    return directive === undefined;
  });

  const firstUnusedIgnore = pending.length;
  for (const directive of directives) {
    const unknown = directive.rules.filter((rule) => !RULES_BY_ID.has(rule));
    // Set and database rules report after this stage: whether they suppress something is not known here.
    const idle = directive.rules.filter((rule) => RULES_BY_ID.has(rule) && !decidedLater(rule) && !used.get(directive)?.has(rule));
    if (directive.rules.length === 0) {
      push('unused-ignore', 'no-rules', directive.offset, directive.offset, {});
    } else if (directive.insideStatement && directive.scope === 'statement') {
      push('unused-ignore', 'inside-statement', directive.offset, directive.offset, { rules: directive.rules.join(', ') });
    } else if (unknown.length > 0) {
      push('unused-ignore', 'unknown-rule', directive.offset, directive.offset, { rules: unknown.join(', ') });
    } else if (idle.length > 0) {
      const target = targetOf(directive);
      push('unused-ignore', 'suppresses-nothing', directive.offset, directive.offset, {
        rules: idle.join(', '),
        scope: directive.scope === 'file' ? 'this file' : target === undefined ? 'any statement (none follows it)' : `the statement at line ${positionAt(source, target).line}`,
      });
    }
  }
  // push() appended the unused-ignore findings to `pending`; they are never themselves ignorable.
  return [...kept, ...pending.slice(firstUnusedIgnore)].map((p) => p.finding);
}

/** Rules whose findings come from a later stage (set rules, database rules). */
function decidedLater(ruleId: string): boolean {
  const kind = RULES_BY_ID.get(ruleId)?.meta.kind;
  return kind === 'set' || kind === 'database';
}

/** A finding about a statement, with the rule's fix for it. */
interface StatementFinding {
  statement: StatementModel;
  fix: { rewrite: (statementText: string) => string | undefined; inPlace: boolean } | undefined;
}

/** The statement's text and end, its fix, and the fix as whole lines where it applies in place. */
function statementFields(source: SourceText, { statement, fix }: StatementFinding) {
  const { start, end, origin } = statement.parsed;
  const text = sliceText(source, start, end);
  const fixed = fix?.rewrite(text);
  // Offsets inside a DO block's body are the body's, not always the file's: no lines are replaced there.
  const suggestion = fixed !== undefined && fix?.inPlace && origin === 'file' ? lineReplacement(source, start, end, fixed) : undefined;
  return {
    statement: text,
    end: positionAt(source, lastTokenEnd(source, start, end)),
    ...(fixed === undefined ? {} : { fix: fixed }),
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

function describeErrorPosition(source: SourceText, statementStart: number, errorOffset: number): string {
  const at = positionAt(source, Math.max(errorOffset, statementStart));
  return `line ${at.line}, column ${at.column}`;
}
