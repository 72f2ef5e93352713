// The report every output is rendered from (DESIGN.md, "JSON report"). Building it is pure: the
// stages hand over their findings and the report adds the risk per file and for the whole run.

import { RISK_RANK, SEVERITY_RANK, type Finding, type OverallRisk, type Severity } from '../types.js';

export type MigrationStatus = 'new' | 'modified' | 'deleted' | 'base';

export interface ReportFinding {
  rule: string;
  severity: Severity;
  risk: Finding['risk'];
  line: number;
  column: number;
  message: string;
  help: string;
  statement?: string;
}

export interface MigrationReport {
  path: string;
  risk: OverallRisk;
  status: MigrationStatus;
  findings: ReportFinding[];
}

export interface ReportSummary {
  files: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface Report {
  version: 1;
  risk: OverallRisk;
  migrations: MigrationReport[];
  summary: ReportSummary;
}

export interface FileFindings {
  path: string;
  status: MigrationStatus;
  findings: Finding[];
}

/**
 * A file's risk is the highest risk among its findings; an `info` finding is advice, not danger,
 * so it counts at most as `low`.
 */
export function fileRisk(findings: readonly Pick<Finding, 'risk' | 'severity'>[]): OverallRisk {
  let risk: OverallRisk = 'none';
  for (const finding of findings) {
    const effective = finding.severity === 'info' ? 'low' : finding.risk;
    if (RISK_RANK[effective] > RISK_RANK[risk]) risk = effective;
  }
  return risk;
}

export function buildReport(files: readonly FileFindings[]): Report {
  const migrations = files.map(({ path, status, findings }) => ({
    path,
    status,
    risk: fileRisk(findings),
    findings: findings.map(toReportFinding),
  }));
  const all = files.flatMap((file) => file.findings);
  const risk = migrations.reduce<OverallRisk>((max, m) => (RISK_RANK[m.risk] > RISK_RANK[max] ? m.risk : max), 'none');
  return {
    version: 1,
    risk,
    migrations,
    summary: {
      files: files.length,
      findings: all.length,
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
      infos: all.filter((f) => f.severity === 'info').length,
    },
  };
}

function toReportFinding(finding: Finding): ReportFinding {
  const { rule, severity, risk, line, column, message, help, statement } = finding;
  return { rule, severity, risk, line, column, message, help, ...(statement === undefined ? {} : { statement }) };
}

/** Whether any finding reaches the `fail-on` threshold. */
export function failsGate(report: Report, failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return report.migrations.some((m) => m.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]));
}
