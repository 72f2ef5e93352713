// The set rules on goose directories: a new version below the newest merged one, which goose
// refuses to apply unless run with allow-missing, and two files of one version, which goose refuses.

import { describe, expect, it } from 'vitest';
import { runSetRule } from './set-tester.js';

const migration = (sql: string) => `-- +goose Up\n${sql}\n\n-- +goose Down\nSELECT 1;\n`;

describe('set rules on goose directories', () => {
  it("naming-out-of-order says that goose refuses the older newcomer unless allow-missing is on", async () => {
    const base = { '00001_create_users_table.sql': migration('CREATE TABLE users (id bigint);'), '20230915102030_add_index.sql': migration('SELECT 1;') };
    const findings = await runSetRule('naming-out-of-order', { base, files: { ...base, '00002_add_name.sql': migration('SELECT 2;') } });
    expect(findings.map((f) => f.path)).toEqual(['00002_add_name.sql']);
    expect(findings[0]!.message).toContain('sorts before 20230915102030_add_index.sql');
    expect(findings[0]!.message).toContain('goose refuses to migrate databases that ran a later version');
    expect(findings[0]!.message).toContain('-allow-missing');
  });

  it('naming-duplicate-version: 00002 and 2 are one version for goose', async () => {
    const base = { '00001_a.sql': migration('SELECT 1;'), '00002_b.sql': migration('SELECT 2;') };
    const findings = await runSetRule('naming-duplicate-version', { base, files: { ...base, '2_c.sql': migration('SELECT 3;') } });
    expect(findings.map((f) => [f.path, f.message])).toEqual([['2_c.sql', expect.stringContaining('like 00002_b.sql')]]);
  });
});
