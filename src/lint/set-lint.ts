// Runs the set rules over a migration set view and returns their findings, each with what it is
// about (the subject), so that `check` can tell what the change brings from what was merged before.
// Set rules need no parse of their own: headers and findings come from the lint stage.

import type { Config } from '../config.js';
import type { DiscoveryProblem } from '../discover/index.js';
import { RULES } from '../rules/index.js';
import type { SetRule } from '../rules/rule.js';
import type { Finding, SeveritySetting } from '../types.js';
import { createFinding, severityOf } from './findings.js';
import type { MigrationSetView } from './set-model.js';

export interface SetFinding {
  finding: Finding;
  /** A problem found by discovery, or the file the finding is at. */
  subject: { problem: DiscoveryProblem } | { path: string };
}

export function lintSet(set: MigrationSetView, config: Config, severities: ReadonlyMap<string, SeveritySetting>): SetFinding[] {
  const findings: SetFinding[] = [];
  for (const rule of RULES) {
    if (rule.meta.kind !== 'set' || severityOf(rule.meta.id, severities) === 'off') continue;
    (rule as SetRule).check({
      set,
      config,
      report({ messageId, path, line, column, data, subject }) {
        const finding = createFinding(severities, { rule: rule.meta.id, messageId, path, line: line ?? 1, column: column ?? 1, ...(data ? { data } : {}) });
        if (finding) findings.push({ finding, subject: subject ?? { path } });
      },
    });
  }
  return findings;
}
