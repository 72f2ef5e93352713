// A serial column is an integer with a default of nextval() on a sequence that is a separate object:
// other roles need their own grant on the sequence to insert, CREATE TABLE ... LIKE copies the default
// but shares the sequence, and explicit ids inserted into the column later collide with the values the
// sequence hands out. An identity column (PostgreSQL 10+) is the SQL-standard form: the sequence is
// part of the column, and GENERATED ALWAYS rejects explicit values unless asked to OVERRIDE.

import { displayName, typeNameOf } from '../sql/ast.js';
import { defineRule } from './rule.js';
import { columnDefinitions } from './util/columns.js';
import { isSerialType } from './util/type-names.js';

/** Identity columns exist from this major version on; before it serial is the only way. */
const IDENTITY_SINCE = 10;

export default defineRule({
  meta: {
    id: 'prefer-identity',
    description: 'Use GENERATED ALWAYS AS IDENTITY instead of serial types.',
    severity: 'info',
    risk: 'low',
    kind: 'statement',
    messages: {
      serial: {
        message:
          'Column {{column}} of {{table}} is {{type}}: its sequence is a separate object that needs its own grants, and ids inserted explicitly later collide with the ones it generates.',
        help: 'Declare {{column}} as bigint GENERATED ALWAYS AS IDENTITY (BY DEFAULT if the application must insert its own ids).',
      },
    },
  },
  check({ model, postgresVersion, report }) {
    if (postgresVersion < IDENTITY_SINCE) return;
    for (const { statement, column, name, table, source } of columnDefinitions(model)) {
      // serial is a CREATE TABLE / ADD COLUMN shorthand; ALTER COLUMN ... TYPE serial is an error.
      if (source === 'alter-type') continue;
      if (!isSerialType(column.typeName)) continue;
      report({ messageId: 'serial', statement, at: column, data: { column: name, table: displayName(table), type: typeNameOf(column.typeName) } });
    }
  },
});
