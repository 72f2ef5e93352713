// Migration names are how a team finds, orders and reviews its history: one pattern and a
// snake_case description, and no .sql file that the runner silently ignores.

import type { Migration } from '../discover/index.js';
import type { MigrationSetView } from '../lint/set-model.js';
import { defineSetRule } from './rule.js';

const SNAKE_CASE = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;
const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

export default defineSetRule({
  meta: {
    id: 'naming-convention',
    description: 'Migration files follow the configured naming pattern with a snake_case name, and the runner recognises every .sql file.',
    severity: 'warning',
    risk: 'low',
    kind: 'set',
    messages: {
      sequence: {
        message: '{{file}} does not start with a sequence number: its version is "{{version}}".',
        help: 'Name it <number>_<description>.sql, one more than the newest migration (e.g. {{example}}).',
      },
      timestamp: {
        message: '{{file}} does not start with a YYYYMMDDHHMMSS timestamp: its version is "{{version}}".',
        help: 'Name it <YYYYMMDDHHMMSS>_<description>.sql with the time the migration was created (e.g. {{example}}).',
      },
      regex: {
        message: '{{file}} does not match the naming pattern /{{pattern}}/.',
        help: 'Rename the file to match `naming.pattern` in .migration-gate.yml.',
      },
      'not-snake-case': {
        message: 'The description "{{name}}" in {{file}} is not snake_case.',
        help: 'Use lower-case words joined by underscores, e.g. {{example}}.',
      },
      unrecognized: {
        message: '{{detail}}',
        help: 'Rename the file to the {{layout}} naming, or move it out of the migrations directory.',
      },
    },
  },
  check({ set, config, report }) {
    const pattern = config.naming.pattern === 'auto' ? conventionOf(set) : config.naming.pattern;
    for (const { migration, status } of set.checked) {
      if (status !== 'new' || migration.kind === 'repeatable') continue;
      const file = migration.relativePath;
      // Flyway versions (V1_2__) are Flyway's own convention, checked by discovery.
      if ((pattern === 'sequence' || pattern === 'timestamp') && migration.layout !== 'flyway') {
        const wrong = pattern === 'sequence' ? !/^\d+$/.test(migration.version) || TIMESTAMP.test(migration.version) : !isTimestamp(migration.version);
        if (wrong) {
          report({ messageId: pattern, path: migration.path, data: { file, version: migration.version, example: exampleName(migration, pattern) } });
          continue;
        }
      } else if (!new RegExp(pattern).test(nameForPattern(migration))) {
        report({ messageId: 'regex', path: migration.path, data: { file, pattern } });
        continue;
      }
      // Flyway descriptions are free text that Flyway shows with spaces for underscores.
      if (migration.layout !== 'flyway' && !SNAKE_CASE.test(migration.name)) {
        report({ messageId: 'not-snake-case', path: migration.path, data: { file, name: migration.name, example: toSnakeCase(migration.name) } });
      }
    }
    for (const problem of set.problems) {
      if (problem.code !== 'unrecognized-file') continue;
      report({ messageId: 'unrecognized', path: problem.path, line: problem.line, column: problem.column, data: { detail: problem.message, layout: set.layout } });
    }
  },
});

/**
 * The layout's own convention where it has one (Prisma folders are timestamps), else the one most merged migrations follow (all of them when nothing is merged yet).
 */
function conventionOf(set: MigrationSetView): 'sequence' | 'timestamp' {
  if (set.layout === 'prisma') return 'timestamp';
  // drizzle-kit numbers journal files (0000_x.sql); its 1.0 folders are timestamps (majority below).
  if (set.layout === 'drizzle' && set.migrations.some((m) => m.journal)) return 'sequence';
  const existing = set.base && set.base.length > 0 ? set.base : set.migrations;
  const versioned = existing.filter((m) => m.kind === 'versioned');
  const timestamps = versioned.filter((m) => TIMESTAMP.test(m.version)).length;
  return versioned.length > 0 && timestamps * 2 > versioned.length ? 'timestamp' : 'sequence';
}

function isTimestamp(version: string): boolean {
  const parts = TIMESTAMP.exec(version);
  if (!parts) return false;
  const [, year, month, day, hour, minute, second] = parts.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/** The part of the path a user's regex is about: the folder of folder layouts, else the file name. */
function nameForPattern(migration: Migration): string {
  return migration.relativePath.split('/')[0]!;
}

function toSnakeCase(name: string): string {
  return (
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toLowerCase() || 'add_users_table'
  );
}

function exampleName(migration: Migration, pattern: 'sequence' | 'timestamp'): string {
  const name = SNAKE_CASE.test(migration.name) ? migration.name : toSnakeCase(migration.name);
  return pattern === 'sequence' ? `0042_${name}.sql` : `20250528120000_${name}.sql`;
}
