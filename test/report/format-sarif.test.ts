// SARIF for code scanning: the rule's help panel shows the safe alternative (GitHub renders
// `help.markdown`), each rule has a name distinct from its id, and no `security-severity` unless asked:
// migration risks are not security alerts, and "fail on high security alerts" protections would count
// them as such.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../src/report/report.js';
import { formatSarif } from '../../src/report/format-sarif.js';
import { validateSchema } from '../json-schema.js';
import { lintSql } from '../lint-helpers.js';
import { fullReport, hostileReport } from './reports.js';

// The SARIF 2.1.0 JSON schema (its last release candidate, 2.1.0-rtm.5, as Microsoft's
// @microsoft/jest-sarif 1.0.0-beta.0 ships it in lib/schemas/sarif-2.1.0-rtm.5.json, byte for byte;
// published at https://raw.githubusercontent.com/schemastore/schemastore/master/src/schemas/json/sarif-2.1.0-rtm.5.json,
// the standard's own copy being https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json).
const SCHEMA = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/sarif-schema-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;

/** A report from a real lint of a Prisma migration whose statements span lines. */
async function multiLineReport(): Promise<Report> {
  const path = 'prisma/migrations/20240101120000_orders/migration.sql';
  const sql = [
    '-- CreateIndex',
    'CREATE INDEX "Order_status_idx"',
    '  ON "Order"("status");',
    '',
    '-- AddForeignKey',
    'ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey"',
    '  FOREIGN KEY ("userId") REFERENCES "User"("id")',
    '  ON DELETE RESTRICT ON UPDATE CASCADE;',
    '',
  ].join('\n');
  const { findings } = await lintSql(sql, { path });
  return buildReport([{ path, status: 'new', findings }]);
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

function regionsOf(sarif: string): Array<{ ruleId: string; region: SarifRegion }> {
  const log = JSON.parse(sarif) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: SarifRegion } }> }> }> };
  return log.runs[0]!.results.map((result) => ({ ruleId: result.ruleId, region: result.locations[0]!.physicalLocation.region }));
}

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

  it('validates against the SARIF 2.1.0 schema: a report with everything, hostile text, real multi-line findings, security-severity on', async () => {
    for (const sarif of [formatSarif(fullReport()), formatSarif(hostileReport()), formatSarif(await multiLineReport(), { securitySeverity: true }), formatSarif(buildReport([]))]) {
      expect(validateSchema(SCHEMA, JSON.parse(sarif))).toEqual([]);
    }
  });

  it('the schema check catches what code scanning would refuse', () => {
    const sarif = JSON.parse(formatSarif(fullReport()));
    sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    sarif.runs[0].results[0].level = 'fatal';
    sarif.runs[0].tool.driver.colour = 'blue';
    expect(validateSchema(SCHEMA, sarif).map((error) => error.path)).toEqual(
      expect.arrayContaining(['/runs/0/tool/driver/colour', '/runs/0/results/0/level', '/runs/0/results/0/locations/0/physicalLocation/region/startLine']),
    );
  });

  it('a multi-line statement is a region to the end of its last token; the start stays at the finding', async () => {
    const regions = regionsOf(formatSarif(await multiLineReport())).filter((result) => result.ruleId !== 'require-lock-timeout');
    expect(regions).toEqual([
      { ruleId: 'require-concurrent-index-creation', region: { startLine: 2, startColumn: 1, endLine: 3, endColumn: 23 } },
      { ruleId: 'constraint-missing-not-valid', region: { startLine: 6, startColumn: 25, endLine: 8, endColumn: 39 } },
    ]);
  });

  it('a finding without a statement end keeps its start only', () => {
    expect(regionsOf(formatSarif(fullReport()))[0]!.region).toEqual({ startLine: 3, startColumn: 1 });
  });
});
