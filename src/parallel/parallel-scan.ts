/**
 * A scan on worker threads, with the same result as `scanFiles` on one thread: the files are
 * split into batches in path order, each worker indexes and then analyses the batches it pulls,
 * and the outcomes are merged in path order (src/engine/scan-merge.ts).
 */
import type { EngineOptions, ScanResult } from '../engine/api-types.js';
import { mergeIndexParts, type IndexPart } from '../engine/scan-index.js';
import { mergeOutcomes, repoRuleFindings, scanResultOf } from '../engine/scan-merge.js';
import type { FileOutcome } from '../engine/scan-shard.js';
import { inPathOrder, type ScanOutput } from '../engine/scan.js';
import type { Finding, InputFile } from '../model/types.js';
import { packInputs } from './input-table.js';
import type { FromWorker, ToWorker, WorkerIndex } from './protocol.js';
import type { ScanWorker, WorkerSource } from './worker-pool.js';

/** Batches per worker: small enough to even out files of different cost, large enough to keep messages few. */
const BATCHES_PER_WORKER = 8;

/**
 * How long a worker may go without a word before the scan gives it up. A file reports when it is
 * done, and the largest file the engine reads (5 MB) takes seconds; a worker silent this long is
 * stuck, and would hold its thread, and the App's jobs behind it, for ever.
 */
export const SCAN_STALL_MS = 120_000;

/** A worker stopped answering: it was ended, and the scan failed. */
export class ScanStalledError extends Error {
  constructor(ms: number, lastFile: string | undefined) {
    super(`scan worker gave no answer for ${Math.round(ms / 1000)} s${lastFile === undefined ? '' : ` after ${JSON.stringify(lastFile)}`}; it was stopped`);
    this.name = 'ScanStalledError';
  }
}

export interface ScanLimits {
  /** See SCAN_STALL_MS. */
  stallMs?: number;
}

/** Tags of this process's scans (see the `load` message). */
let scans = 0;

export async function scanOnWorkers(pool: WorkerSource, files: readonly InputFile[], options: EngineOptions = {}, maxWorkers = pool.size, limits: ScanLimits = {}): Promise<Omit<ScanOutput, 'context'>> {
  const stallMs = limits.stallMs ?? SCAN_STALL_MS;
  const sorted = inPathOrder(files);
  const byPath = new Map(sorted.map((f) => [f.path, f]));
  const workers = await pool.acquire(maxWorkers);
  const scan = ++scans;
  try {
    const { onProgress, ...workerOptions } = options;
    const table = packInputs(sorted);
    for (const worker of workers) worker.post({ type: 'load', scan, table, options: workerOptions });
    const size = Math.max(1, Math.ceil(sorted.length / (workers.length * BATCHES_PER_WORKER)));
    const batches: string[][] = [];
    for (let i = 0; i < sorted.length; i += size) batches.push(sorted.slice(i, i + size).map((f) => f.path));

    const parts = await dispatch<IndexPart>(scan, stallMs, workers, batches, (batch, paths) => ({ type: 'index', batch, paths }), (m) => (m.type === 'index' ? [m.batch, m.part] : undefined));
    const index = mergeIndexParts(parts);
    const shared: WorkerIndex = { code: index.code, jobPaths: index.jobPaths, testIdentifiers: [...index.testIdentifiers], hasTestSuite: index.hasTestSuite };
    const told = new Set<ScanWorker>();
    let done = 0;
    const outcomes = await dispatch<FileOutcome[]>(
      scan,
      stallMs,
      workers,
      batches,
      (batch, paths, worker) => {
        // The index once per worker, with its first batch.
        const first = !told.has(worker);
        told.add(worker);
        return { type: 'analyse', batch, paths, index: first ? shared : undefined };
      },
      (m) => {
        if (m.type === 'file') onProgress?.(++done, sorted.length, m.path);
        return m.type === 'outcomes' ? [m.batch, m.outcomes] : undefined;
      },
    );
    const merged = outcomes.flat();
    // On a worker that has the job models: this thread never builds them. No files, no worker was sent the index (nor are there job models).
    const [repoFindings] =
      told.size === 0
        ? [repoRuleFindings([], index, options, (path) => byPath.get(path))]
        : await dispatch<Finding[]>(scan, stallMs, [...told].slice(0, 1), [[]], () => ({ type: 'repo', files: merged.flatMap((o) => o.repoFile ?? []) }), (m) => (m.type === 'repo' ? [0, m.findings] : undefined));
    return mergeOutcomes(merged, options, repoFindings);
  } finally {
    for (const worker of workers) worker.post({ type: 'unload' });
    pool.release(workers);
  }
}

/** A scan's result as `Engine.scan` gives it, from the worker threads. */
export async function scanResultOnWorkers(pool: WorkerSource, files: readonly InputFile[], options: EngineOptions, maxWorkers: number, limits: ScanLimits = {}): Promise<ScanResult> {
  return scanResultOf(await scanOnWorkers(pool, files, options, maxWorkers, limits));
}

/**
 * Hands the batches to the workers as each becomes free; the results in batch order. Replies to
 * other scans are dropped. A worker silent for `stallMs` while it has a batch is ended and fails the scan.
 */
function dispatch<R>(
  scan: number,
  stallMs: number,
  workers: readonly ScanWorker[],
  batches: readonly string[][],
  request: (batch: number, paths: string[], worker: ScanWorker) => ToWorker,
  result: (message: FromWorker) => [number, R] | undefined,
): Promise<R[]> {
  return new Promise((resolve, reject) => {
    const results: R[] = new Array(batches.length);
    let next = 0;
    let pending = batches.length;
    let settled = false;
    const timers = new Map<ScanWorker, ReturnType<typeof setTimeout>>();
    const lastFile = new Map<ScanWorker, string>();
    const stop = (): void => {
      settled = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    };
    if (pending === 0) return resolve(results);
    const fail = (error: Error): void => {
      if (settled) return;
      stop();
      reject(error);
    };
    const watch = (worker: ScanWorker): void => {
      clearTimeout(timers.get(worker));
      // A reply that came before `post` returned (an in-process worker) may have settled the scan already.
      if (settled) return;
      timers.set(
        worker,
        setTimeout(() => {
          worker.kill();
          fail(new ScanStalledError(stallMs, lastFile.get(worker)));
        }, stallMs),
      );
    };
    const give = (worker: ScanWorker): void => {
      if (next >= batches.length) {
        clearTimeout(timers.get(worker));
        timers.delete(worker);
        return;
      }
      const batch = next++;
      worker.post(request(batch, batches[batch], worker));
      watch(worker);
    };
    for (const worker of workers) {
      worker.listen(
        (message) => {
          if (settled || message.scan !== scan) return;
          if (message.type === 'failed') return fail(new Error(`scan worker failed: ${message.message}`));
          watch(worker);
          if (message.type === 'file') lastFile.set(worker, message.path);
          const got = result(message);
          if (!got) return;
          results[got[0]] = got[1];
          if (--pending === 0) {
            stop();
            return resolve(results);
          }
          give(worker);
        },
        fail,
      );
      give(worker);
    }
  });
}
