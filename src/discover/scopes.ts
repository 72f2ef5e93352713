// How each runner wraps a migration in a transaction (DESIGN.md, "How each migration runner really
// runs files"). The statement rules read these: CREATE INDEX CONCURRENTLY fails inside any of them.

import { PSQL_STYLE_SCOPE, type TransactionScope } from '../types.js';
import type { PlainRunner } from './types.js';

/** drizzle-orm's migrator runs every pending migration in one transaction, with no opt-out. */
export const DRIZZLE_SCOPE: TransactionScope = {
  wrapsFile: true,
  batchesPending: true,
  nonTransactional: 'never',
  runner: 'Drizzle',
  outsideTransaction:
    "end the migrator's transaction first: put `COMMIT;` and a `--> statement-breakpoint` line right before it (what follows is then no longer atomic with the rest of the batch), or run it outside drizzle-orm's migrator",
};

/** Prisma sends the whole `migration.sql` as one query: one implicit transaction per file. */
export const PRISMA_SCOPE: TransactionScope = {
  wrapsFile: true,
  batchesPending: false,
  nonTransactional: 'single-statement',
  runner: 'Prisma Migrate',
  outsideTransaction:
    'put it alone in a migration of its own (`prisma migrate dev --create-only`, then leave only this statement in its migration.sql): Prisma sends a one-statement file without a transaction',
};

/** golang-migrate's postgres driver sends the whole file as one query (implicit transaction). */
export const GOLANG_MIGRATE_SCOPE: TransactionScope = {
  wrapsFile: true,
  batchesPending: false,
  nonTransactional: 'single-statement',
  runner: 'golang-migrate',
  outsideTransaction:
    'put it alone in a migration of its own (a `.up.sql` file holding only this statement): golang-migrate sends a one-statement file without a transaction',
};

/**
 * With `x-multi-statement=true` in the database URL, golang-migrate splits the file on `;` and
 * runs each piece on its own, in autocommit. The setting lives in the URL, not in the files, so it
 * is an option of the gate.
 */
export const GOLANG_MIGRATE_MULTI_STATEMENT_SCOPE: TransactionScope = {
  wrapsFile: false,
  batchesPending: false,
  nonTransactional: 'detected',
  runner: 'golang-migrate (x-multi-statement)',
  outsideTransaction: 'keep it out of any BEGIN ... COMMIT block: with x-multi-statement golang-migrate runs each statement on its own',
};

/**
 * dbmate opens a real transaction (BEGIN) and sends the section inside it, so even a section whose
 * only statement is CREATE INDEX CONCURRENTLY fails: `never`, not `single-statement`.
 */
export const DBMATE_SCOPE: TransactionScope = {
  wrapsFile: true,
  batchesPending: false,
  nonTransactional: 'never',
  runner: 'dbmate',
  outsideTransaction:
    'put it alone in a migration of its own whose up section starts with `-- migrate:up transaction:false` (dbmate still sends that section as one query, so no other statement may share it)',
};

/**
 * `-- migrate:up transaction:false`: no BEGIN, but the section still goes to Postgres as one
 * simple query, which Postgres runs as one implicit transaction when it holds several statements.
 */
export const DBMATE_NO_TRANSACTION_SCOPE: TransactionScope = {
  wrapsFile: true,
  batchesPending: false,
  nonTransactional: 'single-statement',
  runner: 'dbmate (transaction:false)',
  outsideTransaction:
    'keep it the only statement of its `transaction:false` section: dbmate sends the section as one query, which Postgres runs as one transaction when it holds several statements',
};

/**
 * goose opens a transaction per migration (BEGIN through database/sql) and sends each statement of
 * its splitter inside it, then records the version in the same transaction (pressly/goose
 * migration_sql.go, runSQLMigration: `db.BeginTx`, then `tx.ExecContext` per statement).
 */
export const GOOSE_SCOPE: TransactionScope = {
  wrapsFile: true,
  batchesPending: false,
  nonTransactional: 'never',
  runner: 'goose',
  outsideTransaction: 'put it in a migration of its own that starts with `-- +goose NO TRANSACTION`',
};

/**
 * `-- +goose NO TRANSACTION`: goose sends each statement of its splitter on its own, in autocommit
 * (`db.ExecContext` per statement in runSQLMigration), for both the Up and the Down section.
 */
export const GOOSE_NO_TRANSACTION_SCOPE: TransactionScope = {
  wrapsFile: false,
  batchesPending: false,
  nonTransactional: 'detected',
  runner: 'goose (NO TRANSACTION)',
  outsideTransaction:
    'keep it a statement of its own (its own line ending in `;`) and out of any BEGIN ... COMMIT block: with NO TRANSACTION goose sends each statement on its own',
};

/** Flyway wraps each migration, but notices CONCURRENTLY, VACUUM, ... and runs those outside. */
export const FLYWAY_SCOPE: TransactionScope = {
  wrapsFile: true,
  batchesPending: false,
  nonTransactional: 'detected',
  runner: 'Flyway',
  outsideTransaction:
    'put it in a migration of its own: Flyway runs a migration holding it without a transaction (beside other statements only with `mixed=true`)',
};

/** `executeInTransaction=false` in the script's `.sql.conf`: statement by statement, autocommit. */
export const FLYWAY_NO_TRANSACTION_SCOPE: TransactionScope = {
  wrapsFile: false,
  batchesPending: false,
  nonTransactional: 'detected',
  runner: 'Flyway (executeInTransaction=false)',
  outsideTransaction: 'keep it out of any BEGIN ... COMMIT block in the file: with executeInTransaction=false Flyway runs each statement on its own',
};

/** Plain and timestamp files run by psql-style runners: only the file's own BEGIN/COMMIT count. */
export const PLAIN_SCOPE: TransactionScope = PSQL_STYLE_SCOPE;

/**
 * A plain file's scope under the config's `runner:` description. `optedOut`: the file holds the
 * runner's no-transaction marker.
 */
export function plainScope(runner: PlainRunner, optedOut: boolean): TransactionScope {
  const marker = runner.noTransactionMarker;
  if (runner.transaction === 'per-file' && !optedOut) {
    return {
      wrapsFile: true,
      batchesPending: false,
      nonTransactional: 'never',
      runner: 'the migration runner (runner.transaction: per-file)',
      outsideTransaction:
        marker === undefined
          ? 'run it outside the migration runner, which wraps every file in a transaction'
          : `put it alone in a migration of its own that contains \`${marker}\`, which the runner runs without its transaction`,
    };
  }
  if (runner.send === 'whole-file') {
    return {
      wrapsFile: true,
      batchesPending: false,
      nonTransactional: 'single-statement',
      runner: 'the migration runner (runner.send: whole-file)',
      outsideTransaction: `put it alone in a migration of its own${optedOut ? ` (with \`${marker}\`)` : ''}: the runner sends each file as one query, which Postgres runs as one transaction when it holds several statements`,
    };
  }
  return PLAIN_SCOPE;
}
