// Turns a rule's message id into a Finding: severity from the config (or the rule's default),
// risk from the rule, text from the rule's own message table. Every stage (static lint, set
// rules, the database stage) reports through this, so a finding looks the same wherever it
// comes from.

import { RULES_BY_ID } from '../rules/index.js';
import type { MessageTemplate } from '../rules/rule.js';
import type { Finding, LineReplacement, Position, SeveritySetting } from '../types.js';

export type MessageData = Record<string, string | number>;

export function severityOf(ruleId: string, severities: ReadonlyMap<string, SeveritySetting>): SeveritySetting {
  return severities.get(ruleId) ?? RULES_BY_ID.get(ruleId)?.meta.severity ?? 'off';
}

/** The finding, or undefined when the rule is off. */
export function createFinding(
  severities: ReadonlyMap<string, SeveritySetting>,
  report: {
    rule: string;
    messageId: string;
    path: string;
    data?: MessageData;
    statement?: string;
    fix?: string;
    end?: Position;
    suggestion?: LineReplacement;
  } & Position,
): Finding | undefined {
  const rule = RULES_BY_ID.get(report.rule);
  const template = (rule?.meta.messages as Record<string, MessageTemplate> | undefined)?.[report.messageId];
  if (!rule || !template) throw new Error(`rule ${report.rule} has no message '${report.messageId}'`);
  const severity = severities.get(report.rule) ?? template.severity ?? rule.meta.severity;
  if (severity === 'off') return undefined;
  const data = report.data ?? {};
  return {
    rule: report.rule,
    severity,
    risk: rule.meta.risk,
    line: report.line,
    column: report.column,
    message: fill(template.message, data),
    help: fill(template.help, data),
    path: report.path,
    ...(report.statement === undefined ? {} : { statement: report.statement }),
    ...(report.fix === undefined ? {} : { fix: report.fix }),
    ...(report.end === undefined ? {} : { endLine: report.end.line, endColumn: report.end.column }),
    ...(report.suggestion === undefined ? {} : { suggestion: report.suggestion }),
  };
}

function fill(template: string, data: MessageData): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
