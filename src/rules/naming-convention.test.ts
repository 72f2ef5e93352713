import { describe, expect, it } from 'vitest';
import { runSetRule } from '../../test/set/set-tester.js';

const at = async (...args: Parameters<typeof runSetRule>) =>
  (await runSetRule(...args)).map((f) => `${f.path}:${f.line} ${f.message}`);

describe('naming-convention', () => {
  it('auto: a sequence-numbered history accepts a new numbered, snake_case file', async () => {
    expect(await at('naming-convention', { files: { '0001_users.sql': 'SELECT 1;', '0002_add_email.sql': 'SELECT 1;' }, base: { '0001_users.sql': 'SELECT 1;' } })).toEqual([]);
  });

  it('auto: a timestamped history flags a numbered file, and vice versa', async () => {
    const ts = await at('naming-convention', {
      files: { '20250101120000_users.sql': 'SELECT 1;', '0002_add_email.sql': 'SELECT 1;' },
      base: { '20250101120000_users.sql': 'SELECT 1;' },
    });
    expect(ts).toEqual(['0002_add_email.sql:1 0002_add_email.sql does not start with a YYYYMMDDHHMMSS timestamp: its version is "0002".']);
    const seq = await at('naming-convention', {
      files: { '0001_users.sql': 'SELECT 1;', '20250101120000_add_email.sql': 'SELECT 1;' },
      base: { '0001_users.sql': 'SELECT 1;' },
    });
    expect(seq).toHaveLength(1);
    expect(seq[0]).toContain('does not start with a sequence number');
  });

  it('timestamp: the timestamp must be a real time', async () => {
    const findings = await at('naming-convention', { files: { '20251399120000_x.sql': 'SELECT 1;' }, config: { naming: { pattern: 'timestamp' } } });
    expect(findings).toHaveLength(1);
  });

  it('flags a description in another style than the history\'s, with a suggestion', async () => {
    const base = { '0001_create_users.sql': 'SELECT 1;', '0002_add_user_name.sql': 'SELECT 1;' };
    const [finding] = await runSetRule('naming-convention', { base, files: { ...base, '0003_AddUserEmail.sql': 'SELECT 1;' } });
    expect(finding?.message).toBe(
      'The description "AddUserEmail" in 0003_AddUserEmail.sql is not snake_case: the merged migrations use snake_case (2 of 2), and this one is camelCase.',
    );
    expect(finding?.help).toContain('0003_add_user_email.sql');
  });

  it('the first migrations set the style; naming.description overrides the history', async () => {
    expect(await at('naming-convention', { files: { '0001_AddUserEmail.sql': 'SELECT 1;' } })).toEqual([]);
    const findings = await at('naming-convention', { files: { '0001_AddUserEmail.sql': 'SELECT 1;' }, config: { naming: { description: 'snake_case' } } });
    expect(findings).toEqual(['0001_AddUserEmail.sql:1 The description "AddUserEmail" in 0001_AddUserEmail.sql is not snake_case: naming.description is snake_case, and this one is camelCase.']);
    expect(await at('naming-convention', { files: { '0001_Add Users.sql': 'SELECT 1;' }, config: { naming: { description: 'any' } } })).toEqual([]);
  });

  it('a mixed history accepts each style at least a fifth of it uses', async () => {
    const base = { '0001_create-users.sql': 'SELECT 1;', '0002_create_posts.sql': 'SELECT 1;', '0003_add-tags.sql': 'SELECT 1;', '0004_init.sql': 'SELECT 1;' };
    expect(await at('naming-convention', { base, files: { ...base, '0005_add_comments.sql': 'SELECT 1;', '0006_add-likes.sql': 'SELECT 1;' } })).toEqual([]);
    expect(await at('naming-convention', { base, files: { ...base, '0005_addComments.sql': 'SELECT 1;' } })).toHaveLength(1);
  });

  it('a regex pattern is matched against the file (or the folder of folder layouts)', async () => {
    const config = { naming: { pattern: '^\\d{4}_[a-z_]+\\.sql$' } };
    expect(await at('naming-convention', { files: { '0001_users.sql': 'SELECT 1;' }, config })).toEqual([]);
    expect(await at('naming-convention', { files: { '001_users.sql': 'SELECT 1;' }, config })).toEqual([
      '001_users.sql:1 001_users.sql does not match the naming pattern /^\\d{4}_[a-z_]+\\.sql$/.',
    ]);
  });

  it('Prisma folders follow timestamps; only new migrations are checked', async () => {
    const files = { '20240101000000_init/migration.sql': 'SELECT 1;', '20240202000000_add_posts/migration.sql': 'SELECT 1;' };
    expect(await at('naming-convention', { files, base: { '20240101000000_init/migration.sql': 'SELECT 1;' } })).toEqual([]);
  });

  it('merged files are not re-checked', async () => {
    const files = { '0001_BadName.sql': 'SELECT 1;', '0002_good.sql': 'SELECT 1;' };
    expect(await at('naming-convention', { files, base: { '0001_BadName.sql': 'SELECT 1;' } })).toEqual([]);
  });

  it('a .sql file the layout does not recognise is reported at that file', async () => {
    const findings = await runSetRule('naming-convention', { files: { '0001_users.sql': 'SELECT 1;', 'notes.sql': 'SELECT 1;' } });
    expect(findings.map((f) => f.path)).toEqual(['notes.sql']);
  });
});
