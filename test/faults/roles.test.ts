// Roles are cluster-wide: on a given server a role a migration creates would outlive the run, and the
// same pull request checked again would fail with "role already exists". The run drops the roles it
// created, and only those.

import { describe, expect, it } from 'vitest';
import { withConnection } from '../../src/db/connect.js';
import { runCase } from '../db-rule-tester.js';
import { testDatabaseUrl } from '../db/postgres.js';

const roleExists = (name: string) =>
  withConnection(testDatabaseUrl(), async (admin) => (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1);

describe('roles a migration creates on a given server', () => {
  it('are dropped at the end, so that checking the same change again gives the same result', async () => {
    const reader = `reporting_reader_${process.pid}`;
    const writer = `reporting_writer_${process.pid}`;
    // Another client creates a role while the run goes on: not the run's, so it stays.
    const neighbour = `neighbour_${process.pid}`;
    const sql =
      `CREATE ROLE ${reader} NOLOGIN;\nCREATE TABLE report (id bigint PRIMARY KEY);\nGRANT SELECT ON report TO ${reader};\n` +
      `DO $$ BEGIN CREATE ROLE ${writer} NOLOGIN; END $$;\n`;
    try {
      for (const attempt of [1, 2]) {
        const { stage, findings } = await runCase({
          name: `roles ${attempt}`,
          sql,
          beforeApply: async () => {
            if (attempt === 1) await withConnection(testDatabaseUrl(), (admin) => admin.query(`CREATE ROLE ${neighbour} NOLOGIN`));
          },
        });
        expect(stage.files.get('migrations/0100_change.sql')?.apply, `attempt ${attempt}`).toEqual(expect.objectContaining({ status: 'applied' }));
        expect(findings.filter((finding) => finding.rule === 'apply-failed')).toEqual([]);
        expect(await roleExists(reader)).toBe(false);
        expect(await roleExists(writer)).toBe(false);
      }
      expect(await roleExists(neighbour)).toBe(true);
    } finally {
      await withConnection(testDatabaseUrl(), async (admin) => {
        for (const role of [reader, writer, neighbour]) await admin.query(`DROP ROLE IF EXISTS ${role}`);
      });
    }
  }, 60_000);
});
