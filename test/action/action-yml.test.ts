// action.yml is the action's public contract: its inputs and outputs must be exactly the ones the
// code reads and writes, with the documented defaults, and it must run the bundle on Node 24.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS, OUTPUTS } from '../../src/github/inputs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  description: string;
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
};

describe('action.yml', () => {
  it('declares exactly the inputs and outputs the code uses, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(INPUTS).sort());
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(OUTPUTS).sort());
    for (const input of Object.values(action.inputs)) {
      expect(input.description.length).toBeGreaterThan(20);
      expect(input.required).toBe(false);
    }
  });

  it('has the documented defaults', () => {
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
    expect(action.inputs.comment!.default).toBe('true');
    expect(action.inputs['review-suggestions']!.default).toBe('false');
    expect(action.inputs['sarif-security-severity']!.default).toBe('false');
    expect(action.inputs.cache!.default).toBe('false');
    expect(action.inputs['working-directory']!.default).toBe('.');
    for (const name of ['database-url', 'target-database-url', 'config', 'migrations', 'base', 'fail-on', 'postgres-version']) expect(action.inputs[name]!.default).toBe('');
  });

  it('runs dist/index.js on node24, with a Marketplace-sized description', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.description.length).toBeLessThanOrEqual(125);
  });
});
