// One annotation per finding, on its file and line, at the level of its severity. Pure: the action
// hands each one to core.error / core.warning / core.notice. Paths must be relative to the
// repository root (see github/repo-paths.ts) for GitHub to place them on the diff.

import { effectiveRisk, type Report } from './report.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: { file: string; startLine: number; startColumn: number; title: string };
}

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function annotationsFor(report: Report): Annotation[] {
  return report.migrations.flatMap((migration) =>
    migration.findings.map((finding) => ({
      level: LEVEL[finding.severity],
      message: `${finding.message}\nSafe alternative: ${finding.help}`,
      properties: {
        file: migration.path,
        startLine: finding.line,
        startColumn: finding.column,
        title: `${finding.rule} (${effectiveRisk(finding)} risk)`,
      },
    })),
  );
}
