// Lints a list of files in order. (Worker threads were measured and lost on 2 cores: each isolate
// pays the parser's warm-up again; one thread is simpler and faster here.)

import { readFileSync } from 'node:fs';
import { maskOutside } from '../discover/index.js';
import { UsageError } from '../errors.js';
import { ensureParser } from '../sql/parse.js';
import type { Header } from '../sql/header.js';
import type { Finding, SeveritySetting, TransactionScope } from '../types.js';
import { lintBuffer } from './lint-file.js';

export interface FileLintJob {
  /** As reported. */
  path: string;
  absolutePath: string;
  scope?: TransactionScope;
  /**
   * Parts of the file that run on their own (dbmate's up sections), each linted with the rest of the
   * file blanked out so lines and columns stay those of the real file.
   */
  sections?: Array<{ ranges: Array<{ start: number; end: number }>; scope: TransactionScope }>;
}

export interface LintJobOptions {
  postgresVersion: number;
  severities: ReadonlyMap<string, SeveritySetting>;
}

export interface LintedFile {
  path: string;
  findings: Finding[];
  header: Header;
  /** Set and database rules the file ignores as a whole (see FileLint). */
  laterStageIgnores: ReadonlySet<string>;
}

export async function lintFiles(jobs: readonly FileLintJob[], options: LintJobOptions): Promise<LintedFile[]> {
  await ensureParser();
  return jobs.map((job) => {
    let raw: Buffer;
    try {
      raw = readFileSync(job.absolutePath);
    } catch (error) {
      throw new UsageError(`${job.path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (job.sections) {
      const sections = job.sections.map((section) => lintBuffer(job.path, maskOutside(raw, section.ranges), { ...options, scope: section.scope }));
      // The first section carries the lines above `-- migrate:up`, where the header is.
      return {
        path: job.path,
        findings: sections.flatMap((lint) => lint.findings),
        header: sections[0]?.header ?? { fields: new Map(), endLine: 1 },
        laterStageIgnores: new Set(sections.flatMap((lint) => [...lint.laterStageIgnores])),
      };
    }
    const lint = lintBuffer(job.path, raw, { ...options, ...(job.scope ? { scope: job.scope } : {}) });
    return { path: job.path, findings: lint.findings, header: lint.header, laterStageIgnores: lint.laterStageIgnores };
  });
}
