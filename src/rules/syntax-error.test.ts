// More parser edge cases are in test/sql/parse.test.ts; bad files are in test/cli/cli.test.ts.
import { testRule } from '../../test/rule-tester.js';

testRule('syntax-error', {
  valid: [
    { sql: 'SELECT 1;' },
    { name: 'Drizzle breakpoints are comments', sql: 'SELECT 1;--> statement-breakpoint\nSELECT 2;' },
    { name: 'a DO block with valid PL/pgSQL', sql: 'DO $$ BEGIN PERFORM 1; END $$;' },
  ],
  invalid: [
    { sql: 'SELECT 1;\nALTER TABLE t ADD COLUMN;\nSELECT 2;', findings: [{ line: 2, column: 25, message: 'syntax error at or near ";"' }] },
    { name: 'an empty file', sql: '', findings: [{ line: 1, column: 1, message: 'no SQL statement' }] },
    { name: 'an unterminated string', sql: "SELECT 1;\n\nSELECT 'abc;\n", findings: [{ line: 3, column: 8, message: 'unterminated quoted string' }] },
    {
      name: 'the finding sits where its message says, not at the statement start',
      sql: 'CREATE TABLE orders (id int, total numeric(10,2) NOT NULL DEFAULT 0,, note text);',
      findings: [{ line: 1, column: 69, message: 'line 1, column 69' }],
    },
  ],
});
