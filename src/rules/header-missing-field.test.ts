import { describe } from 'vitest';
import { testSetRule, type InvalidSetRuleCase, type SetRuleCase } from '../../test/set/set-tester.js';

const SAFE = 'CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);\n';

/** User guide 001: `-- Key: value` lines. */
const GUIDE_001 = '-- Migration: User Profile Feature\n-- Created: 2025-01-15\n-- Description: Add user_profiles table\n-- Related: Ticket #123\n\n' + SAFE;
/** User guide 004: plain fields and `@annotations`. */
const GUIDE_004 = [
  '-- Migration: 20250528120000_add_user_preferences_table.sql',
  '-- Description: Add user preferences table',
  '-- Created: 2025-05-28',
  '-- Version: 20250528120000',
  '-- @zero-downtime: true',
  '-- @estimated-duration: 30 seconds',
  '-- @risk-level: low',
  '-- @dependencies: 20250527100000_create_users_table',
  '',
  SAFE,
].join('\n');
const USERS = '-- Migration: 20250527100000_create_users_table.sql\n' + SAFE;


const valid: SetRuleCase[] = [
  { name: 'nothing required: a file without a header is fine', files: { '0001_widgets.sql': SAFE } },
  { name: 'guide 001 header with its fields required', files: { '0001_widgets.sql': GUIDE_001 }, config: { header: { required: ['Migration', 'Description', 'Created'] } } },
  {
    name: 'guide 004 header; the config spells names in another case and without @',
    base: { '20250527100000_create_users_table.sql': USERS },
    files: { '20250527100000_create_users_table.sql': USERS, '20250528120000_add_user_preferences_table.sql': GUIDE_004.replace('-- Migration', '-- migration') },
    config: { header: { required: ['migration', '@Risk-Level', 'zero-downtime', 'VERSION'] } },
  },
  {
    name: 'annotation written in another case in the file',
    files: { '0001_widgets.sql': '-- @Risk-Level: low\n' + SAFE },
    config: { header: { required: ['@risk-level'] } },
  },
  {
    name: 'merged migrations without a header are history',
    base: { '0001_widgets.sql': SAFE },
    files: { '0001_widgets.sql': SAFE, '0002_more.sql': GUIDE_001 },
    config: { header: { required: ['Created'] } },
  },
  {
    name: 'an edited merged migration is left to migration-modified',
    base: { '0001_widgets.sql': SAFE },
    files: { '0001_widgets.sql': SAFE + 'SELECT 1;\n' },
    config: { header: { required: ['Created'] } },
  },
];

const invalid: InvalidSetRuleCase[] = [
  {
    name: 'guide 001 header without Created: reported after the header block',
    files: { '0004_user_profiles.sql': '-- Migration: User Profile Feature\n-- Description: Add user_profiles\n\n' + SAFE },
    config: { header: { required: ['Migration', 'Created'] } },
    findings: [{ path: '0004_user_profiles.sql', line: 3, column: 1, message: '0004_user_profiles.sql has no `Created` header field', help: '`-- Created: YYYY-MM-DD`' }],
  },
  {
    name: 'guide 004 header without @risk-level: the help writes the annotation',
    files: { '20250528120000_add_prefs.sql': GUIDE_004.replace('-- @risk-level: low\n', '') },
    config: { header: { required: ['risk-level', 'Version'] } },
    findings: [{ path: '20250528120000_add_prefs.sql', line: 8, column: 1, message: 'has no `@risk-level` header field', help: '`-- @risk-level: low|medium|high`' }],
  },
  {
    name: 'no header at all: every required field, at line 1, in config order',
    files: { '20250528120000_add_prefs.sql': SAFE },
    config: { header: { required: ['Migration', 'Version', '@zero-downtime', 'Owner', 'created'] } },
    findings: [
      { path: '20250528120000_add_prefs.sql', line: 1, column: 1, message: '`Migration`', help: '`-- Migration: 20250528120000_add_prefs.sql`' },
      { path: '20250528120000_add_prefs.sql', line: 1, column: 1, message: '`Version`', help: '`-- Version: 20250528120000`' },
      { path: '20250528120000_add_prefs.sql', line: 1, column: 1, message: '`@zero-downtime`', help: '`-- @zero-downtime: true|false`' },
      { path: '20250528120000_add_prefs.sql', line: 1, column: 1, message: '`Owner`', help: '`-- Owner: <value>`' },
      { path: '20250528120000_add_prefs.sql', line: 1, column: 1, message: '`Created`', help: '`-- Created: YYYY-MM-DD`' },
    ],
  },
  {
    name: 'a field named twice in the config is reported once',
    files: { '0001_widgets.sql': SAFE },
    config: { header: { required: ['Created', 'created'] } },
    findings: [{ path: '0001_widgets.sql', line: 1, column: 1, message: '`Created`' }],
  },
  {
    name: 'a required field with nothing after the colon',
    files: { '0001_widgets.sql': '-- Migration: Widgets\n-- Created:\n' + SAFE },
    config: { header: { required: ['Created'] } },
    findings: [{ path: '0001_widgets.sql', line: 2, column: 1, message: 'The `Created` header field of 0001_widgets.sql is empty' }],
  },
  {
    name: 'only the new file of a branch is checked',
    base: { '0001_widgets.sql': SAFE },
    files: { '0001_widgets.sql': SAFE, '0002_more.sql': '-- Description: more\n' + SAFE },
    config: { header: { required: ['Created'] } },
    findings: [{ path: '0002_more.sql', line: 2, column: 1, message: '0002_more.sql has no `Created`' }],
  },
  {
    name: 'CRLF line ends do not shift the line',
    files: { '0001_widgets.sql': '-- Migration: Widgets\r\n-- Description: w\r\n\r\n' + SAFE.replace('\n', '\r\n') },
    config: { header: { required: ['Created'] } },
    findings: [{ path: '0001_widgets.sql', line: 3, column: 1, message: '`Created`' }],
  },
  {
    name: 'a BOM does not hide the first header line',
    files: { '0001_widgets.sql': '\uFEFF-- Created: 2025-01-15\n-- Description: w\n' + SAFE },
    config: { header: { required: ['Created', 'Migration'] } },
    findings: [{ path: '0001_widgets.sql', line: 3, column: 1, message: '`Migration`' }],
  },
  {
    name: 'Prisma: the help names the migration folder file',
    files: { '20250101000000_init/migration.sql': SAFE },
    config: { header: { required: ['Migration'] } },
    findings: [{ path: '20250101000000_init/migration.sql', line: 1, column: 1, message: '20250101000000_init/migration.sql has no `Migration`' }],
  },
];

describe('header-missing-field', () => {
  testSetRule('header-missing-field', { valid, invalid });
});
