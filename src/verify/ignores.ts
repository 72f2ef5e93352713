// Inline ignores for database findings. The lint stage leaves directives that name set or
// database rules to the stage that decides them, so `-- pg-migration-gate-ignore table-rewrite --
// 40 rows, reviewed` before a statement (or `-ignore-file`) is honoured here, with the same
// meaning: a statement directive covers the next top-level statement. Here too a directive that
// suppresses nothing is reported (`unused-ignore`), so a stale one does not hide the next problem;
// only for the rules whose checks really ran on the file.

import type { MigrationScript } from '../db/script.js';
import { RULES_BY_ID } from '../rules/index.js';
import { readIgnoreDirectives, type IgnoreDirective } from '../sql/ignores.js';
import { parseSource } from '../sql/parse.js';
import { positionAt } from '../sql/source.js';

export interface UnusedIgnore {
  /** Database rules the directive names that it suppressed nothing of. */
  rules: string[];
  line: number;
  column: number;
  /** `this file`, or `the statement at line N`. */
  scope: string;
}

export class DatabaseIgnores {
  private readonly directives: IgnoreDirective[] = [];
  private readonly targets = new Map<IgnoreDirective, number | undefined>();
  private readonly used = new Map<IgnoreDirective, Set<string>>();

  constructor(private readonly script: MigrationScript) {
    if (!script.source.text.includes('pg-migration-gate-ignore')) return;
    const parsed = parseSource(script.source);
    const starts = [
      ...parsed.statements.filter((statement) => statement.origin === 'file').map((statement) => statement.start),
      ...parsed.syntaxErrors.map((error) => error.statementStart),
    ].sort((a, b) => a - b);
    for (const directive of readIgnoreDirectives(script.source, parsed.gaps)) {
      // Written inside a statement, it covers nothing; the lint stage reports that.
      if (directive.scope === 'statement' && directive.insideStatement) continue;
      this.directives.push(directive);
      this.targets.set(directive, directive.scope === 'file' ? undefined : starts.find((start) => start >= directive.end));
    }
  }

  /** Whether `rule` is ignored for the statement starting at byte `statementStart`; records the use. */
  ignores(rule: string, statementStart: number): boolean {
    const directive = this.directives.find(
      (d) => d.rules.includes(rule) && (d.scope === 'file' || (this.targets.get(d) !== undefined && this.targets.get(d) === statementStart)),
    );
    if (!directive) return false;
    const rules = this.used.get(directive) ?? new Set<string>();
    rules.add(rule);
    this.used.set(directive, rules);
    return true;
  }

  /** Directives naming database rules in `judged` (whose checks ran on the whole file) that suppressed nothing. */
  unused(judged: ReadonlySet<string>): UnusedIgnore[] {
    const unused: UnusedIgnore[] = [];
    for (const directive of this.directives) {
      const idle = directive.rules.filter((rule) => RULES_BY_ID.get(rule)?.meta.kind === 'database' && judged.has(rule) && !this.used.get(directive)?.has(rule));
      if (idle.length === 0) continue;
      const target = this.targets.get(directive);
      const scope =
        directive.scope === 'file' ? 'this file' : target === undefined ? 'any statement (none follows it)' : `the statement at line ${positionAt(this.script.source, target).line}`;
      unused.push({ rules: idle, ...positionAt(this.script.source, directive.offset), scope });
    }
    return unused;
  }
}
