import { describe } from 'vitest';
import { testSetRule, type InvalidSetRuleCase, type SetRuleCase } from '../../test/set/set-tester.js';

const SAFE = 'CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);\n';
const USERS_FILE = '20250527100000_create_users_table.sql';
const PREFS_FILE = '20250528120000_add_user_preferences_table.sql';
const LATER_FILE = '20250601090000_add_audit_log.sql';

/** User guide 004's header, with `replace` applied to one of its lines. */
function guide004(...replacements: Array<[string, string]>): string {
  let header = [
    '-- Migration: 20250528120000_add_user_preferences_table.sql',
    '-- Description: Add user preferences table for storing user settings',
    '-- Created: 2025-05-28',
    '-- Version: 20250528120000',
    '-- @zero-downtime: true',
    '-- @estimated-duration: 30 seconds',
    '-- @risk-level: low',
    '-- @dependencies: 20250527100000_create_users_table',
    '',
    SAFE,
  ].join('\n');
  for (const [from, to] of replacements) header = header.replace(from, to);
  return header;
}
/** The set around the checked file: one migration before it, one after it. */
const around = (prefs: string): Record<string, string> => ({ [USERS_FILE]: SAFE, [PREFS_FILE]: prefs, [LATER_FILE]: SAFE });
/** Only the preferences file is new: the others are merged. */
const merged = { [USERS_FILE]: SAFE, [LATER_FILE]: SAFE };


const valid: SetRuleCase[] = [
  { name: 'guide 004 header as written', base: merged, files: around(guide004()) },
  {
    name: 'guide 001 header: a title in Migration, Related free text',
    files: { '0003_today_checklist_feature.sql': '-- Migration: User Profile Feature\n-- Created: 2025-01-15\n-- Description: Add user_profiles\n-- Related: Ticket #123\n' + SAFE },
  },
  { name: 'leap day', base: merged, files: around(guide004(['2025-05-28', '2024-02-29'])) },
  { name: 'risk level and boolean in another case', base: merged, files: around(guide004(['@risk-level: low', '@risk-level: High'], ['@zero-downtime: true', '@zero-downtime: FALSE'])) },
  {
    name: 'dependencies by version, by file name, by name without .sql, several, with spaces',
    base: merged,
    files: around(guide004(['@dependencies: 20250527100000_create_users_table', `@dependencies:  20250527100000 , ${USERS_FILE},20250527100000_create_users_table`])),
  },
  { name: '`none` means no dependencies', base: merged, files: around(guide004(['@dependencies: 20250527100000_create_users_table', '@dependencies: none'])) },
  {
    name: 'sequence versions compare without leading zeros',
    files: { '0001_users.sql': SAFE, '0042_prefs.sql': '-- Version: 42\n-- @dependencies: 1, 0001_users\n' + SAFE },
  },
  {
    name: 'Prisma: a dependency by folder name, Migration naming the migration.sql',
    files: {
      '20250101000000_init/migration.sql': SAFE,
      '20250102000000_prefs/migration.sql': '-- Migration: migration.sql\n-- Version: 20250102000000\n-- @dependencies: 20250101000000_init\n' + SAFE,
    },
  },
  {
    name: 'Flyway: a version with dots or underscores',
    files: { 'V1_1__init.sql': SAFE, 'V1_2__prefs.sql': '-- Version: 1.2\n-- @dependencies: 1.1, V1_1__init.sql\n' + SAFE },
  },
  { name: 'an empty value is header-missing-field\'s business', base: merged, files: around(guide004(['-- Created: 2025-05-28', '-- Created:'])) },
  {
    name: 'merged and edited merged migrations are not checked',
    base: { [USERS_FILE]: '-- Created: 2025-02-30\n' + SAFE },
    files: { [USERS_FILE]: '-- Created: 2025-02-30\n-- @risk-level: extreme\n' + SAFE },
  },
];

const invalid: InvalidSetRuleCase[] = [
  {
    name: 'a day that does not exist',
    base: merged,
    files: around(guide004(['2025-05-28', '2025-02-30'])),
    findings: [{ path: PREFS_FILE, line: 3, column: 13, message: '`Created: 2025-02-30` is not a calendar date' }],
  },
  {
    name: 'the template placeholder, a 13th month, another format',
    files: { '0001_a.sql': '-- Created: YYYY-MM-DD\n' + SAFE, '0002_b.sql': '--Created:2025-13-01\n' + SAFE, '0003_c.sql': '-- Created: 2025/05/28\n' + SAFE },
    findings: [
      { path: '0001_a.sql', line: 1, column: 13, message: 'YYYY-MM-DD' },
      { path: '0002_b.sql', line: 1, column: 11, message: '2025-13-01' },
      { path: '0003_c.sql', line: 1, column: 13, message: '2025/05/28' },
    ],
  },
  {
    name: 'an unknown risk level',
    base: merged,
    files: around(guide004(['@risk-level: low', '@risk-level: critical'])),
    findings: [{ path: PREFS_FILE, line: 7, column: 17, message: '`@risk-level: critical` is not a risk level' }],
  },
  {
    name: 'zero-downtime that is not a boolean',
    base: merged,
    files: around(guide004(['@zero-downtime: true', '@zero-downtime: yes'])),
    findings: [{ path: PREFS_FILE, line: 5, column: 20, message: '`@zero-downtime: yes` is not true or false' }],
  },
  {
    name: 'a Version that is another file\'s',
    base: merged,
    files: around(guide004(['Version: 20250528120000', 'Version: 20250527100000'])),
    findings: [{ path: PREFS_FILE, line: 4, column: 13, message: `does not match the version of ${PREFS_FILE}, 20250528120000` }],
  },
  {
    name: 'a Migration file name that is another file\'s (copied header)',
    base: merged,
    files: around(guide004(['Migration: 20250528120000_add_user_preferences_table.sql', `Migration: ${USERS_FILE}`])),
    findings: [{ path: PREFS_FILE, line: 1, column: 15, message: `names another file than this one, ${PREFS_FILE}` }],
  },
  {
    name: 'a dependency that names no migration',
    base: merged,
    files: around(guide004(['20250527100000_create_users_table', '20250527100000_create_user_table'])),
    findings: [{ path: PREFS_FILE, line: 8, column: 19, message: 'Dependency `20250527100000_create_user_table` names no migration' }],
  },
  {
    name: 'a later migration and the migration itself, pointed at in the list',
    base: merged,
    files: around(guide004(['20250527100000_create_users_table', `20250527100000, ${LATER_FILE}, 20250528120000`])),
    findings: [
      { path: PREFS_FILE, line: 8, column: 35, message: `is ${LATER_FILE}, which runs after this one` },
      { path: PREFS_FILE, line: 8, column: 69, message: 'Dependency `20250528120000` is this migration itself' },
    ],
  },
  {
    name: 'every case at once in a CRLF file',
    files: {
      '0001_users.sql': SAFE,
      '0002_prefs.sql': '-- Created: 2025-02-29\r\n-- Version: 3\r\n-- @risk-level: lowish\r\n-- @zero-downtime: maybe\r\n-- @dependencies: 0001, 0003\r\n\r\n' + SAFE.replace('\n', '\r\n'),
    },
    findings: [
      { path: '0002_prefs.sql', line: 1, column: 13, message: '2025-02-29' },
      { path: '0002_prefs.sql', line: 2, column: 13, message: 'Version: 3' },
      { path: '0002_prefs.sql', line: 3, column: 17, message: 'lowish' },
      { path: '0002_prefs.sql', line: 4, column: 20, message: 'maybe' },
      { path: '0002_prefs.sql', line: 5, column: 25, message: '`0003` names no migration' },
    ],
  },
  {
    name: 'a BOM does not shift the first line\'s columns',
    files: { '0001_users.sql': '\uFEFF-- Created: 2025-04-31\n' + SAFE },
    findings: [{ path: '0001_users.sql', line: 1, column: 13, message: '2025-04-31' }],
  },
];

describe('header-invalid-value', () => {
  testSetRule('header-invalid-value', { valid, invalid });
});
