import { describe, expect, it } from 'vitest';
import { withConnection } from '../db/connect.js';
import { withScratchDatabase } from '../db/scratch.js';
import { testDatabaseUrl } from '../../test/db/postgres.js';
import { testRule } from '../../test/rule-tester.js';
import { TEST_SCOPES } from '../../test/lint-helpers.js';

const CREATE = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);';

testRule('ban-concurrent-index-if-not-exists', {
  valid: [
    {
      name: 'the safe recipe: DROP INDEX CONCURRENTLY IF EXISTS, then CREATE INDEX CONCURRENTLY',
      sql: 'DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);',
    },
    {
      name: 'the drop first also covers IF NOT EXISTS after it',
      sql: `DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\n${CREATE}`,
    },
    {
      name: 'the drop names the index with its schema, the create through its table',
      sql: 'DROP INDEX CONCURRENTLY IF EXISTS billing.orders_customer_id_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON billing.orders (customer_id);',
    },
    {
      name: 'the recipe under Flyway, which runs the migration outside its transaction',
      sql: 'DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);',
      scope: TEST_SCOPES.flyway,
    },
    { name: 'without CONCURRENTLY a failed build rolls back and leaves no index', sql: 'CREATE INDEX IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);' },
    {
      name: 'a table created earlier in the file: no earlier attempt left an index on it',
      sql: `CREATE TABLE IF NOT EXISTS orders (id bigint, customer_id bigint);\n${CREATE}`,
    },
    {
      name: 'inside BEGIN the build fails outright (ban-concurrent-index-creation-in-transaction)',
      sql: `BEGIN;\n${CREATE}\nCOMMIT;`,
    },
    { name: 'in a goose migration with a transaction: the other rule', sql: `-- +goose Up\n${CREATE}`, scope: TEST_SCOPES.goose },
    { name: 'in a Drizzle batch: the other rule', sql: CREATE, scope: TEST_SCOPES.drizzle },
    { name: 'beside another statement in a Prisma file: the other rule', sql: `${CREATE}\nSELECT 1;`, scope: TEST_SCOPES.prisma },
  ],
  invalid: [
    {
      sql: `SET lock_timeout = '5s';\n${CREATE}`,
      findings: [{ line: 2, column: 1, message: 'IF NOT EXISTS orders_customer_id_idx on existing table orders', help: 'DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx; right before it' }],
    },
    {
      name: 'the drop names another index',
      sql: `DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;\n${CREATE}`,
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'the drop comes after the create',
      sql: `${CREATE}\nDROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;`,
      findings: [{ line: 1, column: 1 }],
    },
    {
      name: 'the drop is of the same name in another schema',
      sql: 'DROP INDEX CONCURRENTLY IF EXISTS archive.orders_customer_id_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);',
      findings: [{ line: 2, column: 1, message: 'IF NOT EXISTS orders_customer_id_idx' }],
    },
    {
      name: 'the search_path decides the schema of an unqualified drop',
      sql: 'SET search_path = archive;\nDROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON public.orders (customer_id);',
      findings: [{ line: 3, column: 1, message: 'IF NOT EXISTS public.orders_customer_id_idx' }],
    },
    {
      name: 'Flyway: the help says how Flyway runs it outside its transaction',
      sql: `-- V7__orders_customer_index.sql\n${CREATE}`,
      scope: TEST_SCOPES.flyway,
      findings: [{ line: 2, column: 1, help: 'Flyway runs a migration holding it without a transaction' }],
    },
    {
      name: 'goose NO TRANSACTION',
      sql: `-- +goose NO TRANSACTION\n-- +goose Up\n${CREATE}`,
      scope: TEST_SCOPES['goose-no-transaction'],
      findings: [{ line: 3, column: 1, help: 'with NO TRANSACTION goose sends each statement on its own' }],
    },
    {
      name: 'Prisma, the statement alone in its file: no DROP can share the file',
      sql: CREATE,
      scope: TEST_SCOPES.prisma,
      findings: [{ line: 1, column: 1, help: 'Prisma Migrate runs this file outside a transaction only while it holds this one statement' }],
    },
    {
      name: 'golang-migrate, the statement alone in its .up.sql',
      sql: `\n${CREATE}\n`,
      scope: TEST_SCOPES['golang-migrate'],
      findings: [{ line: 2, column: 1, help: 'remove IF NOT EXISTS' }],
    },
    {
      name: 'a Drizzle file that commits the batch first',
      sql: `COMMIT;\n--> statement-breakpoint\n${CREATE}`,
      scope: TEST_SCOPES.drizzle,
      findings: [{ line: 3, column: 1, help: 'statement-breakpoint' }],
    },
  ],
});

// What the rule claims, on the test server: IF NOT EXISTS passes over the INVALID index a failed
// concurrent build leaves, and the recipe replaces it with a valid one.
describe('on PostgreSQL', () => {
  it('IF NOT EXISTS keeps the INVALID leftover; DROP ... IF EXISTS then CREATE builds a valid index', async () => {
    await withScratchDatabase(testDatabaseUrl(), async (database) => {
      await withConnection(database.url, async (client) => {
        await client.query('CREATE TABLE orders (id bigint, code int); INSERT INTO orders SELECT g, g % 3 FROM generate_series(1, 30) g');
        await expect(client.query('CREATE UNIQUE INDEX CONCURRENTLY orders_code ON orders (code)')).rejects.toThrow(/could not create unique index/);
        const validity = async (): Promise<boolean> =>
          (await client.query<{ valid: boolean }>("SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'orders_code'::regclass")).rows[0]!.valid;
        await client.query('DELETE FROM orders WHERE id > 3');
        await client.query('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_code ON orders (code)');
        expect(await validity()).toBe(false);
        await client.query('DROP INDEX CONCURRENTLY IF EXISTS orders_code');
        await client.query('CREATE UNIQUE INDEX CONCURRENTLY orders_code ON orders (code)');
        expect(await validity()).toBe(true);
      });
    });
  });
});
