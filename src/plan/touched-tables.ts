// Which existing tables the pending migrations touch, from the lint file model of each pending file
// (the real parser's statements, replayed as the runner runs them): every relation a statement
// names that the file did not create itself. blocking-session asks the target about these.

import { readFileSync } from 'node:fs';
import { maskOutside } from '../discover/index.js';
import type { Migration } from '../discover/types.js';
import { buildFileModel, isCreatedInFile, relationKey } from '../lint/file-model.js';
import type { RangeVar } from 'libpg-query';
import { walkTree } from '../sql/ast.js';
import { ensureParser, parseSource } from '../sql/parse.js';
import { decodeSource, positionAt } from '../sql/source.js';

export interface TableUse {
  /** The pending migration, as reported, and the line of its first statement on the table. */
  path: string;
  line: number;
  /** The statement's kind in words: `ALTER TABLE`, `CREATE INDEX`. */
  what: string;
}

/** `schema.name` -> its first use by a pending migration, in the runner's order. */
export async function touchedTables(pending: readonly Migration[]): Promise<Map<string, TableUse>> {
  await ensureParser();
  const uses = new Map<string, TableUse>();
  for (const migration of pending) {
    const raw = readFileSync(migration.absolutePath);
    const parts = migration.sections?.length
      ? migration.sections.map((section) => ({ bytes: maskOutside(raw, [section.up]), scope: section.upScope }))
      : [{ bytes: raw, scope: migration.scope }];
    for (const part of parts) {
      const decoded = decodeSource(migration.path, part.bytes);
      if (!decoded.ok) continue;
      const parsed = parseSource(decoded.source);
      const model = buildFileModel(parsed.statements, part.scope);
      for (const statement of model.statements) {
        for (const relation of relationsIn(statement.parsed.node)) {
          if (!relation.relname || isCreatedInFile(model, relation, statement)) continue;
          const key = relationKey(relation, statement.defaultSchema);
          if (uses.has(key)) continue;
          const { line } = positionAt(decoded.source, statement.parsed.start);
          uses.set(key, { path: migration.path, line, what: statementWords(statement.parsed.tag) });
        }
      }
    }
  }
  return uses;
}

/** `AlterTableStmt` -> `the ALTER TABLE`, as the messages say it. */
function statementWords(tag: string): string {
  const words = tag
    .replace(/Stmt$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
  const known: Record<string, string> = { INDEX: 'CREATE INDEX', 'CREATE TRIG': 'CREATE TRIGGER', RENAME: 'the RENAME', 'INSERT': 'INSERT', 'UPDATE': 'UPDATE', 'DELETE': 'DELETE' };
  return `the ${known[words] ?? words}`.replace(/^the the /, 'the ');
}

/**
 * Every relation a statement names: RangeVar nodes, wrapped (`{ RangeVar: ... }` in lists) or bare
 * (an ALTER TABLE's `relation`), both objects with a `relname`.
 */
function relationsIn(node: unknown): RangeVar[] {
  const found: RangeVar[] = [];
  walkTree(node, (_key, value) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as RangeVar).relname === 'string' && typeof (value as RangeVar).relpersistence === 'string') found.push(value as RangeVar);
  });
  return found;
}
