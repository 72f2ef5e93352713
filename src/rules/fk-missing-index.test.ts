import { testDatabaseRule } from '../../test/db-rule-tester.js';

const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY, tenant bigint, UNIQUE (tenant, id));';

testDatabaseRule('fk-missing-index', {
  valid: [
    { name: 'the index comes later in the same migration', before: [USERS], sql: 'CREATE TABLE orders (id bigint, user_id bigint REFERENCES users);\nCREATE INDEX orders_user ON orders (user_id);\n' },
    {
      name: 'a composite index whose leading columns are the key, in another order',
      before: [USERS],
      sql: 'CREATE TABLE orders (id bigint, tenant bigint, user_id bigint, FOREIGN KEY (tenant, user_id) REFERENCES users (tenant, id));\nCREATE INDEX orders_user_tenant ON orders (user_id, tenant, id);\n',
    },
    { name: 'a foreign key that had no index before the migration is not this migration\'s doing', before: [USERS, 'CREATE TABLE orders (user_id bigint REFERENCES users);'], sql: 'ALTER TABLE orders ADD COLUMN note text;\n' },
  ],
  invalid: [
    { name: 'a new table whose foreign key has no index', before: [USERS], sql: '\nCREATE TABLE orders (\n  id bigint,\n  user_id bigint REFERENCES users\n);\n', findings: [{ line: 2, column: 1, message: 'Foreign key orders_user_id_fkey on orders (user_id) has no index' }] },
    {
      name: 'the key is not the leading part of the index',
      before: [USERS],
      sql: 'CREATE TABLE orders (id bigint, user_id bigint);\nCREATE INDEX orders_id_user ON orders (id, user_id);\nALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users;\n',
      findings: [{ line: 3, message: 'orders_user on orders (user_id)' }],
    },
    {
      name: 'dropping the index an existing foreign key relied on',
      before: [USERS, 'CREATE TABLE orders (user_id bigint REFERENCES users);\nCREATE INDEX orders_user ON orders (user_id);'],
      sql: 'DROP INDEX CONCURRENTLY orders_user;\n',
      findings: [{ line: 1, message: 'every delete or key update in users scans orders' }],
    },
  ],
});
