/**
 * The CLI's scan on worker threads when it pays: each thread loads the engine and a parser
 * (about a tenth of a second), so small inputs stay on this thread. The result is the same
 * either way (src/parallel/parallel-scan.ts); if a worker fails, the scan runs again here.
 */
import { availableParallelism } from 'node:os';
import type { EngineOptions } from '../engine/api-types.js';
import type { Finding, InputFile } from '../model/types.js';
import type { Concurrency } from './args.js';

/** Below these, starting threads costs more than it saves (measured on the bundled example scaled up). */
export const PARALLEL_MIN_FILES = 64;
export const PARALLEL_MIN_BYTES = 256 * 1024;

export function threadCount(concurrency: Concurrency, files: readonly InputFile[], cores = availableParallelism()): number {
  if (concurrency === 'off') return 1;
  if (typeof concurrency === 'number') return Math.min(concurrency, files.length || 1);
  if (files.length < PARALLEL_MIN_FILES) return 1;
  let bytes = 0;
  for (const file of files) bytes += typeof file.content === 'string' ? file.content.length : file.content.byteLength;
  return bytes < PARALLEL_MIN_BYTES ? 1 : Math.max(1, Math.min(cores, 8));
}

/** Findings of a scan on `threads` worker threads. Rejects when a worker fails. */
export async function scanOnThreads(files: InputFile[], options: EngineOptions, threads: number): Promise<Finding[]> {
  const [{ ScanWorkerPool }, { scanOnWorkers }] = await Promise.all([import('../parallel/worker-pool.js'), import('../parallel/parallel-scan.js')]);
  const pool = new ScanWorkerPool(threads);
  try {
    return (await scanOnWorkers(pool, files, options)).findings;
  } finally {
    await pool.close();
  }
}
