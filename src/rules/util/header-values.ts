// Parsing of header field values. Each parser returns undefined for a value it does not accept,
// so the header rules can tell "absent" (no field) from "bad" (a field with a wrong value).

import type { Risk } from '../../types.js';

export const RISK_LEVELS: readonly Risk[] = ['low', 'medium', 'high'];

/** `low`, `Medium`, `HIGH` -> the risk; anything else undefined. */
export function parseRiskLevel(value: string): Risk | undefined {
  const lower = value.trim().toLowerCase();
  return RISK_LEVELS.find((level) => level === lower);
}

/** `true` / `false` in any case; `yes`, `1`, ... are not accepted: the annotation is documented as a boolean. */
export function parseBoolean(value: string): boolean | undefined {
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** `YYYY-MM-DD` naming a day that exists (`2025-02-30` and `2025-13-01` do not; `2024-02-29` does). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface ListEntry {
  text: string;
  /** Characters (code points) from the start of the value to the entry. */
  offset: number;
}

/** `a, b,,c` -> `a`, `b`, `c` with where each starts in the value; empty entries are dropped. */
export function splitList(value: string): ListEntry[] {
  const entries: ListEntry[] = [];
  let position = 0;
  for (const part of value.split(',')) {
    const leading = part.length - part.trimStart().length;
    const text = part.trim();
    if (text !== '') entries.push({ text, offset: [...value.slice(0, position + leading)].length });
    position += part.length + 1;
  }
  return entries;
}
