import { testRule } from '../../test/rule-tester.js';

testRule('ban-drop-database', {
  valid: [
    { name: 'DROP SCHEMA is not DROP DATABASE', sql: 'DROP SCHEMA IF EXISTS app_test;' },
    { name: 'creating a database', sql: 'CREATE DATABASE analytics;' },
    { name: 'renaming a database', sql: 'ALTER DATABASE analytics RENAME TO analytics_old;' },
  ],
  invalid: [
    {
      sql: 'DROP DATABASE app_test;',
      findings: [{ line: 1, column: 1, message: 'deletes database app_test' }],
    },
    {
      name: 'multi-line, not on line 1',
      sql: '-- reset\nSELECT 1;\n\n  DROP DATABASE IF EXISTS\n    analytics;',
      findings: [{ line: 4, column: 3, message: 'analytics' }],
    },
    {
      name: 'WITH (FORCE) terminates the sessions first',
      sql: 'DROP DATABASE analytics WITH (FORCE);',
      findings: [{ line: 1, column: 1, message: 'terminates every session connected to database analytics' }],
    },
  ],
});
