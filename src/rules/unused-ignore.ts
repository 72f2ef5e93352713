// Reported by the lint engine for an ignore directive that names an unknown rule or suppresses
// nothing: a stale ignore hides the next real problem on that statement.

import { defineEngineRule } from './rule.js';

export default defineEngineRule({
  meta: {
    id: 'unused-ignore',
    description: 'Inline ignore directives must name known rules and suppress a finding.',
    severity: 'warning',
    risk: 'low',
    kind: 'engine',
    messages: {
      'unknown-rule': {
        message: 'The ignore directive names a rule that does not exist: {{rules}}.',
        help: 'Use rule ids from `pg-migration-gate rules` (docs/rules/); check for typos.',
      },
      'no-rules': {
        message: 'The ignore directive names no rule.',
        help: 'Name each rule to ignore by its id: `-- pg-migration-gate-ignore rule-id -- reason`.',
      },
      'inside-statement': {
        message: 'The ignore for {{rules}} is written inside a statement, where it applies to nothing.',
        help: 'Move the directive to its own line just above the statement it is meant for; it then covers the whole statement.',
      },
      'suppresses-nothing': {
        message: 'The ignore for {{rules}} suppresses nothing in {{scope}}.',
        help: 'Remove the directive, or move it to the line just above the statement it is meant for.',
      },
    },
  },
});
