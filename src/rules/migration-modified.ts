// A merged migration has run on every environment already: editing it changes nothing there (and
// makes fresh databases differ from old ones), renaming or deleting it makes runners re-apply it
// under its new name or fail their history checks (Flyway and Prisma checksums).

import { defineSetRule } from './rule.js';

export default defineSetRule({
  meta: {
    id: 'migration-modified',
    description: 'A merged migration is never edited, renamed or deleted; changes go into a new migration.',
    severity: 'error',
    risk: 'high',
    kind: 'set',
    messages: {
      edited: {
        message: '{{file}} is already merged and this change edits it: databases that ran it will never run the edit, and fresh databases will differ from them.',
        help: 'Restore {{file}} as it is on the base branch and put the change in a new migration.',
      },
      renamed: {
        message: '{{file}} renames the merged migration {{from}}: runners that track names or versions will apply it again, or fail their history check.',
        help: 'Restore the original name {{from}}; a migration\'s name is part of the applied history.',
      },
      deleted: {
        message: 'The merged migration {{file}} is deleted: databases that ran it keep its changes, and fresh databases will not have them.',
        help: 'Restore {{file}}; to undo what it did, write a new migration.',
      },
    },
  },
  check({ set, report }) {
    if (!set.changes || !set.base) return;
    // Flyway's repeatable migrations (R__) are meant to be edited: they re-run when they change.
    const merged = new Map(set.base.filter((m) => m.kind === 'versioned').map((m) => [m.path, m]));
    for (const path of set.changes.modified) {
      if (merged.has(path)) report({ messageId: 'edited', path, data: { file: merged.get(path)!.relativePath } });
    }
    for (const { from, to } of set.changes.renamed) {
      if (merged.has(from)) report({ messageId: 'renamed', path: to, data: { file: to, from } });
    }
    for (const path of set.changes.deleted) {
      if (merged.has(path)) report({ messageId: 'deleted', path, data: { file: path } });
    }
  },
});
