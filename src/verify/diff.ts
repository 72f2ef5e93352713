// Object-level comparison of two schema snapshots: which objects are missing, which are extra, and
// which attribute of an object differs, each said in one line ("column users.email: type text →
// character varying(200)") rather than as a text diff of a dump.

import type { SchemaSnapshot } from './snapshot.js';

export interface SchemaDifference {
  /** `${kind} ${name}`, e.g. `column users.email`. */
  object: string;
  change: 'missing' | 'extra' | 'changed';
  /** For `changed`: the attribute, with the expected and actual values ('' when absent). */
  attribute?: string;
  expected?: string;
  actual?: string;
}

export function diffSnapshots(expected: SchemaSnapshot, actual: SchemaSnapshot): SchemaDifference[] {
  const differences: SchemaDifference[] = [];
  const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  for (const key of keys) {
    const before = expected.get(key);
    const after = actual.get(key);
    if (!after) {
      differences.push({ object: key, change: 'missing' });
      continue;
    }
    if (!before) {
      differences.push({ object: key, change: 'extra' });
      continue;
    }
    const attributes = [...new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)])].sort();
    for (const attribute of attributes) {
      const was = before.attributes[attribute] ?? '';
      const now = after.attributes[attribute] ?? '';
      if (was !== now) differences.push({ object: key, change: 'changed', attribute, expected: was, actual: now });
    }
  }
  return differences;
}

export interface DifferenceWording {
  /** e.g. `not restored by the rollback`. */
  missing: string;
  /** e.g. `left behind by the rollback`. */
  extra: string;
}

const SHORT_VALUE = 60;

export function describeDifference(difference: SchemaDifference, wording: DifferenceWording): string {
  if (difference.change === 'missing') return `${difference.object}: ${wording.missing}`;
  if (difference.change === 'extra') return `${difference.object}: ${wording.extra}`;
  const was = difference.expected ?? '';
  const now = difference.actual ?? '';
  if (was.length <= SHORT_VALUE && now.length <= SHORT_VALUE && !was.includes('\n') && !now.includes('\n')) {
    return `${difference.object}: ${difference.attribute} ${shown(was)} → ${shown(now)}`;
  }
  // Long definitions (function bodies, views): the first line that differs says enough.
  const wasLines = was.split('\n');
  const nowLines = now.split('\n');
  let line = 0;
  while (line < wasLines.length && wasLines[line] === nowLines[line]) line++;
  return `${difference.object}: ${difference.attribute} differs at line ${line + 1}: ${shown(clip(wasLines[line] ?? ''))} → ${shown(clip(nowLines[line] ?? ''))}`;
}

function shown(value: string): string {
  return value === '' ? 'none' : value.trim();
}

function clip(value: string): string {
  const trimmed = value.trim();
  return trimmed.length > SHORT_VALUE ? `${trimmed.slice(0, SHORT_VALUE - 1)}…` : trimmed;
}
