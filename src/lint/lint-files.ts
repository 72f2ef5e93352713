// Lints a list of files in order. (Worker threads were measured and lost on 2 cores: each isolate
// pays the parser's warm-up again; one thread is simpler and faster here.)

import { readFileSync } from 'node:fs';
import { maskOutside } from '../discover/index.js';
import { UsageError } from '../errors.js';
import { ensureParser, parseSource } from '../sql/parse.js';
import type { Header } from '../sql/header.js';
import { decodeSource, positionAt } from '../sql/source.js';
import { PSQL_STYLE_SCOPE, type Finding, type SeveritySetting, type TransactionScope } from '../types.js';
import { buildFileModel } from './file-model.js';
import { lintBuffer, type FileLint } from './lint-file.js';
import { chainProofs, NO_LAZY_NOT_NULL_PROOFS, type LazyNotNullProofs, type NotNullProofs } from './not-null-proofs.js';
import { NO_UNCOMMITTED_ENUMS, type UncommittedEnums } from './uncommitted-enums.js';


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
  /**
   * The pending batch the job belongs to: its migrations directory, whose pending migrations a
   * runner with `TransactionScope.batchesPending` (Drizzle) runs in one transaction, so what one
   * leaves uncommitted reaches the next. Unset for a file linted on its own, and for a migration
   * the next deploy does not run (a merged one the change edits).
   */
  batch?: string;
  /**
   * The migrations directory of the job: what its earlier migrations left in place (NOT NULL
   * proofs) reaches it. Unset for a file linted on its own (those given together share one chain).
   */
  directory?: string;
  /**
   * A merged migration `check` does not lint: replayed in its place in the runner's order, not
   * linted, for what it leaves in place that a later job may rely on (NOT NULL proofs).
   */
  replayOnly?: boolean;
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
  /** What the last file of a batch left uncommitted in the runner's transaction. */
  let batchState: { batch: string; enums: UncommittedEnums } | undefined;
  /** What the migrations so far left in place, per directory; files given alone share ''. */
  const proofsByDirectory = new Map<string, LazyNotNullProofs>();
  return jobs.flatMap((job) => {
    if (job.replayOnly) {
      const directory = job.directory ?? '';
      const before = proofsByDirectory.get(directory) ?? NO_LAZY_NOT_NULL_PROOFS;
      proofsByDirectory.set(directory, replayedProofs(job, before));
      return [];
    }
    let raw: Buffer;
    try {
      raw = readFileSync(job.absolutePath);
    } catch (error) {
      throw new UsageError(`${job.path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const lintPart = (bytes: Buffer, scope: TransactionScope | undefined): FileLint => {
      const batch = scope?.batchesPending ? job.batch : undefined;
      const uncommittedEnums = batch !== undefined && batchState?.batch === batch ? batchState.enums : NO_UNCOMMITTED_ENUMS;
      const directory = job.directory ?? '';
      const notNullProofs = proofsByDirectory.get(directory) ?? NO_LAZY_NOT_NULL_PROOFS;
      const lint = lintBuffer(job.path, bytes, {
        ...options,
        ...(scope ? { scope } : {}),
        context: { newTables, lockTimeoutSet: options.runnerLockTimeout ?? false, uncommittedEnums, notNullProofs },
      });
      proofsByDirectory.set(directory, lint.model?.notNullProofsAtEnd ?? notNullProofs);
      // A file that is not itself new (an edited merged one) adds nothing: its tables exist in production.
      const atEnd = lint.model?.newTablesAtEnd ?? newTables;
      newTables = job.newInChange ? atEnd : new Set([...newTables].filter((key) => atEnd.has(key)));
      if (batch !== undefined) batchState = { batch, enums: lint.model ? locatedAtEnd(lint, job.path) : uncommittedEnums };
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

/**
 * The NOT NULL proofs in place after a merged migration, from its statements (an unreadable file
 * changes nothing): read and parsed only when a later file asks for them.
 */
function replayedProofs(job: FileLintJob, before: LazyNotNullProofs): LazyNotNullProofs {
  return chainProofs(before, (start: NotNullProofs) => {
    let raw: Buffer;
    try {
      raw = readFileSync(job.absolutePath);
    } catch {
      return start;
    }
    const parts = job.sections?.map((section) => ({ bytes: maskOutside(raw, section.ranges), scope: section.scope })) ?? [{ bytes: raw, scope: job.scope }];
    let proofs = start;
    for (const { bytes, scope } of parts) {
      const decoded = decodeSource(job.path, bytes);
      if (!decoded.ok) continue;
      const carried = proofs;
      proofs = buildFileModel(parseSource(decoded.source).statements, scope ?? PSQL_STYLE_SCOPE, { notNullProofs: () => carried }).notNullProofsAtEnd();
    }
    return proofs;
  });
}

/**
 * The enum changes the file leaves uncommitted, each value added by this file named by its path
 * and line: the next file of the batch reports a use of it there.
 */
function locatedAtEnd(lint: FileLint, path: string): UncommittedEnums {
  const { model, source } = lint;
  if (!model || !source) return NO_UNCOMMITTED_ENUMS;
  const atEnd = model.uncommittedEnumsAtEnd;
  return {
    createdTypes: atEnd.createdTypes,
    addedValues: atEnd.addedValues.map((value) => {
      if (!('statementIndex' in value.addedBy)) return value;
      const { line } = positionAt(source, model.statements[value.addedBy.statementIndex]!.parsed.start);
      return { ...value, addedBy: { path, line } };
    }),
  };
}
