// More ignore cases are in test/lint/ignores.test.ts.
import { testRule } from '../../test/rule-tester.js';

testRule('unused-ignore', {
  valid: [
    { sql: '-- pg-migration-gate-ignore ban-truncate -- emptied on purpose\nTRUNCATE audit_log;' },
    { sql: '-- pg-migration-gate-ignore-file ban-truncate\nTRUNCATE a;\nTRUNCATE b;' },
  ],
  invalid: [
    { name: 'unknown rule', sql: '-- pg-migration-gate-ignore ban-truncat\nTRUNCATE a;', findings: [{ line: 1, column: 1, message: 'names a rule that does not exist: ban-truncat' }] },
    { name: 'nothing to suppress', sql: 'SELECT 1;\n  -- pg-migration-gate-ignore ban-truncate\nSELECT 2;', findings: [{ line: 2, column: 3, message: 'suppresses nothing' }] },
    { name: 'no rule named', sql: '-- pg-migration-gate-ignore -- because\nSELECT 1;', findings: [{ line: 1, column: 1, message: 'names no rule' }] },
    { name: 'inside a statement', sql: 'TRUNCATE\n  -- pg-migration-gate-ignore ban-truncate\n  a;', findings: [{ line: 2, column: 3, message: 'inside a statement' }] },
  ],
});
