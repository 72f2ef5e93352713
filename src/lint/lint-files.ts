// Lints a list of files, in worker threads when there are many. Parsing runs in WASM on one
// thread per isolate, so a large history (hundreds of files) is split across the machine's cores;
// V8 shares the compiled parser between the isolates of one process.

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { maskOutside } from '../discover/index.js';
import { UsageError } from '../errors.js';
import { ensureParser } from '../sql/parse.js';
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
}

/** Below this many files a worker costs more to start than it saves. */
const PARALLEL_THRESHOLD = 100;

/**
 * Set by the bundle's banner (scripts/build.mjs) to the bundle's own URL: workers run the same
 * bundle. Tests run the TypeScript sources, which a worker cannot load, and lint in-thread.
 */
declare global {
  var __PG_MIGRATION_GATE_BUNDLE__: string | undefined;
}

interface WorkerRequest {
  kind: 'pg-migration-gate-lint';
  jobs: FileLintJob[];
  postgresVersion: number;
  severities: Array<[string, SeveritySetting]>;
}

type WorkerReply = { ok: true; results: LintedFile[] } | { ok: false; message: string; usage: boolean };

export async function lintFiles(jobs: readonly FileLintJob[], options: LintJobOptions): Promise<LintedFile[]> {
  const bundle = globalThis.__PG_MIGRATION_GATE_BUNDLE__;
  const threads = threadCount();
  if (!bundle || threads < 2 || jobs.length < PARALLEL_THRESHOLD) return lintInThread(jobs, options);

  // Deal files round-robin by size so every thread gets a similar amount of SQL; keep the results
  // in the input order.
  const order = jobs.map((job, index) => ({ job, index, size: safeSize(job) })).sort((a, b) => b.size - a.size);
  const shares = Array.from({ length: threads }, () => [] as Array<{ job: FileLintJob; index: number }>);
  order.forEach((entry, i) => shares[i % threads]!.push(entry));

  const [mine, ...theirs] = shares;
  const pending = theirs.map((share) => runWorker(bundle, share.map((e) => e.job), options));
  const results = new Array<LintedFile>(jobs.length);
  // The main thread takes a share too: starting one fewer worker saves its start-up time.
  (await lintInThread(mine!.map((e) => e.job), options)).forEach((result, i) => (results[mine![i]!.index] = result));
  const settled = await Promise.all(pending);
  settled.forEach((workerResults, w) => workerResults.forEach((result, i) => (results[theirs[w]![i]!.index] = result)));
  return results;
}

/** Lints in this thread; the WASM parser must be loaded (`ensureParser`). */
function lintLoaded(jobs: readonly FileLintJob[], options: LintJobOptions): LintedFile[] {
  return jobs.map((job) => {
    let raw: Buffer;
    try {
      raw = readFileSync(job.absolutePath);
    } catch (error) {
      throw new UsageError(`${job.path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (job.sections) {
      const findings = job.sections.flatMap((section) => lintBuffer(job.path, maskOutside(raw, section.ranges), { ...options, scope: section.scope }).findings);
      return { path: job.path, findings };
    }
    const lint = lintBuffer(job.path, raw, { ...options, ...(job.scope ? { scope: job.scope } : {}) });
    return { path: job.path, findings: lint.findings };
  });
}

async function lintInThread(jobs: readonly FileLintJob[], options: LintJobOptions): Promise<LintedFile[]> {
  await ensureParser();
  return lintLoaded(jobs, options);
}

/** PG_MIGRATION_GATE_THREADS caps the threads (1 lints in the main thread only); default: the cores, up to 4. */
function threadCount(): number {
  const requested = Number.parseInt(process.env.PG_MIGRATION_GATE_THREADS ?? '', 10);
  return Number.isInteger(requested) && requested > 0 ? requested : Math.min(availableParallelism(), 4);
}

function safeSize(job: FileLintJob): number {
  try {
    return readFileSync(job.absolutePath).length;
  } catch {
    return 0;
  }
}

function runWorker(bundle: string, jobs: FileLintJob[], options: LintJobOptions): Promise<LintedFile[]> {
  const request: WorkerRequest = {
    kind: 'pg-migration-gate-lint',
    jobs,
    postgresVersion: options.postgresVersion,
    severities: [...options.severities],
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(bundle), { workerData: request });
    worker.once('message', (reply: WorkerReply) => {
      if (reply.ok) resolve(reply.results);
      else reject(reply.usage ? new UsageError(reply.message) : new Error(reply.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`lint worker exited with code ${code}`));
    });
  });
}

/** In a worker started by `lintFiles`: lint the share and post the results. Returns false elsewhere. */
export function serveLintWorker(): boolean {
  const request = workerData as WorkerRequest | undefined;
  if (isMainThread || request?.kind !== 'pg-migration-gate-lint') return false;
  lintInThread(request.jobs, { postgresVersion: request.postgresVersion, severities: new Map(request.severities) }).then(
    (results) => parentPort!.postMessage({ ok: true, results } satisfies WorkerReply),
    (error: unknown) =>
      parentPort!.postMessage({ ok: false, message: (error as Error).message, usage: error instanceof UsageError } satisfies WorkerReply),
  );
  return true;
}
