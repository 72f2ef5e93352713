import { testRule } from '../../test/rule-tester.js';

testRule('disallowed-unique-constraint', {
  valid: [
    { sql: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;' },
    { sql: 'ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;' },
    {
      name: 'the whole safe sequence',
      sql: 'CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;',
    },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE users (id int, email text);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\nALTER TABLE users ADD PRIMARY KEY (id);',
    },
    {
      name: 'new column on a table created earlier in the same file',
      sql: 'CREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN email text UNIQUE;',
    },
    { name: 'a plain new column', sql: 'ALTER TABLE users ADD COLUMN email text;' },
    { name: 'CHECK is another rule', sql: 'ALTER TABLE users ADD CONSTRAINT c CHECK (id > 0) NOT VALID;' },
    { name: 'unique constraints in CREATE TABLE', sql: 'CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE);' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
      findings: [{ line: 1, column: 23, message: 'Adding UNIQUE constraint users_email_key to existing table users' }],
    },
    {
      name: 'unnamed primary key',
      sql: 'ALTER TABLE users ADD PRIMARY KEY (id);',
      findings: [{ line: 1, column: 23, message: 'a PRIMARY KEY constraint' }],
    },
    {
      name: 'UNIQUE NULLS NOT DISTINCT, second command of the statement',
      sql: 'ALTER TABLE app.users\n  ADD COLUMN email text,\n  ADD UNIQUE NULLS NOT DISTINCT (email);',
      findings: [{ line: 3, column: 7, message: 'existing table app.users' }],
    },
    {
      name: 'inline UNIQUE on a new column',
      sql: 'ALTER TABLE users ADD COLUMN email text UNIQUE;',
      findings: [{ line: 1, column: 41, message: 'ADD COLUMN email ... UNIQUE' }],
    },
    {
      name: 'inline PRIMARY KEY on a new column',
      sql: 'ALTER TABLE users ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;',
      findings: [{ line: 1, column: 69, message: 'ADD COLUMN id ... PRIMARY KEY' }],
    },
    {
      name: 'table created in the file, but after the ALTER',
      sql: 'ALTER TABLE users ADD UNIQUE (email);\nCREATE TABLE users2 (id int);',
      findings: [{ line: 1, column: 23 }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE users ADD UNIQUE (email);\nEND $$;',
      findings: [{ line: 3, column: 25 }],
    },
  ],
});
