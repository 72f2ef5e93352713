import { describe, expect, it } from 'vitest';
import { buildFileModel } from '../../lint/file-model.js';
import { ensureParser, parseSource } from '../../sql/parse.js';
import { sourceFromText } from '../../sql/source.js';
import { PSQL_STYLE_SCOPE } from '../../types.js';
import { perFile } from './per-file.js';
import { alterTableCommands, statementsOf } from './statements.js';

async function modelOf(sql: string) {
  await ensureParser();
  return buildFileModel(parseSource(sourceFromText('m.sql', sql)).statements, PSQL_STYLE_SCOPE);
}

describe('perFile', () => {
  it('computes a view once per file, however many rules ask, and separately for each file', async () => {
    const first = await modelOf('SELECT 1;');
    const second = await modelOf('SELECT 2;');
    const calls: unknown[] = [];
    const view = perFile((model) => {
      calls.push(model);
      return { statements: model.statements.length };
    });
    expect(view(first)).toBe(view(first));
    expect(view(second)).not.toBe(view(first));
    expect(calls).toEqual([first, second]);
  });

  it('caches a view whose value is undefined too', async () => {
    const model = await modelOf('SELECT 1;');
    let calls = 0;
    const view = perFile(() => {
      calls++;
      return undefined;
    });
    view(model);
    view(model);
    expect(calls).toBe(1);
  });
});

describe('statementsOf, alterTableCommands', () => {
  it('group statements by tag in file order, DO-block statements included', async () => {
    const model = await modelOf(
      "CREATE TABLE a (x int);\nALTER TABLE a ADD COLUMN y int;\nDO $$ BEGIN ALTER TABLE b ADD COLUMN z int; END $$;\nALTER INDEX i SET (fillfactor = 70);",
    );
    expect(statementsOf(model, 'AlterTableStmt').map(({ statement }) => statement.index)).toEqual([1, 3, 4]);
    expect(statementsOf(model, 'VacuumStmt')).toEqual([]);
    // ALTER INDEX is an AlterTableStmt too, but not a table's sub-command.
    expect(alterTableCommands(model).map(({ relation, existing }) => [relation?.relname, existing])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});
