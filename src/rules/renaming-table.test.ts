import { testRule } from '../../test/rule-tester.js';

testRule('renaming-table', {
  valid: [
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE peopel (id int);\nALTER TABLE peopel RENAME TO people;',
    },
    {
      name: 'table created and renamed twice in the same file',
      sql: 'CREATE TABLE a (id int);\nALTER TABLE a RENAME TO b;\nALTER TABLE b RENAME TO c;',
    },
    { name: 'temporary table', sql: 'CREATE TEMP TABLE scratch (id int);\nALTER TABLE scratch RENAME TO scratch2;' },
    { name: 'renaming a column is another rule', sql: 'ALTER TABLE users RENAME COLUMN a TO b;' },
    { name: 'renaming a view', sql: 'ALTER VIEW active_users RENAME TO current_users;' },
    { name: 'renaming an index', sql: 'ALTER INDEX users_idx RENAME TO people_idx;' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users RENAME TO people;',
      findings: [{ line: 1, column: 1, message: 'RENAME TO people on existing table users breaks' }],
    },
    {
      name: 'schema-qualified: the view in the help reads from the same schema',
      sql: '\n\nALTER TABLE IF EXISTS crm.users RENAME TO people;',
      findings: [{ line: 3, column: 1, message: 'existing table crm.users' }],
    },
    {
      name: 'a table of the same name created in another schema',
      sql: 'CREATE TABLE archive.users (id int);\nALTER TABLE users RENAME TO people;',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE users RENAME TO people;\nEND $$;',
      findings: [{ line: 3, column: 3 }],
    },
  ],
});
