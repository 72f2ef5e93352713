// `header.required` lists the header fields every new migration must carry (`Created`,
// `@risk-level`, ...): the metadata reviewers, release notes and runbooks read from the top of the
// file. A field that is absent, or present with nothing after the colon, is reported where it
// belongs: just after the header block.

import { normaliseFieldName } from '../sql/header.js';
import { defineSetRule } from './rule.js';
import { fieldLabel, fieldTemplate } from './util/header-fields.js';

export default defineSetRule({
  meta: {
    id: 'header-missing-field',
    description: 'New migrations must carry every header field listed in `header.required`.',
    severity: 'warning',
    risk: 'low',
    kind: 'set',
    messages: {
      missing: {
        message: '{{file}} has no `{{field}}` header field; `header.required` asks for it.',
        help: 'Add `{{template}}` to the comment block at the top of the file.',
      },
      empty: {
        message: 'The `{{field}}` header field of {{file}} is empty; `header.required` asks for a value.',
        help: 'Fill it in: `{{template}}`.',
      },
    },
  },
  check({ set, config, report }) {
    // `Created` and `created` in the config are one field: report it once.
    const required = [...new Map(config.header.required.map((name) => [normaliseFieldName(name), name])).values()];
    if (required.length === 0) return;
    for (const { migration, status, header } of set.checked) {
      // A modified merged migration gets migration-modified; its header is history.
      if (status !== 'new') continue;
      for (const configured of required) {
        const field = header.fields.get(normaliseFieldName(configured));
        const data = { file: migration.relativePath, field: fieldLabel(configured), template: fieldTemplate(configured, migration) };
        if (!field) {
          report({ messageId: 'missing', path: migration.path, line: header.endLine, column: 1, data });
        } else if (field.value === '') {
          report({ messageId: 'empty', path: migration.path, line: field.line, column: field.column, data });
        }
      }
    }
  },
});
