/**
 * The CLI's scan on worker threads when it pays: each thread loads the engine and a parser
 * (about a tenth of a second), so small inputs stay on this thread. The result is the same
 * either way (src/parallel/parallel-scan.ts); if a worker fails, the scan runs again here.
 */
import type { EngineOptions, ScanResult } from '../engine/api-types.js';
import type { InputFile } from '../model/types.js';

export { PARALLEL_MIN_FILES, parallelMinBytes, threadCount } from '../parallel/auto-threads.js';

/** Findings (and file roles) of a scan on `threads` worker threads. Rejects when a worker fails. */
export async function scanOnThreads(files: InputFile[], options: EngineOptions, threads: number): Promise<Pick<ScanResult, 'findings' | 'roles'>> {
  const [{ ScanWorkerPool }, { scanOnWorkers }] = await Promise.all([import('../parallel/worker-pool.js'), import('../parallel/parallel-scan.js')]);
  const pool = new ScanWorkerPool(threads);
  try {
    return await scanOnWorkers(pool, files, options);
  } finally {
    await pool.close();
  }
}
