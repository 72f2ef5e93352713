// Up, down, up again: the second up must work and give the same schema as the first. When it does
// not, the rollback leaves something behind (or the migration depends on state it does not create),
// and a roll-forward after a rollback fails in production.

import { defineDatabaseRule } from './rule.js';

export default defineDatabaseRule({
  meta: {
    id: 'reapply-failed',
    description: 'After its rollback, the migration must apply again and give the same schema as the first time.',
    severity: 'error',
    risk: 'medium',
    kind: 'database',
    messages: {
      failed: {
        message: 'The migration fails when applied again after its rollback: {{error}}.',
        help: 'The rollback leaves something the migration trips over the second time: make the down script remove everything the migration creates.',
      },
      mismatch: {
        message: 'Applied again after its rollback, the migration gives another schema than the first time ({{differenceCount}}): {{differences}}.',
        help: 'Make the down script undo the migration completely, so that the migration meets the same schema each time it runs.',
      },
    },
  },
});
