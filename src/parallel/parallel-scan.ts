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
import type { ScanWorker, ScanWorkerPool } from './worker-pool.js';

/** Batches per worker: small enough to even out files of different cost, large enough to keep messages few. */
const BATCHES_PER_WORKER = 8;

/** Tags of this process's scans (see the `load` message). */
let scans = 0;

export async function scanOnWorkers(pool: ScanWorkerPool, files: readonly InputFile[], options: EngineOptions = {}, maxWorkers = pool.size): Promise<Omit<ScanOutput, 'context'>> {
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

    const parts = await dispatch<IndexPart>(scan, workers, batches, (batch, paths) => ({ type: 'index', batch, paths }), (m) => (m.type === 'index' ? [m.batch, m.part] : undefined));
    const index = mergeIndexParts(parts);
    const shared: WorkerIndex = { code: index.code, jobPaths: index.jobPaths, testIdentifiers: [...index.testIdentifiers], hasTestSuite: index.hasTestSuite };
    const told = new Set<ScanWorker>();
    let done = 0;
    const outcomes = await dispatch<FileOutcome[]>(
      scan,
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
        : await dispatch<Finding[]>(scan, [...told].slice(0, 1), [[]], () => ({ type: 'repo', files: merged.flatMap((o) => o.repoFile ?? []) }), (m) => (m.type === 'repo' ? [0, m.findings] : undefined));
    return mergeOutcomes(merged, options, repoFindings);
  } finally {
    for (const worker of workers) worker.post({ type: 'unload' });
    pool.release(workers);
  }
}

/** A scan's result as `Engine.scan` gives it, from the worker threads. */
export async function scanResultOnWorkers(pool: ScanWorkerPool, files: readonly InputFile[], options: EngineOptions, maxWorkers: number): Promise<ScanResult> {
  return scanResultOf(await scanOnWorkers(pool, files, options, maxWorkers));
}

/** Hands the batches to the workers as each becomes free; the results in batch order. Replies to other scans are dropped. */
function dispatch<R>(
  scan: number,
  workers: readonly ScanWorker[],
  batches: readonly string[][],
  request: (batch: number, paths: string[], worker: ScanWorker) => ToWorker,
  result: (message: FromWorker) => [number, R] | undefined,
): Promise<R[]> {
  return new Promise((resolve, reject) => {
    const results: R[] = new Array(batches.length);
    let next = 0;
    let pending = batches.length;
    let failed = false;
    if (pending === 0) return resolve(results);
    const give = (worker: ScanWorker): void => {
      if (next >= batches.length) return;
      const batch = next++;
      worker.post(request(batch, batches[batch], worker));
    };
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    for (const worker of workers) {
      worker.listen(
        (message) => {
          if (failed || message.scan !== scan) return;
          if (message.type === 'failed') return fail(new Error(`scan worker failed: ${message.message}`));
          const got = result(message);
          if (!got) return;
          results[got[0]] = got[1];
          if (--pending === 0) return resolve(results);
          give(worker);
        },
        fail,
      );
      give(worker);
    }
  });
}
