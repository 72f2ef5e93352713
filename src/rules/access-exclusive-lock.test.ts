import { FLYWAY_SCOPE } from '../discover/index.js';
import { testDatabaseRule } from '../../test/db-rule-tester.js';

const USERS = 'CREATE TABLE users (id int PRIMARY KEY, email text);';

testDatabaseRule('access-exclusive-lock', {
  valid: [
    { name: 'CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE', before: [USERS], sql: 'CREATE INDEX CONCURRENTLY users_email ON users (email);\n' },
    { name: 'a table created by the migration itself', before: [USERS], sql: 'CREATE TABLE posts (id int);\nALTER TABLE posts ADD COLUMN title text;\n' },
    { name: 'a SHARE lock only', before: [USERS], sql: 'CREATE INDEX users_email ON users (email);\n' },
  ],
  invalid: [
    { name: 'ADD COLUMN on an existing table', before: [USERS], sql: '-- add a column\nALTER TABLE users ADD COLUMN name text;\n', findings: [{ line: 2, column: 1, message: 'ACCESS EXCLUSIVE lock on existing table users: reads and writes wait until the statement finishes' }] },
    {
      name: 'once per statement that takes it first in a transaction',
      before: [USERS, 'CREATE TABLE posts (id int);'],
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;\nDROP TABLE posts;\nCOMMIT;\n',
      findings: [{ line: 2, message: 'table users: reads and writes wait until the transaction commits' }, { line: 4, message: 'table posts' }],
    },
    {
      name: 'in a runner\'s transaction, held until the runner commits',
      before: [USERS],
      sql: 'ALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;\n',
      scope: FLYWAY_SCOPE,
      findings: [{ line: 1, message: 'wait until Flyway commits the migration' }],
    },
  ],
});
