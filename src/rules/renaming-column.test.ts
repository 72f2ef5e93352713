import { testRule } from '../../test/rule-tester.js';

testRule('renaming-column', {
  valid: [
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE users (nmae text);\nALTER TABLE users RENAME COLUMN nmae TO name;',
    },
    {
      name: 'column added earlier in the same file',
      sql: 'ALTER TABLE users ADD COLUMN nmae text;\nALTER TABLE users RENAME COLUMN nmae TO name;',
    },
    {
      name: 'column added earlier in the same file, renamed twice',
      sql: 'ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users RENAME a TO b;\nALTER TABLE users RENAME b TO c;',
    },
    { name: 'renaming a constraint', sql: 'ALTER TABLE users RENAME CONSTRAINT users_a_check TO users_name_check;' },
    { name: 'renaming an index', sql: 'ALTER INDEX users_a_idx RENAME TO users_name_idx;' },
    { name: 'renaming the table is another rule', sql: 'ALTER TABLE users RENAME TO people;' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users RENAME COLUMN name TO full_name;',
      findings: [{ line: 1, column: 1, message: 'RENAME COLUMN name TO full_name on existing table users breaks' }],
    },
    {
      name: 'without the COLUMN keyword, schema-qualified',
      sql: 'SELECT 1;\nALTER TABLE IF EXISTS crm.users RENAME name TO full_name;',
      findings: [{ line: 2, column: 1, message: 'existing table crm.users' }],
    },
    {
      name: 'a column of the same name was added to another table',
      sql: 'ALTER TABLE accounts ADD COLUMN name text;\nALTER TABLE users RENAME COLUMN name TO full_name;',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'the column is added after the rename',
      sql: 'ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE users ADD COLUMN name text;',
      findings: [{ line: 1, column: 1 }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE users RENAME COLUMN name TO full_name;\nEND $$;',
      findings: [{ line: 3, column: 3 }],
    },
  ],
});
