// `--format json`: the report contract (shared/report.schema.json), stable field order.

import type { Report } from './report.js';

export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
