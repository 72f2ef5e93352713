// Lints a list of files in order. (Worker threads were measured and lost on 2 cores: each isolate
// pays the parser's warm-up again; one thread is simpler and faster here.)

import { readFileSync } from 'node:fs';
import { maskOutside } from '../discover/index.js';
import { UsageError } from '../errors.js';
import { ensureParser } from '../sql/parse.js';
import type { Header } from '../sql/header.js';
import type { Finding, SeveritySetting, TransactionScope } from '../types.js';
import { lintBuffer, type FileLint } from './lint-file.js';

export interface FileLintJob {
  /** As reported. */
  path: string;
  absolutePath: string;
  scope?: TransactionScope;
  /**
   * Parts of the file that run on their own (dbmate's and goose's up sections), each linted with the rest of the
   * file blanked out so lines and columns stay those of the real file.
   */
  sections?: Array<{ ranges: Array<{ start: number; end: number }>; scope: TransactionScope }>;
  /**
   * A new migration of the change being checked: the tables it creates stay new for the jobs after
   * it (they ship together). Only `check` with a base sets it; without one nothing is carried over.
   */
  newInChange?: boolean;
}

export interface LintJobOptions {
  postgresVersion: number;
  severities: ReadonlyMap<string, SeveritySetting>;
  /** The runner sets lock_timeout for the session before each file (config `runner.settings`). */
  runnerLockTimeout?: boolean;
}

export interface LintedFile {
  path: string;
  findings: Finding[];
  header: Header;
  /** Set and database rules the file ignores as a whole (see FileLint). */
  laterStageIgnores: ReadonlySet<string>;
}

/** Tables created by the change's new migrations so far, still new (see FileContext.newTables). */
type NewTables = ReadonlySet<string>;

export async function lintFiles(jobs: readonly FileLintJob[], options: LintJobOptions): Promise<LintedFile[]> {
  await ensureParser();
  let newTables: NewTables = new Set();
  return jobs.map((job) => {
    let raw: Buffer;
    try {
      raw = readFileSync(job.absolutePath);
    } catch (error) {
      throw new UsageError(`${job.path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const lintPart = (bytes: Buffer, scope: TransactionScope | undefined): FileLint => {
      const lint = lintBuffer(job.path, bytes, {
        ...options,
        ...(scope ? { scope } : {}),
        context: { newTables, lockTimeoutSet: options.runnerLockTimeout ?? false },
      });
      // A file that is not itself new (an edited merged one) adds nothing: its tables exist in production.
      const atEnd = lint.model?.newTablesAtEnd ?? newTables;
      newTables = job.newInChange ? atEnd : new Set([...newTables].filter((key) => atEnd.has(key)));
      return lint;
    };
    if (job.sections) {
      const sections = job.sections.map((section) => lintPart(maskOutside(raw, section.ranges), section.scope));
      // The first section carries the lines above `-- migrate:up`, where the header is.
      return {
        path: job.path,
        findings: sections.flatMap((lint) => lint.findings),
        header: sections[0]?.header ?? { fields: new Map(), endLine: 1 },
        laterStageIgnores: new Set(sections.flatMap((lint) => [...lint.laterStageIgnores])),
      };
    }
    const lint = lintPart(raw, job.scope);
    return { path: job.path, findings: lint.findings, header: lint.header, laterStageIgnores: lint.laterStageIgnores };
  });
}
