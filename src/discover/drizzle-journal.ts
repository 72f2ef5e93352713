// Reading Drizzle's `meta/_journal.json`. The journal, not the file names, decides what the
// migrator runs and in which order, so every entry keeps the line it is written on: findings about
// an entry (out of order, no file) point at the journal line a reviewer has to change.

import { positionInText } from './lines.js';
import { problemAt } from './problems.js';
import type { DiscoveryProblem, JournalEntry } from './types.js';

export interface ParsedJournal {
  /** Undefined when the journal cannot be read at all (bad JSON, no `entries` array). */
  entries: JournalEntry[] | undefined;
  problems: DiscoveryProblem[];
}

export function parseDrizzleJournal(text: string, journalPath: string): ParsedJournal {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 quotes the input in some messages; the file's line is given separately, so drop it.
    const detail = message.replace(/, ".*" is not valid JSON$/s, '').replace(/\s+/g, ' ');
    return {
      entries: undefined,
      problems: [
        problemAt(
          'journal-invalid',
          journalPath,
          `the Drizzle journal is not valid JSON (${detail}); fix the file, or regenerate it with drizzle-kit`,
          positionInText(text, jsonErrorIndex(message, text)),
        ),
      ],
    };
  }

  const rawEntries = (document as { entries?: unknown } | null)?.entries;
  if (typeof document !== 'object' || document === null || !Array.isArray(rawEntries)) {
    return {
      entries: undefined,
      problems: [
        problemAt(
          'journal-invalid',
          journalPath,
          'the Drizzle journal has no "entries" array, so the migrator cannot run anything; regenerate it with drizzle-kit',
        ),
      ],
    };
  }

  const tagLocations = findTagLocations(text);
  const entriesLine = positionInText(text, Math.max(0, text.indexOf('"entries"'))).line;
  const entries: JournalEntry[] = [];
  const problems: DiscoveryProblem[] = [];
  rawEntries.forEach((raw: unknown, position) => {
    const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const tag = entry['tag'];
    const line = typeof tag === 'string' ? takeTagLine(tagLocations, tag) ?? entriesLine : entriesLine;
    const idx = entry['idx'];
    const when = entry['when'];
    if (typeof tag !== 'string' || tag === '' || !Number.isInteger(idx) || typeof when !== 'number') {
      problems.push(
        problemAt(
          'journal-invalid',
          journalPath,
          `journal entry ${position} needs a string "tag", an integer "idx" and a numeric "when"; fix the entry or regenerate the journal with drizzle-kit`,
          { line, column: 1 },
        ),
      );
      return;
    }
    entries.push({ idx: idx as number, when, tag, breakpoints: entry['breakpoints'] === true, position, journalPath, line });
  });
  return { entries, problems };
}

interface TagLocation {
  tag: string;
  line: number;
  used: boolean;
}

function findTagLocations(text: string): TagLocation[] {
  const locations: TagLocation[] = [];
  for (const match of text.matchAll(/"tag"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
    let tag: string;
    try {
      tag = JSON.parse(`"${match[1]}"`) as string;
    } catch {
      continue;
    }
    locations.push({ tag, line: positionInText(text, match.index).line, used: false });
  }
  return locations;
}

/** The first not yet used `"tag"` with this value: duplicate tags get their own lines in order. */
function takeTagLine(locations: TagLocation[], tag: string): number | undefined {
  const location = locations.find((candidate) => !candidate.used && candidate.tag === tag);
  if (!location) return undefined;
  location.used = true;
  return location.line;
}

/**
 * Where parsing failed. V8 names the index in most messages ("... at position 42"); otherwise it
 * names the unexpected character, found here outside string literals: a merge conflict marker
 * (`<<<<<<<`) from two branches that both appended an entry is the usual case.
 */
function jsonErrorIndex(message: string, text: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (/end of (JSON )?input/i.test(message)) return text.length;
  const token = /Unexpected token '(.)'/su.exec(message)?.[1];
  return token === undefined ? 0 : Math.max(0, indexOutsideStrings(text, token));
}

function indexOutsideStrings(text: string, char: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const current = text[i];
    if (inString) {
      if (current === '\\') i++;
      else if (current === '"') inString = false;
    } else if (current === '"') {
      inString = true;
    } else if (current === char) {
      return i;
    }
  }
  return -1;
}
