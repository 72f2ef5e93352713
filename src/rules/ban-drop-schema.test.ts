import { testRule } from '../../test/rule-tester.js';

testRule('ban-drop-schema', {
  valid: [
    { name: 'DROP TABLE is not DROP SCHEMA', sql: 'DROP TABLE IF EXISTS reporting.daily_totals;' },
    { name: 'creating a schema', sql: 'CREATE SCHEMA IF NOT EXISTS reporting;' },
    {
      name: 'schema created earlier in the same file',
      sql: 'CREATE SCHEMA staging;\nCREATE TABLE staging.import (id int);\nDROP SCHEMA staging CASCADE;',
    },
  ],
  invalid: [
    {
      sql: 'DROP SCHEMA reporting;',
      findings: [{ line: 1, column: 1, message: 'removes existing schema reporting' }],
    },
    {
      name: 'CASCADE is named in the message; multi-line, not on line 1',
      sql: 'SELECT 1;\n\n  DROP SCHEMA IF EXISTS\n    legacy CASCADE;',
      findings: [{ line: 3, column: 3, message: 'CASCADE permanently deletes existing schema legacy' }],
    },
    {
      name: 'several schemas in one statement: one finding naming the existing ones',
      sql: 'CREATE SCHEMA tmp;\nDROP SCHEMA tmp, archive, audit;',
      findings: [{ line: 2, column: 1, message: 'schemas archive, audit' }],
    },
    {
      name: 'CREATE SCHEMA IF NOT EXISTS may have found an existing schema',
      sql: 'CREATE SCHEMA IF NOT EXISTS archive;\nDROP SCHEMA archive CASCADE;',
      findings: [{ line: 2, column: 1, message: 'archive' }],
    },
  ],
});
