// A migration that runs outside a transaction can stop half way (a lock timeout, a failed
// CREATE INDEX CONCURRENTLY, a deploy killed mid-run). What ran is committed; the retry runs the
// whole file again, and its first CREATE or DROP of something that already (no longer) exists fails,
// so the migration can never finish without manual repair. Inside a transaction the partial run is
// rolled back and a retry starts clean, so those statements are not reported.
// Every such statement is reported, also on tables created earlier in the file: the retry re-runs
// that CREATE TABLE as well.

import type { Node, ObjectType, RangeVar } from 'libpg-query';
import { as, displayName, nameParts, stringValue } from '../sql/ast.js';
import { relationKey, type StatementModel } from '../lint/file-model.js';
import { defineRule, type RuleContext } from './rule.js';
import { NAMED_ON_TABLE, objectTypeName } from './util/object-types.js';

const RETRY = 'when the migration is retried after a partial run';

const MESSAGES = {
  create: {
    message: `CREATE {{object}} {{name}} without IF NOT EXISTS fails with "already exists" ${RETRY}.`,
    help: 'Add IF NOT EXISTS: CREATE {{object}} IF NOT EXISTS {{name}}.',
  },
  'create-index-concurrently': {
    message: `CREATE INDEX CONCURRENTLY {{name}} without IF NOT EXISTS fails with "already exists" ${RETRY}.`,
    help: 'Precede it with DROP INDEX CONCURRENTLY IF EXISTS {{name}}, which also removes the INVALID index a failed build leaves behind (IF NOT EXISTS alone would keep that index).',
  },
  'unnamed-index': {
    message: 'CREATE INDEX on {{table}} without a name builds another, duplicate index each time the migration is retried after a partial run.',
    help: 'Name the index and add IF NOT EXISTS.',
  },
  drop: {
    message: `DROP {{object}} {{name}} without IF EXISTS fails with "does not exist" ${RETRY}.`,
    help: 'Add IF EXISTS: DROP {{object}} IF EXISTS {{name}}.',
  },
  'add-column': {
    message: `ADD COLUMN {{column}} to {{table}} without IF NOT EXISTS fails with "already exists" ${RETRY}.`,
    help: 'Use ADD COLUMN IF NOT EXISTS {{column}}.',
  },
  'drop-column': {
    message: `DROP COLUMN {{column}} of {{table}} without IF EXISTS fails with "does not exist" ${RETRY}.`,
    help: 'Use DROP COLUMN IF EXISTS {{column}}.',
  },
  'add-constraint': {
    message: `ADD CONSTRAINT {{constraint}} on {{table}} fails with "already exists" ${RETRY} (constraints have no IF NOT EXISTS).`,
    help: 'Drop it first in the same statement: ALTER TABLE {{table}} DROP CONSTRAINT IF EXISTS {{constraint}}, ADD CONSTRAINT {{constraint}} ...',
  },
  'add-unnamed-constraint': {
    message: `An unnamed constraint added to {{table}} is added a second time, or fails, ${RETRY}.`,
    help: 'Name the constraint and drop it first in the same statement: DROP CONSTRAINT IF EXISTS <name>, ADD CONSTRAINT <name> ...',
  },
  'drop-constraint': {
    message: `DROP CONSTRAINT {{constraint}} on {{table}} without IF EXISTS fails with "does not exist" ${RETRY}.`,
    help: 'Use DROP CONSTRAINT IF EXISTS {{constraint}}.',
  },
};

type MessageId = keyof typeof MESSAGES;
type Report = RuleContext<MessageId>['report'];

interface SeenSoFar {
  /**
   * What the file drops with IF EXISTS (`KIND schema.name`): creating it again afterwards is a
   * robust "drop and recreate", the suggested fix for constraints and concurrent indexes.
   */
  droppedIfExists: Set<string>;
  /** Names of temporary tables the file creates: they do not survive the failed session. */
  temporaryTables: Set<string>;
}

export default defineRule({
  meta: {
    id: 'prefer-robust-stmts',
    description: 'Statements outside a transaction should survive a retry (IF [NOT] EXISTS).',
    severity: 'off',
    risk: 'low',
    kind: 'statement',
    messages: MESSAGES,
  },
  check({ model, report }) {
    const seen: SeenSoFar = { droppedIfExists: new Set(), temporaryTables: new Set() };
    const silent: Report = () => {};
    for (const statement of model.statements) {
      // Statements in a transaction are still walked: a DROP ... IF EXISTS there re-runs on retry too.
      const reportHere = statement.inTransaction ? silent : report;
      const { node } = statement.parsed;
      checkCreate(statement, node, seen, reportHere);
      checkDrop(statement, node, seen.droppedIfExists, reportHere);
      checkAlterTable(statement, node, seen, reportHere);
    }
  },
});

function checkCreate(statement: StatementModel, node: Node, seen: SeenSoFar, report: Report): void {
  const dropped = seen.droppedIfExists;
  const table = as(node, 'CreateStmt');
  if (table) {
    if (table.relation?.relpersistence === 't' && table.relation.relname) seen.temporaryTables.add(table.relation.relname);
    if (!table.if_not_exists && !isTemporary(seen, table.relation) && !dropped.has(tableKey(statement, table.relation))) {
      report({ messageId: 'create', statement, data: { object: 'TABLE', name: displayName(table.relation) } });
    }
    return;
  }
  const createAs = as(node, 'CreateTableAsStmt');
  if (createAs) {
    const relation = createAs.into?.rel;
    const object = objectTypeName(createAs.objtype ?? 'OBJECT_TABLE');
    const key = `${object} ${relationKey(relation, statement.defaultSchema)}`;
    if (!createAs.if_not_exists && !isTemporary(seen, relation) && !dropped.has(key)) {
      report({ messageId: 'create', statement, data: { object, name: displayName(relation) } });
    }
    return;
  }
  const index = as(node, 'IndexStmt');
  if (index) {
    if (index.if_not_exists || isTemporary(seen, index.relation)) return;
    if (!index.idxname) {
      report({ messageId: 'unnamed-index', statement, data: { table: displayName(index.relation) } });
      return;
    }
    const name = index.relation?.schemaname ? `${index.relation.schemaname}.${index.idxname}` : index.idxname;
    if (dropped.has(`INDEX ${qualified(statement, name.split('.'))}`)) return;
    report({ messageId: index.concurrent ? 'create-index-concurrently' : 'create', statement, data: { object: 'INDEX', name } });
    return;
  }
  const sequence = as(node, 'CreateSeqStmt');
  if (sequence && !sequence.if_not_exists && sequence.sequence?.relpersistence !== 't') {
    report({ messageId: 'create', statement, data: { object: 'SEQUENCE', name: displayName(sequence.sequence) } });
  }
  const schema = as(node, 'CreateSchemaStmt');
  if (schema && !schema.if_not_exists) {
    report({ messageId: 'create', statement, data: { object: 'SCHEMA', name: schema.schemaname ?? '?' } });
  }
  const extension = as(node, 'CreateExtensionStmt');
  if (extension && !extension.if_not_exists) {
    report({ messageId: 'create', statement, data: { object: 'EXTENSION', name: extension.extname ?? '?' } });
  }
}

function checkDrop(statement: StatementModel, node: Node, dropped: Set<string>, report: Report): void {
  const drop = as(node, 'DropStmt');
  if (!drop) return;
  const object = objectTypeName(drop.removeType);
  const names = (drop.objects ?? []).map(objectNameParts);
  if (drop.missing_ok) {
    for (const parts of names) dropped.add(`${object} ${qualified(statement, parts)}`);
    return;
  }
  report({
    messageId: 'drop',
    statement,
    data: {
      object: drop.concurrent ? `${object} CONCURRENTLY` : object,
      name: names.map((parts) => displayObjectName(drop.removeType, parts)).join(', '),
    },
  });
}

function checkAlterTable(statement: StatementModel, node: Node, seen: SeenSoFar, report: Report): void {
  const alter = as(node, 'AlterTableStmt');
  if (alter?.objtype !== 'OBJECT_TABLE' || isTemporary(seen, alter.relation)) return;
  const dropped = seen.droppedIfExists;
  const table = displayName(alter.relation);
  const key = tableKey(statement, alter.relation);
  for (const commandNode of alter.cmds ?? []) {
    const command = as(commandNode, 'AlterTableCmd');
    if (!command) continue;
    switch (command.subtype) {
      case 'AT_AddColumn': {
        const column = as(command.def, 'ColumnDef');
        if (!command.missing_ok && !dropped.has(`COLUMN ${key}.${column?.colname ?? ''}`)) {
          report({ messageId: 'add-column', statement, at: column, data: { table, column: column?.colname ?? '?' } });
        }
        break;
      }
      case 'AT_DropColumn':
        if (command.missing_ok) dropped.add(`COLUMN ${key}.${command.name ?? ''}`);
        else report({ messageId: 'drop-column', statement, data: { table, column: command.name ?? '?' } });
        break;
      case 'AT_AddConstraint': {
        const constraint = as(command.def, 'Constraint');
        if (!constraint?.conname) {
          report({ messageId: 'add-unnamed-constraint', statement, at: constraint, data: { table } });
        } else if (!dropped.has(`CONSTRAINT ${key}.${constraint.conname}`)) {
          report({ messageId: 'add-constraint', statement, at: constraint, data: { table, constraint: constraint.conname } });
        }
        break;
      }
      case 'AT_DropConstraint':
        if (command.missing_ok) dropped.add(`CONSTRAINT ${key}.${command.name ?? ''}`);
        else report({ messageId: 'drop-constraint', statement, data: { table, constraint: command.name ?? '?' } });
        break;
      default:
        break;
    }
  }
}

/** A temporary table does not survive the failed session, so a retry never finds it. */
function isTemporary(seen: SeenSoFar, relation: RangeVar | undefined): boolean {
  if (relation?.relpersistence === 't') return true;
  // Unqualified names resolve to the session's temporary tables first.
  const inTempSchema = relation?.schemaname === undefined || relation.schemaname === 'pg_temp';
  return inTempSchema && seen.temporaryTables.has(relation?.relname ?? '');
}

function tableKey(statement: StatementModel, relation: RangeVar | undefined): string {
  return `TABLE ${relationKey(relation, statement.defaultSchema)}`;
}

/** `schema.name` for a name as written in a DROP, resolved against the default schema. */
function qualified(statement: StatementModel, parts: string[]): string {
  return parts.length > 1 ? parts.join('.') : `${statement.defaultSchema}.${parts[0] ?? ''}`;
}

/** A dropped object's name as DROP writes it: `schema.table`, or `trigger ON table`. */
function displayObjectName(type: ObjectType | undefined, parts: string[]): string {
  if (parts.length === 0) return '?';
  const last = parts[parts.length - 1]!;
  if (type && NAMED_ON_TABLE.has(type) && parts.length > 1) return `${last} ON ${parts.slice(0, -1).join('.')}`;
  return parts.join('.');
}

/** The name parts of one object of a DROP: a qualified name, a type, or a function signature. */
function objectNameParts(object: Node): string[] {
  const list = as(object, 'List');
  if (list) return nameParts(list.items);
  const type = as(object, 'TypeName');
  if (type) return nameParts(type.names);
  const routine = as(object, 'ObjectWithArgs');
  if (routine) return nameParts(routine.objname);
  const name = stringValue(object);
  return name === undefined ? [] : [name];
}
