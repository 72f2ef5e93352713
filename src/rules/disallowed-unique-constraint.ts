// PLACEHOLDER so the registry compiles while the rules are written in parallel: replace this file.
import { defineRule } from './rule.js';

export default defineRule({
  meta: { id: 'disallowed-unique-constraint', description: 'placeholder', severity: 'off', risk: 'low', kind: 'statement', messages: { x: { message: '', help: '' } } },
  check() {},
});
