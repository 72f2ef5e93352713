// Migration names are how a team finds, orders and reviews its history: one version pattern, one
// description style, and no .sql file that the runner silently ignores. `auto` follows the runner's
// own naming (Flyway's V<version>__<description>, checked by discovery; Prisma's timestamped
// folders) and the conventions the merged history already uses, so a kebab-case history is not
// told to use snake_case.

import type { Migration } from '../discover/index.js';
import type { MigrationSetView } from '../lint/set-model.js';
import { defineSetRule } from './rule.js';
import { fitsStyles, historyStyles, inStyle, styleOf, type DescriptionStyle } from './util/description-style.js';

const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

export default defineSetRule({
  meta: {
    id: 'naming-convention',
    description: 'Migration files follow the naming pattern and description style of their runner and history, and the runner recognises every .sql file.',
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
      'description-style': {
        message: 'The description "{{name}}" in {{file}} is not {{expected}}: {{why}}.',
        help: 'Name it in that style, e.g. {{example}} (or set `naming.description` in .migration-gate.yml).',
      },
      unrecognized: {
        message: '{{detail}}',
        help: 'Rename the file to the {{layout}} naming, or move it out of the migrations directory.',
      },
    },
  },
  check({ set, config, report }) {
    const pattern = config.naming.pattern === 'auto' ? conventionOf(set) : config.naming.pattern;
    const description = descriptionRule(set, config.naming.description);
    for (const { migration, status } of set.checked) {
      if (status !== 'new' || migration.kind === 'repeatable') continue;
      const file = migration.relativePath;
      if (pattern === 'sequence' || pattern === 'timestamp') {
        if (!fitsPattern(migration, pattern)) {
          report({ messageId: pattern, path: migration.path, data: { file, version: migration.version, example: exampleName(migration, pattern, description?.styles) } });
          continue;
        }
      } else if (pattern !== 'runner' && !new RegExp(pattern).test(nameForPattern(migration))) {
        report({ messageId: 'regex', path: migration.path, data: { file, pattern } });
        continue;
      }
      if (description && !fitsStyles(migration.name, description.styles)) {
        const style = [...description.styles][0]!;
        report({ messageId: 'description-style', path: migration.path, data: { file, name: migration.name, expected: [...description.styles].join(' or '), why: description.why(styleOf(migration.name)), example: renamed(nameForPattern(migration), migration.name, inStyle(migration.name, style)) } });
      }
    }
    for (const problem of set.problems) {
      if (problem.code !== 'unrecognized-file') continue;
      report({ messageId: 'unrecognized', path: problem.path, line: problem.line, column: problem.column, data: { detail: problem.message, layout: set.layout }, subject: { problem } });
    }
  },
});

/**
 * `runner` where the runner's own naming is all there is to check (Flyway: discovery reports names
 * Flyway skips); the layout's convention where it has one; else what most merged migrations use.
 */
function conventionOf(set: MigrationSetView): 'sequence' | 'timestamp' | 'runner' {
  if (set.layout === 'flyway') return 'runner';
  if (set.layout === 'prisma') return 'timestamp';
  // drizzle-kit numbers journal files (0000_x.sql); its 1.0 folders are timestamps (majority below).
  if (set.layout === 'drizzle' && set.migrations.some((m) => m.journal)) return 'sequence';
  const versioned = history(set);
  const timestamps = versioned.filter((m) => TIMESTAMP.test(m.version)).length;
  return versioned.length > 0 && timestamps * 2 > versioned.length ? 'timestamp' : 'sequence';
}

/** The merged migrations (all of them when nothing is merged yet), versioned ones only. */
function history(set: MigrationSetView): Migration[] {
  const existing = set.base && set.base.length > 0 ? set.base : set.migrations;
  return existing.filter((m) => m.kind === 'versioned');
}

interface DescriptionRule {
  styles: ReadonlySet<DescriptionStyle>;
  why(actual: string): string;
}

/** The description styles a new migration may use, or undefined when any is fine. */
function descriptionRule(set: MigrationSetView, setting: 'auto' | DescriptionStyle | 'any'): DescriptionRule | undefined {
  if (setting === 'any') return undefined;
  if (setting !== 'auto') return { styles: new Set([setting]), why: (actual) => `naming.description is ${setting}, and this one is ${actual}` };
  // Flyway descriptions are free text that Flyway shows with spaces for underscores.
  if (set.layout === 'flyway') return undefined;
  const styles = historyStyles(history(set));
  const why = styles.fromHistory
    ? (actual: string) => `the merged migrations use ${[...styles.accepted].map((style) => styles.describe(style)).join(' and ')}, and this one is ${actual}`
    : (actual: string) => `this one is ${actual}`;
  return { styles: styles.accepted, why };
}

function fitsPattern(migration: Migration, pattern: 'sequence' | 'timestamp'): boolean {
  if (pattern === 'timestamp') return isTimestamp(migration.version);
  // Flyway versions may have parts (V1_2__x.sql); each is a number.
  const sequence = migration.layout === 'flyway' ? /^\d+(?:[._]\d+)*$/ : /^\d+$/;
  return sequence.test(migration.version) && !TIMESTAMP.test(migration.version);
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

/** The file (or folder) as it would be named in the pattern: `V0042__x.sql`, `0042_add_users.up.sql`. */
function exampleName(migration: Migration, pattern: 'sequence' | 'timestamp', styles: ReadonlySet<DescriptionStyle> | undefined): string {
  const version = pattern === 'sequence' ? '0042' : '20250528120000';
  const stem = nameForPattern(migration);
  const at = migration.version === '' ? -1 : stem.indexOf(migration.version);
  const renumbered = at < 0 ? `${version}_${stem}` : `${stem.slice(0, at)}${version}${stem.slice(at + migration.version.length)}`;
  if (!styles || migration.name === '' || fitsStyles(migration.name, styles)) return renumbered;
  return renamed(renumbered, migration.name, inStyle(migration.name, [...styles][0]!));
}

/** `stem` with its description `from` written as `to` (the last occurrence: the version comes first). */
function renamed(stem: string, from: string, to: string): string {
  const at = stem.lastIndexOf(from);
  return at < 0 ? stem : `${stem.slice(0, at)}${to}${stem.slice(at + from.length)}`;
}
