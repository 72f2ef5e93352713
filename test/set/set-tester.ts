// Builds a migration set view from literal files (a working tree and, optionally, a base) without
// git, and runs one set rule over it: for table-driven set-rule tests.

import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveSeverities, type Config } from '../../src/config.js';
import { configSchema } from '../../src/config/schema.js';
import { RULES_BY_ID } from '../../src/rules/index.js';
import { discoverMigrations, type LayoutSetting } from '../../src/discover/index.js';
import { jobOf } from '../../src/lint/collect-files.js';
import { lintFiles } from '../../src/lint/lint-files.js';
import { lintSet } from '../../src/lint/set-lint.js';
import { buildSetView } from '../../src/lint/set-view.js';
import type { Finding } from '../../src/types.js';

export interface SetCase {
  /** Files of the working tree, relative to the migrations directory. */
  files: Record<string, string>;
  /** Files at the base; when given, files identical to the base are merged, others new or modified. */
  base?: Record<string, string>;
  layout?: LayoutSetting;
  config?: Record<string, unknown>;
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
}

/** Findings of rule `ruleId` for the case; paths are relative to the working tree's migrations dir. */
export async function runSetRule(ruleId: string, testCase: SetCase): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), 'pgmg-set-'));
  try {
    // Default severities (messages may have their own); a rule that is off by default is turned on.
    const enable = RULES_BY_ID.get(ruleId)?.meta.severity === 'off' ? { [ruleId]: 'warning' } : {};
    const config: Config = configSchema.parse({ ...testCase.config, rules: { ...enable, ...(testCase.config?.['rules'] as object | undefined) } });
    const layout = testCase.layout ?? 'auto';
    writeTree(join(root, 'head'), testCase.files);
    const discovery = await discoverMigrations('head', { cwd: root, layout, rollbackSuffix: config.rollback.suffix });
    let baseDiscovery;
    if (testCase.base) {
      mkdirSync(join(root, 'base'));
      writeTree(join(root, 'base'), testCase.base);
      baseDiscovery = await discoverMigrations('base', { cwd: root, layout: discovery.layout, rollbackSuffix: config.rollback.suffix });
    }
    const checked = discovery.migrations
      .map((migration) => {
        const name = migration.relativePath;
        if (!testCase.base || !(name in testCase.base)) return { migration, status: 'new' as const };
        return testCase.base[name] === testCase.files[name] ? undefined : { migration, status: 'modified' as const };
      })
      .filter((entry) => entry !== undefined);
    const severities = resolveSeverities(config);
    const linted = await lintFiles(checked.map(({ migration }) => jobOf(migration)), { postgresVersion: config['postgres-version'], severities });
    const view = buildSetView({
      discovery,
      baseDiscovery,
      changes: undefined,
      checked,
      linted: new Map(linted.map((file) => [file.path, file])),
    });
    return lintSet(view, config, severities)
      .map(({ finding }) => finding)
      .filter((finding) => finding.rule === ruleId)
      .map((finding) => ({ ...finding, path: finding.path.replace(/^head\//, '') }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export interface SetRuleCase extends SetCase {
  name: string;
}

export interface InvalidSetRuleCase extends SetRuleCase {
  /** `path` is compared when given; `help`, when given, must be part of the help text. */
  findings: Array<{ path?: string; line: number; column: number; message: string; help?: string }>;
}

/** Table-driven set-rule tests, like testRule: `valid` cases stay silent, `invalid` ones give exactly these findings. */
export function testSetRule(ruleId: string, cases: { valid: SetRuleCase[]; invalid: InvalidSetRuleCase[] }): void {
  describe('valid', () => {
    it.each(cases.valid.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
      expect(await runSetRule(ruleId, testCase)).toEqual([]);
    });
  });
  describe('invalid', () => {
    it.each(cases.invalid.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
      const findings = await runSetRule(ruleId, testCase);
      const where = (f: { path?: string; line: number; column: number }, withPath: boolean) => ({ ...(withPath ? { path: f.path } : {}), line: f.line, column: f.column });
      testCase.findings.forEach((expected, i) => expect(where(findings[i] ?? { line: 0, column: 0 }, expected.path !== undefined)).toEqual(where(expected, expected.path !== undefined)));
      expect(findings).toHaveLength(testCase.findings.length);
      testCase.findings.forEach((expected, i) => {
        expect(findings[i]!.message).toContain(expected.message);
        expect(findings[i]!.help.length).toBeGreaterThan(0);
        if (expected.help) expect(findings[i]!.help).toContain(expected.help);
      });
    });
  });
}
