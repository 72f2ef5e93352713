// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif). Paths are relative with
// forward slashes under %SRCROOT%, which is how code scanning maps results onto the repository.

import { RULES_BY_ID } from '../rules/index.js';
import { docsUrl } from '../rules/rule.js';
import { HOMEPAGE, TOOL_NAME, VERSION } from '../version.js';
import { escapeMarkdown } from './markdown-escape.js';
import type { Report, ReportFinding } from './report.js';
import type { Severity } from '../types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY = { high: '8.0', medium: '5.0', low: '2.0' } as const;

export interface SarifOptions {
  /**
   * Add `security-severity` to the rules. Off by default: these are not security alerts, and code
   * scanning's "fail on high security alerts" protection would count them as such.
   */
  securitySeverity?: boolean;
}

export function formatSarif(report: Report, options: SarifOptions = {}): string {
  const usedRuleIds = [...new Set(report.migrations.flatMap((m) => m.findings.map((f) => f.rule)))].sort();
  const ruleIndex = new Map(usedRuleIds.map((id, index) => [id, index]));
  // The help panel shows the rule's help: the safe alternative of its first finding here, concrete.
  const firstHelp = new Map<string, string>();
  for (const finding of report.migrations.flatMap((m) => m.findings)) if (!firstHelp.has(finding.rule)) firstHelp.set(finding.rule, finding.help);
  const rules = usedRuleIds.map((id) => {
    const meta = RULES_BY_ID.get(id)?.meta;
    const description = meta?.description ?? id;
    const help = firstHelp.get(id) ?? '';
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: description },
      fullDescription: { text: description },
      helpUri: docsUrl(id),
      help: {
        text: `${description}\n\nSafe alternative: ${help}\n\nRule documentation: ${docsUrl(id)}`,
        markdown: `**${escapeMarkdown(description)}**\n\n**Safe alternative:** ${escapeMarkdown(help)}\n\n[Rule documentation](${docsUrl(id)})`,
      },
      defaultConfiguration: { level: meta && meta.severity !== 'off' ? LEVEL[meta.severity] : 'note' },
      properties: {
        tags: ['postgresql', 'migration'],
        ...(meta && options.securitySeverity ? { 'security-severity': SECURITY_SEVERITY[meta.risk] } : {}),
      },
    };
  });
  const results = report.migrations.flatMap((migration) =>
    migration.findings.map((finding) => ({
      ruleId: finding.rule,
      ruleIndex: ruleIndex.get(finding.rule),
      level: LEVEL[finding.severity],
      message: { text: `${finding.message} ${finding.help}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(migration.path), uriBaseId: '%SRCROOT%' },
            region: regionOf(finding),
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: HOMEPAGE, rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root' } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/**
 * Where the finding is, to the end of its statement when it has one (so a multi-line statement is
 * underlined whole). SARIF's endColumn is the column just past the region, as the finding's is.
 */
function regionOf(finding: ReportFinding) {
  const start = { startLine: finding.line, startColumn: finding.column };
  const { endLine, endColumn } = finding;
  if (endLine === undefined || endColumn === undefined) return start;
  const endsAfterStart = endLine > finding.line || (endLine === finding.line && endColumn > finding.column);
  return endsAfterStart ? { ...start, endLine, endColumn } : start;
}

/** `require-concurrent-index-creation` is named RequireConcurrentIndexCreation: SARIF wants a name distinct from the id. */
function ruleName(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function toUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
