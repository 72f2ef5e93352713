import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config.js';
import type { Migration } from '../discover/index.js';
import type { CheckedMigration } from '../lint/set-model.js';
import { readHeader } from '../sql/header.js';
import { ensureParser } from '../sql/parse.js';
import { sourceFromText } from '../sql/source.js';
import type { Finding } from '../types.js';
import { testSetRule, type InvalidSetRuleCase, type SetRuleCase } from '../../test/set/set-tester.js';
import rule from './header-risk-understated.js';

const SAFE = 'CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);\n';
const INDEX = 'CREATE INDEX users_email_idx ON users (email);\n';
const DROP = "SET lock_timeout = '5s';\nDROP TABLE old_things;\n";
const RENAME = "SET lock_timeout = '5s';\nALTER TABLE users RENAME COLUMN a TO b;\n";
const FILE = '20250528120000_add_user_preferences_table.sql';

/** A guide-004 header with the given risk annotations, then `sql`. */
const annotated = (risk: string, zeroDowntime: string, sql: string) =>
  `-- Migration: ${FILE}\n-- @zero-downtime: ${zeroDowntime}\n-- @risk-level: ${risk}\n\n${sql}`;


const valid: SetRuleCase[] = [
  { name: 'declared high and not zero-downtime for a blocking index', files: { [FILE]: annotated('high', 'false', INDEX) } },
  { name: 'declared low and zero-downtime for a new table', files: { [FILE]: annotated('low', 'true', SAFE) } },
  { name: 'a rename is medium but does not block writes', files: { [FILE]: annotated('medium', 'true', RENAME) } },
  {
    name: 'a finding suppressed by an inline ignore does not count',
    files: { [FILE]: annotated('low', 'true', '-- pg-migration-gate-ignore require-concurrent-index-creation, require-lock-timeout -- tiny table\n' + INDEX) },
  },
  { name: 'a syntax error is its own finding, not an understated risk', files: { [FILE]: annotated('low', 'true', 'CREATE TABL x (id int);\n') } },
  { name: 'no declaration, nothing to compare', files: { [FILE]: '-- Description: index\n' + INDEX } },
  { name: 'an unknown risk level and a non-boolean are header-invalid-value\'s business', files: { [FILE]: annotated('lowish', 'yes', INDEX) } },
  {
    name: 'merged and edited merged migrations are not checked',
    base: { '0001_a.sql': annotated('low', 'true', INDEX), '0002_b.sql': annotated('low', 'true', INDEX) },
    files: { '0001_a.sql': annotated('low', 'true', INDEX), '0002_b.sql': annotated('low', 'true', INDEX + 'SELECT 1;\n') },
  },
];

const invalid: InvalidSetRuleCase[] = [
  {
    name: 'declared low, the gate finds high: names every finding above low',
    files: { [FILE]: annotated('low', 'false', INDEX) },
    findings: [{ line: 3, column: 17, message: 'declares `@risk-level: low`, but the gate rates this migration high because of require-concurrent-index-creation (line 5), require-lock-timeout (line 5)' }],
  },
  {
    name: 'declared medium: only the findings above medium are named, lines grouped',
    files: { [FILE]: annotated('medium', 'false', INDEX + INDEX.replace('users_email_idx', 'users_name_idx').replace('email)', 'name)')) },
    findings: [{ line: 3, column: 17, message: 'rates this migration high because of require-concurrent-index-creation (lines 5, 6).' }],
  },
  {
    name: 'zero-downtime while a DROP TABLE blocks the table',
    files: { [FILE]: annotated('high', 'true', DROP) },
    findings: [{ line: 2, column: 20, message: 'declares `@zero-downtime: true`, but statements here block writes on an existing table: ban-drop-table (line 6)' }],
  },
  {
    name: 'both at once, as written in the file',
    files: { [FILE]: annotated('Low', 'TRUE', INDEX) },
    findings: [
      { line: 3, column: 17, message: '`@risk-level: Low`' },
      { line: 2, column: 20, message: '`@zero-downtime: TRUE`, but statements here block writes on an existing table: require-concurrent-index-creation (line 5).' },
    ],
  },
  {
    name: 'guide 001 header with the annotation, sequence file, CRLF',
    files: { '0004_prefs.sql': '-- Migration: Prefs\r\n-- Created: 2025-01-15\r\n-- @risk-level: medium\r\n\r\n' + DROP.replaceAll('\n', '\r\n') },
    findings: [{ line: 3, column: 17, message: 'ban-drop-table (line 6)' }],
  },
  {
    name: 'a BOM before the annotation',
    files: { [FILE]: '\uFEFF-- @risk-level: low\n' + RENAME },
    findings: [{ line: 1, column: 17, message: 'rates this migration medium because of renaming-column (line 3)' }],
  },
];

describe('header-risk-understated', () => {
  testSetRule('header-risk-understated', { valid, invalid });

  // The database stage's findings (a real lock trace) reach the rule through the same view.
  describe('with findings of the database stage', () => {
    const migration = { path: `migrations/${FILE}`, relativePath: FILE, version: '20250528120000', kind: 'versioned' } as Migration;
    const finding = (rule: string, risk: Finding['risk'], severity: Finding['severity'], line: number): Finding =>
      ({ rule, risk, severity, line, column: 1, message: '', help: '', path: migration.path });

    async function run(header: string, findings: Finding[]): Promise<string[]> {
      await ensureParser();
      const sql = `${header}\nALTER TABLE users ALTER COLUMN id TYPE bigint;\n`;
      const checked: CheckedMigration = { migration, status: 'new', header: readHeader(sourceFromText(migration.path, sql), sql.indexOf('ALTER')), findings, hasRollback: false };
      const messages: string[] = [];
      rule.check({
        set: { layout: 'plain', migrations: [migration], checked: [checked], base: undefined, changes: undefined, problems: [] },
        config: defaultConfig(),
        report: ({ messageId, line, column }) => messages.push(`${messageId}@${line}:${column}`),
      });
      return messages;
    }

    it('a table rewrite or an ACCESS EXCLUSIVE lock is not zero-downtime', async () => {
      expect(await run('-- @zero-downtime: true', [finding('table-rewrite', 'high', 'error', 2)])).toEqual(['not-zero-downtime@1:20']);
      expect(await run('-- @zero-downtime: true', [finding('access-exclusive-lock', 'medium', 'warning', 2)])).toEqual(['not-zero-downtime@1:20']);
      expect(await run('-- @zero-downtime: true', [finding('fk-missing-index', 'medium', 'warning', 2)])).toEqual([]);
    });

    it('an info finding counts as low risk, as in the report', async () => {
      expect(await run('-- @risk-level: low', [finding('changing-column-type', 'high', 'info', 2)])).toEqual([]);
      expect(await run('-- @risk-level: low', [finding('changing-column-type', 'high', 'warning', 2)])).toEqual(['risk-level-below-findings@1:17']);
    });

    it('never feeds on the header rules\' own findings or on unused ignores', async () => {
      const own = [finding('header-invalid-value', 'medium', 'warning', 1), finding('header-risk-understated', 'medium', 'warning', 1), finding('unused-ignore', 'low', 'warning', 2)];
      expect(await run('-- @risk-level: low', own)).toEqual([]);
    });
  });
});
