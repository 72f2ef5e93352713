// The shape every rule module has. A rule declares its messages in a table (problem + help) and
// reports message ids; the engine fills in severity from config, the location, and the text.

import type { Node } from 'libpg-query';
import type { Config } from '../config.js';
import type { FileModel, StatementModel } from '../lint/file-model.js';
import type { MigrationSetView } from '../lint/set-model.js';
import type { Risk, Severity, SeveritySetting } from '../types.js';
import type { DiscoveryProblem } from '../discover/index.js';

export const DOCS_BASE_URL = 'https://github.com/pg-migration-gate/pg-migration-gate/blob/main/docs/rules/';

export interface MessageTemplate {
  /** The problem, one sentence; `{{name}}` is filled from the report's data. */
  message: string;
  /** The safe alternative, as an instruction. */
  help: string;
  /**
   * This message's own default severity, where the same rule is more or less serious by case (a
   * late migration Prisma still applies is a warning; one golang-migrate never applies, an error).
   * The config's setting for the rule, when there is one, wins over it.
   */
  severity?: Severity;
}

export interface RuleMeta<MessageId extends string = string> {
  id: string;
  description: string;
  /** Default severity; `off` rules run only when the config turns them on. */
  severity: SeveritySetting;
  risk: Risk;
  /**
   * `statement`: static, per file. `engine`: reported by the lint engine itself (syntax errors,
   * unused ignores) rather than by a check over statements. `set`: over the migration set and the
   * git base (naming, ordering, headers, edited history). `database`: reported by the database
   * stage (apply, lock trace, rollback round-trip), which needs a Postgres. `plan`: reported by
   * `plan` from a read-only look at the target database (src/plan).
   */
  kind: 'statement' | 'engine' | 'set' | 'database' | 'plan';
  /**
   * The danger is a lock held while the statement works through the whole table (a rewrite, an
   * index build, a validating scan), so it grows with the table: `plan` weighs these findings by the
   * target's size of the table (plan/size-risk.ts).
   */
  scalesWithTableSize?: boolean;
  messages: Record<MessageId, MessageTemplate>;
}

export interface ReportDescriptor<MessageId extends string> {
  messageId: MessageId;
  statement: StatementModel;
  /** The clause to point at (any AST node with a `location`); the statement start when absent. */
  at?: { location?: number } | Node;
  data?: Record<string, string | number>;
  /**
   * Where the fix is mechanical: the statement rewritten safely from its text as written (so
   * identifiers keep the file's quoting and case), as SQL a reviewer can copy.
   */
  fix?: (statementText: string) => string | undefined;
  /**
   * Whether the fix can replace the statement where it stands (false: it is the statement to
   * write, but elsewhere, e.g. CONCURRENTLY for a statement inside a transaction). Only a fix in
   * place becomes a review suggestion. Default true.
   */
  fixInPlace?: boolean;
}

export interface RuleContext<MessageId extends string> {
  model: FileModel;
  /** Target Postgres major version (config `postgres-version`). */
  postgresVersion: number;
  report(descriptor: ReportDescriptor<MessageId>): void;
  /** The 1-based line of `statement` in the file, for messages that point at other statements. */
  lineOf(statement: StatementModel): number;
}

/** A static rule: a check over the statements of one file. */
export interface StatementRule<MessageId extends string = string> {
  meta: RuleMeta<MessageId> & { kind: 'statement' };
  check(context: RuleContext<MessageId>): void;
}

/** A rule whose findings the lint engine itself produces (its meta and messages live here). */
export interface EngineRule<MessageId extends string = string> {
  meta: RuleMeta<MessageId> & { kind: 'engine' };
}

export interface SetReportDescriptor<MessageId extends string> {
  messageId: MessageId;
  /** File the finding is in, as reported (a migration, a journal, a deleted file). */
  path: string;
  line?: number;
  column?: number;
  data?: Record<string, string | number>;
  /**
   * What the finding is about, so that `check` can tell what the change brings from what was
   * already merged: a problem of the directory found by discovery, or (the default) the file at `path`.
   */
  subject?: { problem: DiscoveryProblem };
}

export interface SetRuleContext<MessageId extends string> {
  set: MigrationSetView;
  config: Config;
  report(descriptor: SetReportDescriptor<MessageId>): void;
}

/** A rule over the migration set: naming, order, headers, history edited after merge. */
export interface SetRule<MessageId extends string = string> {
  meta: RuleMeta<MessageId> & { kind: 'set' };
  check(context: SetRuleContext<MessageId>): void;
}

export function defineSetRule<MessageId extends string>(rule: SetRule<MessageId>): SetRule<MessageId> {
  return rule;
}

/** A rule whose findings the database stage produces from what a real Postgres did. */
export interface DatabaseRule<MessageId extends string = string> {
  meta: RuleMeta<MessageId> & { kind: 'database' };
}

/** A rule whose findings `plan` produces from the target database's tracking table and sessions. */
export interface PlanRule<MessageId extends string = string> {
  meta: RuleMeta<MessageId> & { kind: 'plan' };
}

export function definePlanRule<MessageId extends string>(rule: PlanRule<MessageId>): PlanRule<MessageId> {
  return rule;
}

export type Rule = StatementRule<string> | EngineRule<string> | SetRule<string> | DatabaseRule<string> | PlanRule<string>;

/** Declares a static rule with its message ids checked against its own message table. */
export function defineRule<MessageId extends string>(rule: StatementRule<MessageId>): StatementRule<MessageId> {
  return rule;
}

export function defineEngineRule<MessageId extends string>(rule: EngineRule<MessageId>): EngineRule<MessageId> {
  return rule;
}

export function defineDatabaseRule<MessageId extends string>(rule: DatabaseRule<MessageId>): DatabaseRule<MessageId> {
  return rule;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
