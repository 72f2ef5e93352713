// ADD COLUMN normally changes only the catalog. It rewrites the whole table, under an ACCESS
// EXCLUSIVE lock that blocks every read and write for as long as the copy takes, when each existing
// row needs its own stored value: any non-NULL DEFAULT before Postgres 11; from 11 on, only a
// volatile DEFAULT (a constant or stable one is stored once in the catalog), a STORED generated
// column, an identity column or a serial type (a new sequence value per row).

import type { ColumnDef, Node } from 'libpg-query';
import { displayName } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { addedColumn, columnConstraint } from './util/constraints.js';
import { expressionStart, isNullConstant } from './util/expressions.js';
import { alterTableCommands } from './util/statements.js';
import { formatTypeName, isSerialType } from './util/type-names.js';
import { volatileCall } from './util/volatility.js';

type MessageId = 'volatile-default' | 'default-before-pg11' | 'stored-generated' | 'identity' | 'serial';

const BACKFILL = 'backfill existing rows in batches';

export default defineRule<MessageId>({
  meta: {
    id: 'adding-field-with-default',
    description: 'ADD COLUMN on an existing table must not force a table rewrite (volatile default, stored generated, identity or serial column).',
    severity: 'warning',
    risk: 'medium',
    kind: 'statement',
    scalesWithTableSize: true,
    messages: {
      'volatile-default': {
        message: 'ADD COLUMN {{column}} on existing table {{table}} with the volatile default {{function}}() rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking all reads and writes until every row has its value.',
        help: `Add the column without a default, then ALTER COLUMN {{column}} SET DEFAULT {{function}}() (applies to new rows only, no rewrite), and ${BACKFILL}.`,
      },
      'default-before-pg11': {
        message: 'ADD COLUMN {{column}} with a DEFAULT on existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock before Postgres 11, blocking all reads and writes until every row has its value.',
        help: `Add the column without a default, then ALTER COLUMN {{column}} SET DEFAULT ... (applies to new rows only, no rewrite), and ${BACKFILL}.`,
      },
      'stored-generated': {
        message: 'ADD COLUMN {{column}} GENERATED ALWAYS AS (...) STORED on existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock to compute the value of every row.',
        help: `Add a plain nullable column kept up to date by a trigger (or the application) and ${BACKFILL}; on Postgres 18, a VIRTUAL generated column needs no rewrite.`,
      },
      identity: {
        message: 'ADD COLUMN {{column}} GENERATED ... AS IDENTITY on existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock to give every row a new sequence value.',
        help: `Add a nullable column, create a sequence and ALTER COLUMN {{column}} SET DEFAULT nextval(...) for new rows, ${BACKFILL}, then make it NOT NULL without a long lock.`,
      },
      serial: {
        message: 'ADD COLUMN {{column}} {{type}} on existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock to give every row a new sequence value.',
        help: `Add a nullable integer column, create a sequence and ALTER COLUMN {{column}} SET DEFAULT nextval(...) for new rows, ${BACKFILL}, then make it NOT NULL without a long lock.`,
      },
    },
  },
  check({ model, postgresVersion, report }) {
    for (const { statement, relation, command, existing } of alterTableCommands(model)) {
      // A table created earlier in this file has no rows: there is nothing to rewrite.
      if (!existing) continue;
      const column = addedColumn(command);
      if (!column) continue;
      const data = { table: displayName(relation), column: column.colname ?? '?' };
      checkColumn(column, postgresVersion, (messageId, at, extra = {}) =>
        report({ messageId, statement, at, data: { ...data, ...extra } }),
      );
    }
  },
});

type Report = (messageId: MessageId, at: { location?: number } | Node | undefined, extra?: Record<string, string>) => void;

/** Reports the first reason `column` forces a rewrite, if any. */
function checkColumn(column: ColumnDef, postgresVersion: number, report: Report): void {
  const identity = columnConstraint(column, 'CONSTR_IDENTITY');
  if (identity) return report('identity', identity);
  if (isSerialType(column.typeName)) return report('serial', column.typeName, { type: formatTypeName(column.typeName) });
  const generated = columnConstraint(column, 'CONSTR_GENERATED');
  // generated_kind 's' is STORED; 'v' (VIRTUAL, Postgres 18) computes on read and rewrites nothing.
  if (generated?.generated_kind === 's') return report('stored-generated', generated);
  const expression = columnConstraint(column, 'CONSTR_DEFAULT')?.raw_expr;
  // DEFAULT NULL is what a column without default holds: no row changes.
  if (!expression || isNullConstant(expression)) return;
  if (postgresVersion < 11) return report('default-before-pg11', expressionStart(expression));
  const volatile = volatileCall(expression);
  // Functions not known to be volatile (user functions included) are assumed not to rewrite: the
  // database stage reports a real rewrite, while guessing here would mostly raise false alarms.
  if (volatile) report('volatile-default', volatile.call, { function: volatile.name });
}
