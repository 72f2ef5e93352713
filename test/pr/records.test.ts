// Issue "Judge the pull request", point 11: the stages' results for one migration live in one
// record keyed by the migration. A rollback file's own row (here with a rollback-mismatch) used to
// shift the report's rows, so that header-risk-understated weighed another file's findings.

import { afterEach, expect, it } from 'vitest';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

it('a drop-column migration declared @risk-level: medium after a rollback file with findings is still judged on its own findings', async () => {
  repo = new PrRepo({ 'migrations/0001_create_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, legacy_id text);\n' });
  repo.change({
    write: {
      'migrations/0002_add_score.sql': 'ALTER TABLE users ADD COLUMN score integer;\n',
      // Forgets to drop the column again: the rollback round trip reports a mismatch in this file.
      'migrations/0002_add_score_rollback.sql': 'SELECT 1;\n',
      'migrations/0003_drop_legacy_id.sql': '-- @risk-level: medium\n-- @zero-downtime: false\nALTER TABLE users DROP COLUMN legacy_id;\n',
    },
  });
  const { report } = await repo.check();
  expect(report.migrations.map((m) => m.path)).toEqual(['migrations/0002_add_score.sql', 'migrations/0002_add_score_rollback.sql', 'migrations/0003_drop_legacy_id.sql']);
  const rollbackRow = report.migrations[1]!;
  expect(rollbackRow.findings.map((f) => f.rule)).toEqual(['rollback-mismatch']);
  const dropRow = report.migrations[2]!;
  expect(dropRow.findings.map((f) => `${f.line} ${f.rule}`)).toEqual(expect.arrayContaining(['1 header-risk-understated', '3 ban-drop-column']));
  expect(dropRow.findings.find((f) => f.rule === 'header-risk-understated')!.message).toContain('rates this migration high because of ban-drop-column');
});
