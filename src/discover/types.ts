// The plain data the discover stage hands to the rest of the pipeline: which migrations a directory
// holds, in the order their runner applies them, and what the runner does with each file.

import type { TransactionScope } from '../types.js';

export const LAYOUT_NAMES = ['plain', 'drizzle', 'prisma', 'golang-migrate', 'dbmate', 'flyway', 'goose'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];
/** The `layout:` setting: `auto` detects the layout from the directory. */
export type LayoutSetting = 'auto' | LayoutName;

/**
 * What the runner of plain files does around each file (config `runner:`): the gate knows every
 * other layout's runner, but plain files are run by many (psql scripts, postgres-migrations, ...).
 */
export interface PlainRunner {
  /** `per-file`: the runner wraps each file in BEGIN ... COMMIT (postgres-migrations does). */
  transaction: 'none' | 'per-file';
  /** Text whose presence in a file runs it without that transaction (`-- postgres-migrations disable-transaction`). */
  noTransactionMarker?: string;
  /** `whole-file`: the runner sends each file as one query (one implicit transaction when it holds several statements). */
  send: 'statements' | 'whole-file';
}

export const DEFAULT_PLAIN_RUNNER: PlainRunner = { transaction: 'none', send: 'statements' };

/** A file named the way the gate reports it, and where it really is. */
export interface FileRef {
  /** Relative to the working directory with `/` separators (absolute only when outside it). */
  path: string;
  absolutePath: string;
  /** Relative to the migrations directory, `/` separators: `0001_x.sql`, `20250101_x/migration.sql`. */
  relativePath: string;
}

/** A byte range of a file, as read from disk (a BOM counts), with the lines it spans. */
export interface SectionRange {
  /** Offset of the section's first byte (the start of its directive line: `-- migrate:up`, `-- +goose Down`). */
  start: number;
  /** Offset just past the section's last byte. */
  end: number;
  /** 1-based line of the first byte, in the file as written. */
  line: number;
  /** 1-based line of the last byte (equal to `line` for a one-line section). */
  endLine: number;
}

/**
 * An up/down pair of a file that holds its own rollback, each run on its own: a dbmate file may hold
 * several `-- migrate:up` ... `-- migrate:down` pairs; a goose file holds one `-- +goose Up` ...
 * `-- +goose Down` pair.
 */
export interface MigrationSection {
  up: SectionRange;
  /** Options written after the directive, e.g. dbmate's `{ transaction: 'false' }`; goose has none. */
  upOptions: Readonly<Record<string, string>>;
  upScope: TransactionScope;
  down: SectionRange;
  downOptions: Readonly<Record<string, string>>;
  downScope: TransactionScope;
}

export type Rollback =
  | { kind: 'none' }
  /** A separate file: paired `_rollback.sql`, golang-migrate `.down.sql`, Flyway `U` file. */
  | ({ kind: 'file' } & FileRef)
  /** dbmate, goose: the down sections of the migration's own file, in the order the runner runs them. */
  | { kind: 'sections'; ranges: readonly SectionRange[] };

/** A Drizzle journal entry (`meta/_journal.json`), with where it is written. */
export interface JournalEntry {
  idx: number;
  /** Milliseconds since the epoch; the migrator skips an entry not later than the newest applied one. */
  when: number;
  tag: string;
  breakpoints: boolean;
  /** Position in `entries[]`: the order the migrator runs them in. */
  position: number;
  /** Path of the journal, as reported. */
  journalPath: string;
  /** 1-based line of the entry's `"tag"` in the journal (of the entry's `{` if it has none). */
  line: number;
}

export interface Migration extends FileRef {
  layout: LayoutName;
  /** `repeatable` only for Flyway `R__` files, which run after every versioned migration. */
  kind: 'versioned' | 'repeatable';
  /** The version as written in the name (`0001`, `20250528120000`, Flyway `1_2`); '' for repeatables. */
  version: string;
  /** Comparable version: numeric parts without leading zeros; compare with `compareVersionKeys`. */
  versionKey: readonly string[];
  /** The descriptive part of the name (`add_users`); a Flyway description keeps its underscores. */
  name: string;
  rollback: Rollback;
  /** How the runner wraps the file in a transaction (for dbmate and goose: the first up section's scope). */
  scope: TransactionScope;
  /**
   * How the runner cuts the file into queries: Drizzle sends each `--> statement-breakpoint` piece;
   * goose each piece its line-based splitter ends (a line ending in `;`, or a StatementEnd line).
   */
  statementSplit: 'parser' | 'drizzle-breakpoints' | 'goose-lines';
  /** dbmate and goose: the sections of the file; lint each up section with its own scope. Empty when the runner refuses the file. */
  sections?: readonly MigrationSection[];
  /**
   * goose: Go migrations (`.go` files) the runner runs before this one, as reported paths. The gate
   * cannot run Go code, so the database stage applies the SQL migrations without them and says so.
   */
  goMigrationsBefore?: readonly string[];
  /** Drizzle with a journal only. */
  journal?: JournalEntry;
}

export type DiscoveryProblemCode =
  /** A `.sql` file that no pattern of the layout accepts: its runner ignores it or refuses to start. */
  | 'unrecognized-file'
  /** A rollback (paired file, `.down.sql`, Flyway `U`) whose migration does not exist. */
  | 'orphan-rollback'
  /** Two files that the runner would both take for one migration's rollback. */
  | 'duplicate-rollback'
  | 'journal-invalid'
  | 'journal-entry-without-file'
  | 'file-not-in-journal'
  /** A Prisma migration folder without `migration.sql`. */
  | 'missing-migration-sql'
  /** A dbmate file that dbmate refuses to parse. */
  | 'dbmate-invalid'
  /**
   * A goose file that goose refuses (annotations out of place, a statement without its `;`), or one
   * whose statements goose's line-based splitter cuts where Postgres would not, or a version that
   * clashes with a Go migration.
   */
  | 'goose-invalid'
  | 'unreadable-file'
  /** A symbolic link out of the repository, or a `.sql` entry that is no regular file (a FIFO): not read. */
  | 'refused-file';

/** Something wrong with the migration set itself, located at a file (and a line where it helps). */
export interface DiscoveryProblem {
  code: DiscoveryProblemCode;
  /** File the problem is in, as reported. */
  path: string;
  line: number;
  column: number;
  /** What is wrong, then what to do. */
  message: string;
  /**
   * The file the problem is about, as reported, when that is not `path`: a journal entry's
   * missing `.sql` file. Lets `check` tell a problem the change made from one already merged.
   */
  subject?: string;
}

export interface DiscoveryResult {
  layout: LayoutName;
  /** Why this layout: `configured`, or the evidence auto-detection found. */
  layoutReason: string;
  /** The migrations directory, as reported. */
  dir: string;
  absoluteDir: string;
  /** In the order the runner applies them. */
  migrations: Migration[];
  problems: DiscoveryProblem[];
}
