import { testDatabaseRule } from '../../test/db-rule-tester.js';

const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);';

testDatabaseRule('rollback-mismatch', {
  valid: [
    { name: 'type, default and index restored', before: [USERS], sql: "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\nALTER TABLE users ALTER COLUMN email SET DEFAULT '';\nCREATE INDEX users_email ON users (email);\n", rollback: 'DROP INDEX users_email;\nALTER TABLE users ALTER COLUMN email DROP DEFAULT;\nALTER TABLE users ALTER COLUMN email TYPE text;\n' },
    { name: 'an enum value order restored by recreating the type', sql: "CREATE TYPE mood AS ENUM ('sad', 'happy');\n", rollback: 'DROP TYPE mood;\n' },
  ],
  invalid: [
    {
      name: 'a type not restored, an index left behind',
      before: [USERS],
      sql: 'ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\nCREATE INDEX users_email ON users (email);\n',
      rollback: '-- rollback\nALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n',
      findings: [{ line: 2, column: 1, message: 'column users.email: type text → character varying(200); index users_email: left behind by the rollback', inRollback: true }],
    },
    {
      name: 'a dropped column comes back at another position, without its NOT NULL',
      before: ['CREATE TABLE users (id bigint, email text NOT NULL, name text);'],
      sql: 'ALTER TABLE users DROP COLUMN email;\n',
      rollback: 'ALTER TABLE users ADD COLUMN email text;\n',
      findings: [{ line: 1, message: 'column users.email: not null yes → none; column users.email: position 2 → 3', inRollback: true }],
    },
  ],
});
