import { testRule } from '../../test/rule-tester.js';

testRule('prefer-timestamptz', {
  valid: [
    { sql: 'CREATE TABLE events (\n  created_at timestamptz NOT NULL DEFAULT now()\n);' },
    { sql: 'CREATE TABLE events (\n  created_at timestamp with time zone,\n  updated_at timestamptz(3)\n);' },
    { name: 'date and time are other types', sql: 'CREATE TABLE events (\n  day date,\n  at_time time\n);' },
    { name: 'converting to timestamptz', sql: 'ALTER TABLE events ALTER COLUMN created_at TYPE timestamptz;' },
    { name: 'a cast in a query is not a column', sql: "SELECT now()::timestamp;" },
    { name: 'a user type named timestamp', sql: 'CREATE TABLE t (\n  at app.timestamp\n);' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE events (\n  id bigint,\n  created_at timestamp NOT NULL\n);',
      findings: [{ line: 3, column: 3, message: 'Column created_at of events is timestamp without time zone' }],
    },
    {
      name: 'spelled out, with a precision',
      sql: 'CREATE TABLE events (\n  a timestamp without time zone,\n  b timestamp(3)\n);',
      findings: [{ line: 2, column: 3 }, { line: 3, column: 3 }],
    },
    {
      name: 'Prisma DateTime default',
      sql: 'CREATE TABLE "Post" (\n  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP\n);',
      findings: [{ line: 2, column: 3, message: 'createdAt of Post' }],
    },
    {
      name: 'ADD COLUMN',
      sql: 'ALTER TABLE events\n  ADD COLUMN deleted_at timestamp;',
      findings: [{ line: 2, column: 14 }],
    },
    {
      name: 'ALTER COLUMN TYPE',
      sql: 'ALTER TABLE events\n  ALTER COLUMN created_at TYPE timestamp USING created_at AT TIME ZONE \'UTC\';',
      findings: [{ line: 2, column: 16, message: 'created_at of events' }],
    },
  ],
});
