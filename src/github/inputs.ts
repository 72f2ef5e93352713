// The action's inputs (action.yml), validated with zod at the boundary. `core.getInput` returns ''
// for an input the workflow did not set, so every schema here treats '' as "not given"; errors name
// the input and say what it accepts, never a zod dump.

import { z } from 'zod';
import { UsageError } from '../errors.js';
import { INPUTS, TRUE_WORDS } from './input-names.js';

export { INPUTS } from './input-names.js';

export const OUTPUTS = { risk: 'risk', verification: 'verification', findings: 'findings', report: 'report', sarif: 'sarif', pending: 'pending' } as const;

const optionalText = z.string().transform((value) => (value === '' ? undefined : value));

// The YAML 1.2 core schema's booleans, which is what `core.getBooleanInput` accepts too.
const FALSE_WORDS = ['false', 'False', 'FALSE'];

/** A boolean input: '' (not given) is `fallback`. */
const booleanInput = (fallback: boolean) =>
  z
    .string()
    .refine((value) => value === '' || TRUE_WORDS.includes(value) || FALSE_WORDS.includes(value), 'must be true or false')
    .transform((value) => (value === '' ? fallback : TRUE_WORDS.includes(value)));

const inputsSchema = z.object({
  [INPUTS.githubToken]: optionalText,
  [INPUTS.databaseUrl]: optionalText,
  [INPUTS.targetDatabaseUrl]: optionalText,
  [INPUTS.config]: optionalText,
  [INPUTS.migrations]: optionalText,
  [INPUTS.base]: optionalText,
  [INPUTS.failOn]: z
    // `info` is for the deploy gate only (settings.ts refuses it otherwise): it fails while a
    // migration is pending. The message keeps to the three every run accepts.
    .enum(['', 'error', 'warning', 'info', 'never'], { error: 'must be error, warning or never' })
    .transform((value) => (value === '' ? undefined : value)),
  [INPUTS.comment]: booleanInput(true),
  [INPUTS.reviewSuggestions]: booleanInput(false),
  [INPUTS.sarifSecuritySeverity]: booleanInput(false),
  // Off unless asked: a GitHub-hosted runner starts with an empty cache, so saving one only costs.
  [INPUTS.cache]: booleanInput(false),
  [INPUTS.postgresVersion]: z
    .string()
    .regex(/^(\d{2})?$/, 'must be a PostgreSQL major version such as 16')
    .transform((value) => (value === '' ? undefined : Number(value)))
    .refine((value) => value === undefined || (value >= 10 && value <= 30), 'must be a PostgreSQL major version from 10 to 30'),
  [INPUTS.workingDirectory]: z.string().transform((value) => value || '.'),
});

export type ActionInputs = z.infer<typeof inputsSchema>;

/** Reads and validates every input; `getInput` is `core.getInput` (trimmed, '' when unset). */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const raw = Object.fromEntries(Object.values(INPUTS).map((name) => [name, getInput(name)]));
  const result = inputsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0]);
  throw new UsageError(`input '${name}' ${issue.message} (got '${raw[name]}')`);
}
