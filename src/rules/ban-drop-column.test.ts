import { testRule } from '../../test/rule-tester.js';

testRule('ban-drop-column', {
  valid: [
    { name: 'dropping a constraint is not dropping a column', sql: 'ALTER TABLE users DROP CONSTRAINT users_email_key;' },
    { name: 'adding a column', sql: 'ALTER TABLE users ADD COLUMN nickname text;' },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE invoices (id int, draft text);\nALTER TABLE invoices DROP COLUMN draft;',
    },
    {
      name: 'column added earlier in the same file',
      sql: 'ALTER TABLE users ADD COLUMN tmp_flag boolean;\nUPDATE users SET tmp_flag = true WHERE id < 10;\nALTER TABLE users DROP COLUMN tmp_flag;',
    },
    { name: 'ALTER FOREIGN TABLE holds no local data', sql: 'ALTER FOREIGN TABLE remote_users DROP COLUMN nickname;' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users DROP COLUMN nickname;',
      findings: [{ line: 1, column: 1, message: 'column nickname of existing table users' }],
    },
    {
      name: 'multi-line, not on line 1, one finding per dropped column',
      sql: 'SELECT 1;\n\n  ALTER TABLE IF EXISTS billing.invoices\n    DROP COLUMN IF EXISTS legacy_total CASCADE,\n    DROP old_note;',
      findings: [
        { line: 3, column: 3, message: 'legacy_total of existing table billing.invoices' },
        { line: 3, column: 3, message: 'old_note' },
      ],
    },
    {
      name: 'ADD COLUMN IF NOT EXISTS may have found the column with its data',
      sql: 'ALTER TABLE users ADD COLUMN IF NOT EXISTS legacy text;\nALTER TABLE users DROP COLUMN legacy;',
      findings: [{ line: 2, column: 1, message: 'legacy' }],
    },
    {
      name: 'a column added to another table is another column',
      sql: 'ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE users DROP COLUMN note;',
      findings: [{ line: 2, column: 1, message: 'users' }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  ALTER TABLE accounts DROP COLUMN pin;\nEND $$;',
      findings: [{ line: 3, column: 3, message: 'pin' }],
    },
  ],
});
