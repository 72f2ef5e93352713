// The style of a migration's description (`add_user_email`, `add-user-email`, `addUserEmail`), and
// which styles a history already uses: a repository that has always named migrations in kebab-case
// is not told to use snake_case.

import type { Migration } from '../../discover/index.js';

export const DESCRIPTION_STYLES = ['snake_case', 'kebab-case', 'camelCase'] as const;
export type DescriptionStyle = (typeof DESCRIPTION_STYLES)[number];

/** `one-word` (`init`) fits every style; `other` fits none (spaces, mixed separators, `Add_Users`). */
export function styleOf(name: string): DescriptionStyle | 'one-word' | 'other' {
  if (/^[a-z0-9]+$/.test(name)) return 'one-word';
  if (/^[a-z0-9]+(?:_[a-z0-9]+)+$/.test(name)) return 'snake_case';
  if (/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(name)) return 'kebab-case';
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(name)) return 'camelCase';
  return 'other';
}

export interface HistoryStyles {
  /** Styles at least a fifth of the history's names use; snake_case when the history has none. */
  accepted: ReadonlySet<DescriptionStyle>;
  /** How many names of the history use each style, e.g. "snake_case (41 of 43)". */
  describe(style: DescriptionStyle): string;
  /** Whether a style was inferred from merged migrations (false: the default for an empty history). */
  fromHistory: boolean;
}

/** A fifth: a style that rare in a history is a slip, not the team's convention. */
const SHARE_OF_A_CONVENTION = 0.2;

export function historyStyles(history: readonly Migration[]): HistoryStyles {
  const counts = new Map<DescriptionStyle, number>();
  let total = 0;
  for (const migration of history) {
    const style = styleOf(migration.name);
    if (style === 'one-word') continue;
    total++;
    if (style !== 'other') counts.set(style, (counts.get(style) ?? 0) + 1);
  }
  const accepted = new Set(DESCRIPTION_STYLES.filter((style) => (counts.get(style) ?? 0) >= total * SHARE_OF_A_CONVENTION && (counts.get(style) ?? 0) > 0));
  const fromHistory = accepted.size > 0;
  return {
    accepted: fromHistory ? accepted : new Set(['snake_case']),
    describe: (style) => `${style} (${counts.get(style) ?? 0} of ${total})`,
    fromHistory,
  };
}

/** Whether `name` is written in one of `styles` (a lower-case word fits all of them). */
export function fitsStyles(name: string, styles: ReadonlySet<DescriptionStyle>): boolean {
  const style = styleOf(name);
  if (style === 'one-word') return true;
  return style !== 'other' && styles.has(style);
}

/** `AddUserEmail` or `add user email` in the given style. */
export function inStyle(name: string, style: DescriptionStyle): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
  if (words.length === 0) words.push('add', 'users', 'table');
  if (style === 'snake_case') return words.join('_');
  if (style === 'kebab-case') return words.join('-');
  return words.map((word, i) => (i === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
}
