// A 32-bit key runs out at 2,147,483,647 (a 16-bit one at 32,767), and by then the table is large:
// widening the column to bigint rewrites the table and every index on it under an ACCESS EXCLUSIVE
// lock. Only columns that are ids are reported (serial, identity, single-column primary key): a plain
// integer count or amount is a deliberate choice, and flagging every int column is mostly noise.

import type { Constraint, Node } from 'libpg-query';
import { as, displayName, nameParts } from '../sql/ast.js';
import { relationKey, type FileModel } from '../lint/file-model.js';
import { defineRule } from './rule.js';
import { alterTableCommands, statementsOf } from './util/statements.js';
import { columnDefinitions, columnType, type ColumnDefinition } from './util/columns.js';
import { isSerialType } from './util/type-names.js';

interface SmallInteger {
  /** The type as users write it, for messages. */
  sql: string;
  limit: string;
}

const INTEGER: SmallInteger = { sql: 'integer', limit: '2,147,483,647' };
const SMALLINT: SmallInteger = { sql: 'smallint', limit: '32,767' };

const SMALL_INTEGERS = new Map<string, SmallInteger>([
  ['int4', INTEGER],
  ['int2', SMALLINT],
]);

/** serial types are int4/int2 plus a sequence: always an id. */
const SMALL_SERIALS = new Map<string, SmallInteger>([
  ['serial', { ...INTEGER, sql: 'serial' }],
  ['serial4', { ...INTEGER, sql: 'serial4' }],
  ['smallserial', { ...SMALLINT, sql: 'smallserial' }],
  ['serial2', { ...SMALLINT, sql: 'serial2' }],
]);

type KeyRole = 'Primary key' | 'Identity column';

export default defineRule({
  meta: {
    id: 'prefer-bigint-over-int',
    description: 'Id columns (serial, identity, primary key) should be bigint, not integer or smallint.',
    severity: 'info',
    risk: 'low',
    kind: 'statement',
    messages: {
      'small-key': {
        message:
          '{{role}} {{column}} of {{table}} is {{type}}: it runs out after {{limit}} values, and widening it later rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.',
        help: 'Declare {{column}} as bigint (bigint GENERATED ALWAYS AS IDENTITY when the database assigns its values).',
      },
      'small-serial': {
        message:
          'Column {{column}} of {{table}} is {{type}}: its sequence runs out after {{limit}} values, and widening it later rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.',
        help: 'Use bigint GENERATED ALWAYS AS IDENTITY (or bigserial) for {{column}}.',
      },
    },
  },
  check({ model, report }) {
    // Read only when the file declares a small integer column: most files have none.
    let keyRoles: Map<string, KeyRole> | undefined;
    for (const definition of columnDefinitions(model)) {
      const { statement, column, name, table, source } = definition;
      const type = columnType(column.typeName);
      // An array is never a key that a sequence fills.
      if (type.builtin === undefined || type.isArray) continue;
      const data = { column: name, table: displayName(table) };

      // serial is a CREATE TABLE / ADD COLUMN shorthand that Postgres only recognises unqualified;
      // ALTER COLUMN ... TYPE serial is rejected.
      const serial = isSerialType(column.typeName) ? SMALL_SERIALS.get(type.builtin) : undefined;
      if (serial && source !== 'alter-type') {
        report({ messageId: 'small-serial', statement, at: column, data: { ...data, type: serial.sql, limit: serial.limit } });
        continue;
      }
      const small = SMALL_INTEGERS.get(type.builtin);
      const role = small && (keyRoles ??= idColumnRoles(model)).get(columnKey(definition));
      if (small && role) {
        report({ messageId: 'small-key', statement, at: column, data: { ...data, role, type: small.sql, limit: small.limit } });
      }
    }
  },
});

function columnKey({ statement, table, name }: Pick<ColumnDefinition, 'statement' | 'table' | 'name'>): string {
  return `${relationKey(table, statement.defaultSchema)}.${name}`;
}

/**
 * The columns the file makes ids, wherever it says so: inline PRIMARY KEY or GENERATED ... AS
 * IDENTITY, a table-level PRIMARY KEY (id), or a later ALTER TABLE that adds the primary key or the
 * identity (pg_dump and some ORMs write it that way). Composite primary keys are left out: their
 * columns usually reference other tables' ids, whose range is decided where those are declared.
 */
function idColumnRoles(model: FileModel): Map<string, KeyRole> {
  const roles = new Map<string, KeyRole>();
  const mark = (key: string, role: KeyRole): void => {
    // A primary key is the more telling description when a column is both.
    if (roles.get(key) !== 'Primary key') roles.set(key, role);
  };

  for (const definition of columnDefinitions(model)) {
    for (const constraint of constraintsOf(definition.column.constraints)) {
      if (constraint.contype === 'CONSTR_PRIMARY') mark(columnKey(definition), 'Primary key');
      if (constraint.contype === 'CONSTR_IDENTITY') mark(columnKey(definition), 'Identity column');
    }
  }

  for (const { statement, node } of statementsOf(model, 'CreateStmt')) {
    for (const element of node.tableElts ?? []) {
      const keyColumn = singlePrimaryKeyColumn(as(element, 'Constraint'));
      if (keyColumn) mark(columnKey({ statement, table: node.relation, name: keyColumn }), 'Primary key');
    }
  }

  for (const { statement, relation, command } of alterTableCommands(model)) {
    const table = { statement, table: relation };
    if (command.subtype === 'AT_AddConstraint') {
      const keyColumn = singlePrimaryKeyColumn(as(command.def, 'Constraint'));
      if (keyColumn) mark(columnKey({ ...table, name: keyColumn }), 'Primary key');
    } else if (command.subtype === 'AT_AddIdentity' && command.name) {
      mark(columnKey({ ...table, name: command.name }), 'Identity column');
    }
  }
  return roles;
}

function constraintsOf(nodes: Node[] | undefined): Constraint[] {
  return (nodes ?? []).flatMap((node) => as(node, 'Constraint') ?? []);
}

function singlePrimaryKeyColumn(constraint: Constraint | undefined): string | undefined {
  if (constraint?.contype !== 'CONSTR_PRIMARY') return undefined;
  const keys = nameParts(constraint.keys);
  return keys.length === 1 ? keys[0] : undefined;
}
