// DROP SCHEMA removes a namespace other code resolves names in (search_path, qualified queries,
// grants, functions). With CASCADE it also deletes, without listing them, every table, view,
// sequence and function inside, data included: one statement can empty a whole application.

import { defineRule } from './rule.js';
import { droppedSchemas } from './util/dropped-objects.js';
import { objectList } from './util/object-list.js';
import { statementsOf } from './util/statements.js';

export default defineRule({
  meta: {
    id: 'ban-drop-schema',
    description: 'DROP SCHEMA of a schema that existed before the migration.',
    severity: 'error',
    risk: 'high',
    kind: 'statement',
    messages: {
      'drop-schema': {
        message: 'DROP SCHEMA removes existing {{schemas}}; queries, functions and search_path settings that still refer to {{them}} fail.',
        help: 'Move or drop the objects you mean to remove one by one in reviewed migrations, and remove the schema by hand once it is empty and unused.',
      },
      'drop-schema-cascade': {
        message: 'DROP SCHEMA ... CASCADE permanently deletes existing {{schemas}} with every table, view and function in {{them}}, data included, without listing them.',
        help: 'Drop the objects you mean to remove one by one in reviewed migrations (after a backup), then drop the empty schema without CASCADE.',
      },
    },
  },
  check({ model, report }) {
    // Schemas this file created (without IF NOT EXISTS, which may find an existing one), by the
    // index of the creating statement: dropping one again only removes what the file made.
    const createdSchemas = new Map<string, number>();
    for (const { statement, node } of statementsOf(model, 'CreateSchemaStmt')) {
      if (node.schemaname && !node.if_not_exists) createdSchemas.set(node.schemaname, statement.index);
    }
    for (const { statement, node } of statementsOf(model, 'DropStmt')) {
      const existing = droppedSchemas(node).filter((name) => {
        const createdAt = createdSchemas.get(name);
        return createdAt === undefined || createdAt >= statement.index;
      });
      if (existing.length === 0) continue;
      const cascade = node.behavior === 'DROP_CASCADE';
      // DropStmt carries no locations for its names: the finding points at the statement.
      const { phrase, them } = objectList('schema', existing);
      report({ messageId: cascade ? 'drop-schema-cascade' : 'drop-schema', statement, data: { schemas: phrase, them } });
    }
  },
});
