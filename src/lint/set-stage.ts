// The set stage of the gate: for each migrations directory, discover it as it is at the base too,
// build the set view from the lint results, and run the set rules.

import { discoveryOptions, type Config } from '../config.js';
import { discoverMigrationsAtRef, type DiscoveryResult, type GitChanges, type Migration } from '../discover/index.js';
import type { Finding, SeveritySetting } from '../types.js';
import type { LintedFile } from './lint-files.js';
import { scopeToChange } from './change-scope.js';
import { lintSet } from './set-lint.js';
import { buildSetView } from './set-view.js';

export interface SetStageInput {
  cwd: string;
  config: Config;
  severities: ReadonlyMap<string, SeveritySetting>;
  /** The base ref `check` compares with; without one, every migration counts as new. */
  base: string | undefined;
  discovery: DiscoveryResult;
  changes: GitChanges | undefined;
  checked: ReadonlyArray<{ migration: Migration; status: 'new' | 'modified' }>;
  /** Lint (and database) results of the checked migrations. */
  linted: ReadonlyMap<string, LintedFile>;
}

/**
 * The set as it is at the base (undefined without a base): git only, so it can run while the stages
 * do. With the set's `changes` (found for the same directory and base), the repository and the base
 * commit they were found in are not asked of git again.
 */
export async function discoverBase(input: Pick<SetStageInput, 'cwd' | 'config' | 'base' | 'discovery'> & { changes?: GitChanges | undefined }): Promise<DiscoveryResult | undefined> {
  const { changes } = input;
  return input.base
    ? await discoverMigrationsAtRef(input.discovery.dir, {
        ref: input.base,
        cwd: input.cwd,
        ...discoveryOptions(input.config),
        layout: input.discovery.layout,
        ...(changes ? { resolved: { location: changes, commit: changes.base } } : {}),
      })
    : undefined;
}

/** `baseDiscovery`: discoverBase's answer, when the caller started it earlier. */
export async function runSetStage(input: SetStageInput, baseDiscovery: Promise<DiscoveryResult | undefined> = discoverBase(input)): Promise<Finding[]> {
  const base = await baseDiscovery;
  const view = buildSetView({ ...input, baseDiscovery: base });
  // A file's `-- pg-migration-gate-ignore-file <set rule>` covers what the set rules say about it.
  const findings = lintSet(view, input.config, input.severities).filter(({ finding }) => !input.linted.get(finding.path)?.laterStageIgnores.has(finding.rule));
  return scopeToChange(findings, { changes: input.changes, baseProblems: base?.problems ?? [] });
}
