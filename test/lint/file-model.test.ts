import { describe, expect, it } from 'vitest';
import { lintSql } from '../lint-helpers.js';

const ruleLines = async (sql: string, rule: string) =>
  (await lintSql(sql)).findings.filter((f) => f.rule === rule).map((f) => f.line);

describe('file model: tables created in the file', () => {
  it('a created table keeps its status under its old name until the rename and its new name after', async () => {
    const sql = 'CREATE TABLE a (x int);\nALTER TABLE a ADD CONSTRAINT c CHECK (x > 0);\nALTER TABLE a RENAME TO b;\nALTER TABLE b ADD CONSTRAINT d CHECK (x > 1);\nALTER TABLE a ADD CONSTRAINT e CHECK (x > 2);';
    // Only line 5 names a table that is not the new one: after the rename, `a` is some other table.
    expect(await ruleLines(sql, 'constraint-missing-not-valid')).toEqual([5]);
  });

  it('a dropped and re-created name is new again; between the two it is not', async () => {
    const sql = 'CREATE TABLE t (x int);\nDROP TABLE t;\nCREATE INDEX i ON t (x);\nCREATE TABLE t (x int);\nCREATE INDEX j ON t (x);';
    expect(await ruleLines(sql, 'require-concurrent-index-creation')).toEqual([3]);
  });

  it('COMMIT AND CHAIN keeps a transaction open', async () => {
    const sql = 'BEGIN;\nCOMMIT AND CHAIN;\nCREATE INDEX CONCURRENTLY i ON t (x);\nCOMMIT;';
    expect(await ruleLines(sql, 'ban-concurrent-index-creation-in-transaction')).toEqual([3]);
  });
});
