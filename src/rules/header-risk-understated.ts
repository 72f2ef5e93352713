// A header's `@risk-level` and `@zero-downtime` are what deploy runbooks and reviewers act on:
// a "low", "zero-downtime" migration is run at noon without a maintenance window. When the gate
// finds more risk than the header declares, the header is wrong, and it is reported where the
// declared value is written.

import { fileRisk } from '../report/report.js';
import { RISK_RANK } from '../types.js';
import { defineSetRule } from './rule.js';
import { describeFindings, riskFindings, WRITE_BLOCKING_RULES } from './util/header-risk.js';
import { parseBoolean, parseRiskLevel } from './util/header-values.js';

export default defineSetRule({
  meta: {
    id: 'header-risk-understated',
    description: 'A new migration\'s declared @risk-level and @zero-downtime must not understate what the gate finds in it.',
    severity: 'warning',
    risk: 'medium',
    kind: 'set',
    messages: {
      'risk-level-below-findings': {
        message: 'The header declares `{{field}}: {{declared}}`, but the gate rates this migration {{computed}} because of {{causes}}.',
        help: 'Make the migration safer (see the findings\' help), or declare `-- {{field}}: {{computed}}` so that reviewers and the deploy plan expect it.',
      },
      'not-zero-downtime': {
        message: 'The header declares `{{field}}: {{declared}}`, but statements here block writes on an existing table: {{causes}}.',
        help: 'Rewrite those statements the non-blocking way (see the findings\' help), or declare `-- {{field}}: false` and plan a maintenance window.',
      },
    },
  },
  check({ set, report }) {
    for (const { migration, status, header, findings } of set.checked) {
      // A modified merged migration gets migration-modified; its header is history.
      if (status !== 'new') continue;
      const relevant = riskFindings(findings);

      const riskField = header.fields.get('risk-level');
      const declared = riskField ? parseRiskLevel(riskField.value) : undefined;
      if (riskField && declared) {
        const computed = fileRisk(relevant);
        if (RISK_RANK[computed] > RISK_RANK[declared]) {
          const causes = relevant.filter((finding) => RISK_RANK[fileRisk([finding])] > RISK_RANK[declared]);
          report({
            messageId: 'risk-level-below-findings',
            path: migration.path,
            line: riskField.line,
            column: riskField.valueColumn,
            data: { field: riskField.written, declared: riskField.value, computed, causes: describeFindings(causes) },
          });
        }
      }

      const downtimeField = header.fields.get('zero-downtime');
      if (downtimeField && parseBoolean(downtimeField.value) === true) {
        const blocking = relevant.filter((finding) => WRITE_BLOCKING_RULES.has(finding.rule));
        if (blocking.length > 0) {
          report({
            messageId: 'not-zero-downtime',
            path: migration.path,
            line: downtimeField.line,
            column: downtimeField.valueColumn,
            data: { field: downtimeField.written, declared: downtimeField.value, causes: describeFindings(blocking) },
          });
        }
      }
    }
  },
});
