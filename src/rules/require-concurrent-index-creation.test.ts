import { testRule } from '../../test/rule-tester.js';

testRule('require-concurrent-index-creation', {
  valid: [
    { sql: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);' },
    { sql: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);' },
    {
      name: 'table created earlier in the same file (no BEGIN), as Prisma and Drizzle generate',
      sql: 'CREATE TABLE "Post" (id int);\nCREATE INDEX "Post_id_idx" ON "Post"(id);',
    },
    {
      name: 'schema-qualified create, unqualified index: same table under the default search_path',
      sql: 'CREATE TABLE public.orders (id int);\nCREATE UNIQUE INDEX orders_id ON orders (id);',
    },
    {
      name: 'search_path moves the default schema',
      sql: 'SET search_path TO billing;\nCREATE TABLE invoices (id int);\nCREATE INDEX invoices_id ON billing.invoices (id);',
    },
    { name: 'temporary table', sql: 'CREATE TEMP TABLE scratch (id int);\nCREATE INDEX ON scratch (id);' },
    {
      name: 'table created in the file and then renamed',
      sql: 'CREATE TABLE a (id int);\nALTER TABLE a RENAME TO b;\nCREATE INDEX b_id ON b (id);',
    },
  ],
  invalid: [
    {
      sql: 'CREATE INDEX users_email_idx ON users (email);',
      findings: [
        {
          line: 1,
          column: 1,
          message: 'existing table users',
          fix: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email)',
          suggestion: { startLine: 1, endLine: 1, text: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);' },
        },
      ],
    },
    {
      name: 'a suggestion keeps the text around the statement on its first and last lines',
      sql: "SET lock_timeout = '5s'; CREATE INDEX users_email_idx\n  ON users (email); -- for the login form\nSELECT 1;",
      findings: [
        {
          line: 1,
          column: 26,
          end: { line: 2, column: 19 },
          suggestion: { startLine: 1, endLine: 2, text: "SET lock_timeout = '5s'; CREATE INDEX CONCURRENTLY users_email_idx\n  ON users (email); -- for the login form" },
        },
      ],
    },
    {
      name: 'inside BEGIN ... COMMIT the fix is the statement to move out: no suggestion in place',
      sql: 'BEGIN;\nCREATE INDEX users_email_idx ON users (email);\nCOMMIT;',
      findings: [{ line: 2, column: 1, fix: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email)', suggestion: null }],
    },
    {
      name: 'a CRLF file: the suggestion has LF line breaks, the columns count characters',
      sql: 'CREATE INDEX "Bücher_idx"\r\n  ON "Bücher" (titel);\r\n',
      findings: [{ line: 1, column: 1, end: { line: 2, column: 22 }, suggestion: { startLine: 1, endLine: 2, text: 'CREATE INDEX CONCURRENTLY "Bücher_idx"\n  ON "Bücher" (titel);' } }],
    },
    {
      name: 'the fix keeps the file\'s quoting, case and comments (a Prisma index)',
      sql: 'CREATE UNIQUE INDEX /* by prisma */ "User_email_key" ON "public"."User"("email");',
      findings: [{ line: 1, fix: 'CREATE UNIQUE INDEX CONCURRENTLY /* by prisma */ "User_email_key" ON "public"."User"("email")' }],
    },
    {
      name: 'quoted identifiers keep their case: "Users" is not users',
      sql: 'CREATE TABLE users (id int);\nCREATE INDEX i ON "Users" (id);',
      findings: [{ line: 2, column: 1, message: 'Users' }],
    },
    {
      name: 'same name in another schema is another table',
      sql: 'CREATE TABLE audit.events (id int);\nCREATE INDEX i ON events (id);',
      findings: [{ line: 2, column: 1 }],
    },
    {
      name: 'index before the table is created',
      sql: 'CREATE INDEX i ON t (id);\nCREATE TABLE t2 (id int);',
      findings: [{ line: 1, column: 1 }],
    },
    {
      name: 'inside a DO block: the fix is written from the block\'s own text',
      sql: 'DO $$\nBEGIN\n  CREATE INDEX i ON accounts (id);\nEND $$;',
      findings: [{ line: 3, column: 3, fix: 'CREATE INDEX CONCURRENTLY i ON accounts (id)', suggestion: null }],
    },
    {
      name: 'the fix finds INDEX by bytes after multi-byte text, past a comment that says INDEX',
      sql: "COMMENT ON TABLE users IS 'Bücher über Straßen';\nCREATE /* INDEX? */ UNIQUE INDEX \"Straßen_idx\" ON \"Straße\" (name);",
      findings: [{ line: 2, column: 1, fix: 'CREATE /* INDEX? */ UNIQUE INDEX CONCURRENTLY "Straßen_idx" ON "Straße" (name)' }],
    },
    {
      name: 'an index named "index" on ONLY the parent: the keyword, not the name, gets CONCURRENTLY',
      sql: 'CREATE INDEX "index" ON ONLY measurements (logdate);',
      findings: [{ line: 1, fix: 'CREATE INDEX CONCURRENTLY "index" ON ONLY measurements (logdate)' }],
    },
    {
      name: 'CRLF line ends and a BOM do not shift lines',
      sql: '\uFEFF-- header\r\nSELECT 1;\r\n\r\nCREATE INDEX i ON t (id);\r\n',
      findings: [{ line: 4, column: 1 }],
    },
  ],
});
