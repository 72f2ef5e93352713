// SARIF for code scanning: the rule's help panel shows the safe alternative (GitHub renders
// `help.markdown`), each rule has a name distinct from its id, and no `security-severity` unless asked:
// migration risks are not security alerts, and "fail on high security alerts" protections would count
// them as such.

import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/format-sarif.js';
import { fullReport } from './reports.js';

interface SarifRule {
  id: string;
  name: string;
  help: { text: string; markdown: string };
  properties: Record<string, unknown>;
}

function rulesOf(sarif: string): SarifRule[] {
  return (JSON.parse(sarif) as { runs: Array<{ tool: { driver: { rules: SarifRule[] } } }> }).runs[0]!.tool.driver.rules;
}

describe('formatSarif', () => {
  it('gives each rule a help panel with the safe alternative, and a name that is not its id', () => {
    const rule = rulesOf(formatSarif(fullReport())).find((candidate) => candidate.id === 'require-concurrent-index-creation')!;
    expect(rule.name).toBe('RequireConcurrentIndexCreation');
    expect(rule.help.markdown).toContain('**Safe alternative:** Use CREATE INDEX CONCURRENTLY, outside a transaction\\.');
    expect(rule.help.markdown).toContain('[Rule documentation](https://github.com/pg-migration-gate/pg-migration-gate/blob/main/docs/rules/require-concurrent-index-creation.md)');
    expect(rule.help.text).toContain('Safe alternative: Use CREATE INDEX CONCURRENTLY, outside a transaction.');
  });

  it('has no security-severity by default, and the risk as one when asked', () => {
    const plain = rulesOf(formatSarif(fullReport()));
    expect(plain.every((rule) => !('security-severity' in rule.properties))).toBe(true);
    const asked = rulesOf(formatSarif(fullReport(), { securitySeverity: true }));
    expect(asked.find((rule) => rule.id === 'require-concurrent-index-creation')!.properties['security-severity']).toBe('8.0');
  });

  it('keeps the 2.1.0 shape code scanning reads: version, schema, one run with a driver and located results', () => {
    const sarif = JSON.parse(formatSarif(fullReport())) as Record<string, unknown> & { runs: Array<{ results: Array<Record<string, unknown>> }> };
    expect(sarif['version']).toBe('2.1.0');
    expect(sarif['$schema']).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    for (const result of sarif.runs[0]!.results) {
      expect(result).toMatchObject({
        ruleId: expect.any(String),
        ruleIndex: expect.any(Number),
        level: expect.stringMatching(/^(error|warning|note)$/),
        message: { text: expect.any(String) },
        locations: [{ physicalLocation: { artifactLocation: { uri: expect.stringMatching(/^migrations\//), uriBaseId: '%SRCROOT%' }, region: { startLine: expect.any(Number), startColumn: expect.any(Number) } } }],
      });
    }
  });
});
