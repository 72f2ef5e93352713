import { testDatabaseRule } from '../../test/db-rule-tester.js';

const USERS = 'CREATE TABLE users (id int PRIMARY KEY, email varchar(100), score int);';

testDatabaseRule('table-rewrite', {
  valid: [
    { name: 'ADD COLUMN with a constant default (no rewrite since PG 11)', before: [USERS], sql: "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';\n" },
    { name: 'widening a varchar is binary coercible', before: [USERS], sql: 'ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\n' },
    { name: 'TRUNCATE swaps the file but rewrites nothing', before: [USERS], sql: 'TRUNCATE users;\n' },
    { name: 'a type change on a table created in the same migration', sql: 'CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a TYPE bigint;\n' },
    { name: 'an ignore before the statement, with its reason', before: [USERS], sql: '-- pg-migration-gate-ignore table-rewrite -- 40 rows, reviewed\nALTER TABLE users ALTER COLUMN score TYPE bigint;\n' },
    { name: 'a file-wide ignore', before: [USERS], sql: '-- pg-migration-gate-ignore-file table-rewrite -- maintenance window\nSELECT 1;\nALTER TABLE users ALTER COLUMN score TYPE bigint;\n' },
  ],
  invalid: [
    {
      name: 'an ignore covers only the statement after it',
      before: [USERS],
      sql: '-- pg-migration-gate-ignore table-rewrite -- not this one\nSELECT 1;\nALTER TABLE users ALTER COLUMN score TYPE bigint;\n',
      findings: [{ line: 3, column: 1 }],
    },
    { name: 'int to bigint rewrites the table', before: [USERS], sql: "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN score TYPE bigint;\n", findings: [{ line: 2, column: 1, message: 'rewrites existing table users' }] },
    { name: 'VACUUM FULL runs outside a transaction and still shows', before: [USERS], sql: 'VACUUM FULL users;\n', findings: [{ line: 1, message: 'table users' }] },
    {
      name: 'a rewrite in the second statement of one transaction, after the lock was taken',
      before: [USERS],
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN note text;\nALTER TABLE users ALTER COLUMN score TYPE numeric;\nCOMMIT;\n',
      findings: [{ line: 3, message: 'users' }],
    },
  ],
});
