/**
 * The CLI's scan on worker threads when it pays: each thread loads the engine and a parser
 * (about a tenth of a second), so small inputs stay on this thread. The result is the same
 * either way (src/parallel/parallel-scan.ts); if a worker fails, the scan runs again here.
 */
import type { EngineOptions } from '../engine/api-types.js';
import type { FileRole, Finding, InputFile } from '../model/types.js';

export { PARALLEL_MIN_FILES, parallelMinBytes, threadCount } from '../parallel/auto-threads.js';

/** Findings (and file roles) of a scan on `threads` worker threads. Rejects when a worker fails. */
export async function scanOnThreads(files: InputFile[], options: EngineOptions, threads: number): Promise<{ findings: Finding[]; roles: Map<string, FileRole> }> {
  const [{ ScanWorkerPool }, { scanOnWorkers }] = await Promise.all([import('../parallel/worker-pool.js'), import('../parallel/parallel-scan.js')]);
  const pool = new ScanWorkerPool(threads);
  try {
    const { findings, roles } = await scanOnWorkers(pool, files, options);
    return { findings, roles };
  } finally {
    await pool.close();
  }
}
