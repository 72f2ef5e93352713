import { testPlanRule } from '../../test/plan-rule-tester.js';

const GOOSE = `CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id))`;
const file = (sql: string) => `-- +goose Up\n${sql}\n\n-- +goose Down\nSELECT 1;\n`;
const files = {
  'migrations/00001_users.sql': file('CREATE TABLE users (id bigint PRIMARY KEY);'),
  'migrations/00002_late.sql': file('ALTER TABLE users ADD COLUMN late text;'),
  'migrations/00003_email.sql': file('ALTER TABLE users ADD COLUMN email text;'),
};

testPlanRule('pending-skipped-by-runner', {
  valid: [
    { name: 'goose with -allow-missing applies it late', layout: 'goose', files, target: [GOOSE, 'INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (3, true)'], config: { tracking: { checksum: 'sha256', 'out-of-order': true } } },
  ],
  invalid: [
    {
      name: 'goose refuses a pending version older than the current one',
      layout: 'goose',
      files,
      target: [GOOSE, 'INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (3, true)'],
      findings: [{ path: 'migrations/00002_late.sql', severity: 'error', message: 'older than the current version 3: goose up refuses to run' }],
    },
  ],
});
