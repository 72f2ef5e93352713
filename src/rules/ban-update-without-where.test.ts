import { testRule } from '../../test/rule-tester.js';

testRule('ban-update-without-where', {
  valid: [
    { sql: 'UPDATE users SET plan = \'free\' WHERE plan IS NULL;' },
    { name: 'WHERE true is an explicit choice', sql: 'UPDATE users SET active = true WHERE true;' },
    { name: 'batch by key range', sql: 'UPDATE users SET plan = \'free\' WHERE id >= 1 AND id < 10000;' },
    {
      name: 'table created earlier in the same file',
      sql: 'CREATE TABLE plans (id int, name text);\nINSERT INTO plans VALUES (1, \'x\');\nUPDATE plans SET name = lower(name);',
    },
    {
      name: 'created with CREATE TABLE AS',
      sql: 'CREATE TABLE users_copy AS SELECT * FROM users;\nUPDATE users_copy SET email = NULL;',
    },
  ],
  invalid: [
    {
      sql: 'UPDATE users SET plan = \'free\';',
      findings: [{ line: 1, column: 1, message: 'every row of existing table users' }],
    },
    {
      name: 'multi-line, not on line 1',
      sql: 'SET lock_timeout = \'2s\';\n\n  UPDATE billing.invoices\n     SET currency = \'EUR\';',
      findings: [{ line: 3, column: 3, message: 'billing.invoices' }],
    },
    {
      name: 'UPDATE ... FROM without WHERE',
      sql: 'UPDATE orders SET region = r.name FROM regions r;',
      findings: [{ line: 1, column: 1, message: 'orders' }],
    },
    {
      name: 'in a data-modifying CTE: points at the CTE',
      sql: 'WITH\n  touched AS (UPDATE users SET seen = true RETURNING id)\nSELECT count(*) FROM touched;',
      findings: [{ line: 2, column: 3, message: 'users' }],
    },
    {
      name: 'inside a DO block',
      sql: 'DO $$\nBEGIN\n  UPDATE accounts SET balance = 0;\nEND $$;',
      findings: [{ line: 3, column: 3, message: 'accounts' }],
    },
  ],
});
