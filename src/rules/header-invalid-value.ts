// Header metadata that is wrong is worse than none: release notes print the date, reviewers trust
// the risk level, runbooks follow the dependencies. Each known field is checked against what it
// can be; an empty value is left to header-missing-field (when the field is required).

import type { Migration } from '../discover/index.js';
import type { HeaderField } from '../sql/header.js';
import { defineSetRule, type SetRuleContext } from './rule.js';
import { fileNameOf } from './util/header-fields.js';
import { isVersionOf, refersTo } from './util/header-migration-refs.js';
import { isCalendarDate, parseBoolean, parseRiskLevel, splitList } from './util/header-values.js';

type MessageId =
  | 'invalid-date'
  | 'unknown-risk-level'
  | 'version-mismatch'
  | 'not-boolean'
  | 'unknown-dependency'
  | 'dependency-not-earlier'
  | 'migration-name-mismatch';

export default defineSetRule<MessageId>({
  meta: {
    id: 'header-invalid-value',
    description: 'Header fields of new migrations must hold valid values: real dates, known risk levels, the file\'s own version, earlier dependencies.',
    severity: 'warning',
    risk: 'medium',
    kind: 'set',
    messages: {
      'invalid-date': {
        message: '`{{field}}: {{value}}` is not a calendar date in the form YYYY-MM-DD.',
        help: 'Write the day the migration was created, e.g. `-- {{field}}: 2025-05-28`.',
      },
      'unknown-risk-level': {
        message: '`{{field}}: {{value}}` is not a risk level.',
        help: 'Use one of low, medium, high: `-- {{field}}: medium`.',
      },
      'version-mismatch': {
        message: '`{{field}}: {{value}}` does not match the version of {{file}}, {{version}}.',
        help: 'Write the file\'s own version, `-- {{field}}: {{version}}`, or rename the file if the header is right.',
      },
      'not-boolean': {
        message: '`{{field}}: {{value}}` is not true or false.',
        help: 'Write `-- {{field}}: true` only when no statement blocks reads or writes on an existing table, else `false`.',
      },
      'unknown-dependency': {
        message: 'Dependency `{{dependency}}` names no migration in the migrations directory.',
        help: 'Name an earlier migration by its version (`{{example}}`) or its file name; check for typos and renamed files.',
      },
      'dependency-not-earlier': {
        message: 'Dependency `{{dependency}}` {{what}}: a migration can only depend on one the runner applies before it.',
        help: 'Depend only on migrations that run before this one, or give this migration a later version.',
      },
      'migration-name-mismatch': {
        message: '`{{field}}: {{value}}` names another file than this one, {{file}}.',
        help: 'Write this file\'s name, `-- {{field}}: {{file}}`, or a title that is not a file name.',
      },
    },
  },
  check(context) {
    for (const checked of context.set.checked) {
      // A modified merged migration gets migration-modified; its header is history.
      if (checked.status !== 'new') continue;
      const { migration, header } = checked;
      const at = (field: HeaderField) => ({ path: migration.path, line: field.line, column: field.valueColumn });
      const fieldData = (field: HeaderField) => ({ field: field.written, value: field.value });
      for (const field of header.fields.values()) {
        if (field.value === '') continue;
        switch (field.name) {
          case 'created':
            if (!isCalendarDate(field.value)) context.report({ messageId: 'invalid-date', ...at(field), data: fieldData(field) });
            break;
          case 'risk-level':
            if (!parseRiskLevel(field.value)) context.report({ messageId: 'unknown-risk-level', ...at(field), data: fieldData(field) });
            break;
          case 'zero-downtime':
            if (parseBoolean(field.value) === undefined) context.report({ messageId: 'not-boolean', ...at(field), data: fieldData(field) });
            break;
          case 'version':
            // A Flyway repeatable migration has no version to compare with.
            if (migration.kind === 'versioned' && !isVersionOf(field.value, migration)) {
              context.report({ messageId: 'version-mismatch', ...at(field), data: { ...fieldData(field), file: migration.relativePath, version: migration.version } });
            }
            break;
          case 'migration':
            if (/\.sql$/i.test(field.value) && !namesThisFile(field.value, migration)) {
              context.report({ messageId: 'migration-name-mismatch', ...at(field), data: { ...fieldData(field), file: migration.relativePath } });
            }
            break;
          case 'dependencies':
            checkDependencies(context, migration, field);
            break;
        }
      }
    }
  },
});

/** `Migration: 0004_x.sql` in `migrations/0004_x.sql`; the relative or reported path also count. */
function namesThisFile(value: string, migration: Migration): boolean {
  return value === fileNameOf(migration) || value === migration.relativePath || value === migration.path;
}

function checkDependencies(context: SetRuleContext<MessageId>, migration: Migration, field: HeaderField): void {
  // `none` is how some teams write "no dependencies".
  if (field.value.toLowerCase() === 'none') return;
  const order = context.set.migrations;
  const position = order.findIndex((candidate) => candidate.path === migration.path);
  // Without its place in the runner's order, "earlier" means nothing: say nothing rather than guess.
  if (position === -1) return;
  for (const entry of splitList(field.value)) {
    const matches = order.map((candidate, index) => ({ candidate, index })).filter(({ candidate }) => refersTo(entry.text, candidate));
    const where = { path: migration.path, line: field.line, column: field.valueColumn + entry.offset };
    if (matches.length === 0) {
      const example = order[position - 1]?.version || order[0]?.version || '0001';
      context.report({ messageId: 'unknown-dependency', ...where, data: { dependency: entry.text, example } });
      continue;
    }
    // With two files of one version (naming-duplicate-version reports that), one earlier match is enough.
    if (matches.some(({ index }) => index < position)) continue;
    const first = matches[0]!;
    const what = first.index === position ? 'is this migration itself' : `is ${first.candidate.relativePath}, which runs after this one`;
    context.report({ messageId: 'dependency-not-earlier', ...where, data: { dependency: entry.text, what } });
  }
}
