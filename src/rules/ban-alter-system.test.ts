import { testRule } from '../../test/rule-tester.js';

testRule('ban-alter-system', {
  valid: [
    { name: 'a session setting', sql: "SET statement_timeout = '5s';" },
    { name: 'a per-database setting', sql: "ALTER DATABASE app SET statement_timeout = '5s';" },
    { name: 'a per-role setting', sql: "ALTER ROLE app_user SET work_mem = '64MB';" },
  ],
  invalid: [
    {
      sql: "ALTER SYSTEM SET max_connections = 500;",
      findings: [{ line: 1, column: 1, message: 'ALTER SYSTEM SET max_connections changes the configuration of the whole server' }],
    },
    {
      name: 'multi-line, not on line 1',
      sql: "SELECT 1;\n\n  ALTER SYSTEM\n    RESET work_mem;",
      findings: [{ line: 3, column: 3, message: 'RESET work_mem' }],
    },
    { sql: 'ALTER SYSTEM RESET ALL;', findings: [{ line: 1, column: 1, message: 'RESET ALL' }] },
    {
      sql: 'ALTER SYSTEM SET shared_buffers TO DEFAULT;',
      findings: [{ line: 1, column: 1, message: 'SET shared_buffers TO DEFAULT' }],
    },
  ],
});
