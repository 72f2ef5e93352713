import { testRule } from '../../test/rule-tester.js';

testRule('ban-copy-program', {
  valid: [
    { name: 'COPY FROM STDIN runs nothing on the server', sql: 'COPY users (id, email) FROM STDIN WITH (FORMAT csv);' },
    { name: 'COPY TO STDOUT', sql: 'COPY (SELECT id FROM users) TO STDOUT;' },
  ],
  invalid: [
    {
      sql: "COPY users FROM PROGRAM 'curl -s https://example.com/users.csv';",
      findings: [{ line: 1, column: 1, message: 'FROM PROGRAM runs the shell command `curl -s https://example.com/users.csv`' }],
    },
    {
      name: 'TO PROGRAM; multi-line, not on line 1',
      sql: "SELECT 1;\n\n  COPY (SELECT * FROM users)\n    TO PROGRAM 'gzip > /tmp/users.gz';",
      findings: [{ line: 3, column: 3, message: 'TO PROGRAM' }],
    },
    {
      name: 'long commands are cut in the message',
      sql: `COPY t FROM PROGRAM '${'x'.repeat(100)}';`,
      findings: [{ line: 1, column: 1, message: `\`${'x'.repeat(59)}…\`` }],
    },
  ],
});
